// Row shapes of the approval tables as the engine reads them, and their SQL select lists (times as
// ISO text with milliseconds, so they round-trip exactly on both drivers).
import { sql } from 'kysely';
import type { NormalisedApprovalFlow } from '@tessera/metadata';

import type {
  ApprovalRequestStatus as RequestStatus,
  ApprovalStepStatus as StepStatus,
  ApprovalTaskOrigin as TaskOrigin,
  ApprovalTaskStatus as TaskStatus,
} from '../db/tables/approval-tables.ts';
import { isoText } from '../db/iso-text.ts';

export type { RequestStatus, StepStatus, TaskOrigin, TaskStatus };

export interface StageMove {
  pipeline: string;
  stage: string;
}

export interface RequestRow {
  id: string;
  object: string;
  record_id: string;
  flow: string;
  flow_version: number;
  definition: NormalisedApprovalFlow;
  status: RequestStatus;
  submitted_by: string | null;
  submitter: string;
  comment: string | null;
  current_step: number | null;
  stage_move: StageMove | null;
  submitted_at: string;
  decided_at: string | null;
}

export interface StepRow {
  id: string;
  request_id: string;
  step_index: number;
  step: string;
  mode: string;
  required: number;
  status: StepStatus;
  started_at: string;
  due_at: string | null;
  escalated_at: string | null;
  decided_at: string | null;
}

export interface TaskRow {
  id: string;
  request_id: string;
  step_id: string;
  approver_id: string | null;
  queue_id: string | null;
  base: boolean;
  origin: TaskOrigin;
  status: TaskStatus;
  waits_for: string | null;
  added_by: string | null;
  decided_by: string | null;
  decided_at: string | null;
  comment: string | null;
  created_at: string;
}

export const iso = isoText;

export const REQUEST_COLUMNS = sql`id, object, record_id, flow, flow_version, definition, status, submitted_by, submitter, comment, current_step, stage_move,
  ${iso('submitted_at')} as submitted_at, ${iso('decided_at')} as decided_at`;
export const STEP_COLUMNS = sql`id, request_id, step_index, step, mode, required, status, ${iso('started_at')} as started_at, ${iso('due_at')} as due_at,
  ${iso('escalated_at')} as escalated_at, ${iso('decided_at')} as decided_at`;
export const TASK_COLUMNS = sql`id, request_id, step_id, approver_id, queue_id, base, origin, status, waits_for, added_by, decided_by,
  ${iso('decided_at')} as decided_at, comment, ${iso('created_at')} as created_at`;

/** jsonb arrives parsed from pg and as text from some PGlite paths. */
export function parsed<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

export function requestRow(row: RequestRow): RequestRow {
  return { ...row, definition: parsed(row.definition), stage_move: row.stage_move === null ? null : parsed(row.stage_move) };
}
