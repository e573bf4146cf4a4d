// The tenant system tables of pipelines: `_stage_history` (every stage move) and `_reminders`
// (stale-record reminders and reassignments). Created on first use per tenant, idempotently, under
// a per-tenant advisory lock (concurrent `create table if not exists` can otherwise collide on the
// catalog), and remembered per root database handle (call it before opening the write's
// transaction) so the check costs nothing after the first time.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: tenant schemas are dynamic
type Db = Kysely<any>;

const ensured = new WeakMap<object, Set<string>>();

/**
 * @param db runs the DDL: the root handle, or the caller's transaction (on PGlite's single connection
 *   a second transaction would wait for the first forever).
 * @param root the root handle the result is remembered for.
 */
export async function ensurePipelineTables(db: Db, schema: string, root: Db = db): Promise<void> {
  let schemas = ensured.get(root);
  if (schemas?.has(schema)) return;
  const create = async (trx: Db) => {
    await sql`select pg_advisory_xact_lock(hashtext(${`tessera.pipelines.${schema}`}))`.execute(trx);
    const present = await sql<{ present: boolean }>`
      select to_regclass(quote_ident(${schema}) || '._reminders') is not null as present`.execute(trx);
    if (present.rows[0]?.present) return;
    const t = (name: string) => sql.id(schema, name);
    await sql`
      create table if not exists ${t('_stage_history')} (
        id uuid primary key default tessera.uuid_v7(),
        object text not null,
        record_id uuid not null,
        pipeline text not null,
        from_stage text,
        to_stage text not null,
        moved_at timestamptz(3) not null,
        moved_by uuid,
        actor text not null,
        seconds_in_previous numeric(16, 3),
        reason text,
        comment text
      )`.execute(trx);
    // Per record, newest first (history, time in stage); per pipeline over a period (funnel).
    await sql`create index if not exists ${sql.id('_stage_history_record_idx')} on ${t('_stage_history')} (object, record_id, moved_at desc)`.execute(trx);
    await sql`create index if not exists ${sql.id('_stage_history_period_idx')} on ${t('_stage_history')} (object, pipeline, moved_at)`.execute(trx);
    await sql`
      create table if not exists ${t('_reminders')} (
        id uuid primary key default tessera.uuid_v7(),
        kind text not null check (kind in ('stale', 'reassigned')),
        owner_id uuid,
        object text not null,
        record_id uuid not null,
        pipeline text not null,
        stage text not null,
        stage_entered_at timestamptz(3) not null,
        message text not null,
        due_at timestamptz(3) not null,
        created_at timestamptz(3) not null,
        done_at timestamptz(3),
        unique (object, record_id, stage_entered_at, kind)
      )`.execute(trx);
    await sql`create index if not exists ${sql.id('_reminders_owner_idx')} on ${t('_reminders')} (owner_id, created_at)`.execute(trx);
  };
  if (db.isTransaction) await create(db);
  else await db.transaction().execute(create);
  if (!schemas) {
    schemas = new Set();
    ensured.set(root, schemas);
  }
  schemas.add(schema);
}

/** Whether the tables exist yet (reads before any move answer empty instead of creating them). */
export async function pipelineTablesExist(db: Db, schema: string): Promise<boolean> {
  if (ensured.get(db)?.has(schema)) return true;
  const result = await sql<{ present: boolean }>`select to_regclass(quote_ident(${schema}) || '._reminders') is not null as present`.execute(db);
  return result.rows[0]?.present === true;
}
