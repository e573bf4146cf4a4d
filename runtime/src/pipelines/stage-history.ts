// `_stage_history` rows: written by a stage move in the write's transaction, read per record
// (GET …/records/:id/stage-history) and for the time spent in the current stage.
import { type Kysely, sql } from 'kysely';
import type { AuditActor } from '../audit/audit-log.ts';

// biome-ignore lint/suspicious/noExplicitAny: tenant tables are dynamic
type Db = Kysely<any>;

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

export async function insertStageHistory(db: Db, schema: string, move: StageMove): Promise<void> {
  await sql`
    insert into ${sql.id(schema, '_stage_history')}
      (object, record_id, pipeline, from_stage, to_stage, moved_at, moved_by, actor, seconds_in_previous, reason, comment)
    values (${move.object}, ${move.recordId}::uuid, ${move.pipeline}, ${move.from}, ${move.to}, ${move.movedAt}::timestamptz,
            ${move.actor.id}::uuid, ${move.actor.label}, ${move.secondsInPrevious}, ${move.reason}, ${move.comment})`.execute(db);
}

const ISO = (column: string) => sql`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The record's latest move: when it entered its current stage. */
export async function latestEntry(db: Db, schema: string, object: string, recordId: string): Promise<{ movedAt: string; to: string } | undefined> {
  const result = await sql<{ moved_at: string; to_stage: string }>`
    select ${ISO('moved_at')} as moved_at, to_stage from ${sql.id(schema, '_stage_history')}
    where object = ${object} and record_id = ${recordId}::uuid order by moved_at desc, id desc limit 1`.execute(db);
  const row = result.rows[0];
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
export async function listStageHistory(db: Db, schema: string, object: string, recordId: string, limit: number): Promise<StageHistoryEntry[]> {
  const result = await sql<{
    id: string;
    pipeline: string;
    from_stage: string | null;
    to_stage: string;
    moved_at: string;
    moved_by: string | null;
    actor: string;
    seconds: number | null;
    reason: string | null;
    comment: string | null;
  }>`
    select id, pipeline, from_stage, to_stage, ${ISO('moved_at')} as moved_at, moved_by, actor,
           seconds_in_previous::float8 as seconds, reason, comment
    from ${sql.id(schema, '_stage_history')}
    where object = ${object} and record_id = ${recordId}::uuid
    order by moved_at desc, id desc limit ${limit}`.execute(db);
  return result.rows.map((row) => ({
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
