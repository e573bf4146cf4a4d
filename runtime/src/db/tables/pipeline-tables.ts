// The tenant's pipeline tables (tenant-migrations.ts step 6): every stage move, and stale-record
// reminders and reassignments.
import type { ColumnType } from 'kysely';
import type { GeneratedId, Timestamp } from './column-types.ts';

export interface StageHistoryTable {
  id: GeneratedId;
  object: string;
  record_id: string;
  pipeline: string;
  from_stage: string | null;
  to_stage: string;
  moved_at: Timestamp;
  moved_by: string | null;
  actor: string;
  /** numeric(16,3): the drivers return numeric as text. */
  seconds_in_previous: ColumnType<string | null, number | string | null, number | string | null>;
  reason: string | null;
  comment: string | null;
}

export interface RemindersTable {
  id: GeneratedId;
  kind: 'stale' | 'reassigned';
  owner_id: string | null;
  object: string;
  record_id: string;
  pipeline: string;
  stage: string;
  stage_entered_at: Timestamp;
  message: string;
  due_at: Timestamp;
  created_at: Timestamp;
  done_at: Timestamp | null;
}

export interface PipelineTables {
  _stage_history: StageHistoryTable;
  _reminders: RemindersTable;
}
