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

/** Statements stay under PostgreSQL's 65,535 parameters (11 per move). */
const MOVES_PER_INSERT = 2000;

/** The moves of one write, in multi-row inserts. */
export async function insertStageHistory(db: ObjectDb, schema: string, moves: readonly StageMove[]): Promise<void> {
  for (let at = 0; at < moves.length; at += MOVES_PER_INSERT) {
    await tenantTables(db, schema)
      .insertInto('_stage_history')
      .values(
        moves.slice(at, at + MOVES_PER_INSERT).map((move) => ({
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
        })),
      )
      .execute();
  }
}

/** When each of these records entered its current stage (its latest move), in one query; records without moves are absent. */
export async function latestEntries(db: ObjectDb, schema: string, object: string, recordIds: readonly string[]): Promise<Map<string, string>> {
  if (recordIds.length === 0) return new Map();
  const rows = await sql<{ record_id: string; moved_at: string }>`
    select distinct on (h.record_id) h.record_id, ${isoText('h.moved_at')} as moved_at
    from ${sql.id(schema, '_stage_history')} as h
    where h.object = ${object} and h.record_id = any(${[...recordIds]}::uuid[])
    order by h.record_id, h.moved_at desc, h.id desc`.execute(db);
  return new Map(rows.rows.map((row) => [row.record_id, row.moved_at]));
}

/** A record's moves, newest first. */
const recordMoves = (db: ObjectDb, schema: string, object: string, recordId: string) =>
  tenantTables(db, schema)
    .selectFrom('_stage_history')
    .where('object', '=', object)
    .where('record_id', '=', recordId)
    .orderBy('moved_at', 'desc')
    .orderBy('id', 'desc');

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
