// `_stage_history` rows: written by a stage move in the write's transaction, read per record
// (GET …/records/:id/stage-history) and for the time spent in the current stage.
import { sql } from 'kysely';
import type { AuditActor } from '../audit/audit-log.ts';
import { isoText } from '../db/iso-text.ts';
import { type ObjectDb, tenantTables } from '../db/tenant-tables.ts';

export interface StageMove {
  object: string;
  recordId: string;
  pipeline: string;
  from: string | null;
  to: string;
  /** ISO instant (the app's clock). */
  movedAt: string;
  actor: AuditActor;
  secondsInPrevious: number | null;
  reason: string | null;
  comment: string | null;
}

export async function insertStageHistory(db: ObjectDb, schema: string, move: StageMove): Promise<void> {
  await tenantTables(db, schema)
    .insertInto('_stage_history')
    .values({
      object: move.object,
      record_id: move.recordId,
      pipeline: move.pipeline,
      from_stage: move.from,
      to_stage: move.to,
      moved_at: move.movedAt,
      moved_by: move.actor.id,
      actor: move.actor.label,
      seconds_in_previous: move.secondsInPrevious,
      reason: move.reason,
      comment: move.comment,
    })
    .execute();
}

/** A record's moves, newest first. */
const recordMoves = (db: ObjectDb, schema: string, object: string, recordId: string) =>
  tenantTables(db, schema)
    .selectFrom('_stage_history')
    .where('object', '=', object)
    .where('record_id', '=', recordId)
    .orderBy('moved_at', 'desc')
    .orderBy('id', 'desc');

/** The record's latest move: when it entered its current stage. */
export async function latestEntry(db: ObjectDb, schema: string, object: string, recordId: string): Promise<{ movedAt: string; to: string } | undefined> {
  const row = await recordMoves(db, schema, object, recordId)
    .select([isoText('moved_at').as('moved_at'), 'to_stage'])
    .limit(1)
    .executeTakeFirst();
  return row ? { movedAt: row.moved_at, to: row.to_stage } : undefined;
}

export interface StageHistoryEntry {
  id: string;
  pipeline: string;
  from: string | null;
  to: string;
  movedAt: string;
  movedBy: string | null;
  actor: string;
  secondsInPrevious: number | null;
  reason: string | null;
  comment: string | null;
}

/** A record's moves, newest first. */
export async function listStageHistory(db: ObjectDb, schema: string, object: string, recordId: string, limit: number): Promise<StageHistoryEntry[]> {
  const rows = await recordMoves(db, schema, object, recordId)
    .select([
      'id',
      'pipeline',
      'from_stage',
      'to_stage',
      isoText('moved_at').as('moved_at'),
      'moved_by',
      'actor',
      sql<number | null>`seconds_in_previous::float8`.as('seconds'),
      'reason',
      'comment',
    ])
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    pipeline: row.pipeline,
    from: row.from_stage,
    to: row.to_stage,
    movedAt: row.moved_at,
    movedBy: row.moved_by,
    actor: row.actor,
    secondsInPrevious: row.seconds === null ? null : Number(row.seconds),
    reason: row.reason,
    comment: row.comment,
  }));
}
