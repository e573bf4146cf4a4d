// Imports whose process went away (a restart, a crash, a kill) mid-run. An import runs in ONE
// transaction (run-import.ts), so a process that dies leaves nothing of it written — PostgreSQL
// rolls the transaction back when the connection drops — but its `_imports` row said `running`
// for ever. The runner holds a transaction-level advisory lock keyed by the import for the whole
// transaction and marks the row `running` only once it holds it; so a `running` import whose lock
// is free has no live owner. On start and in each jobs tick such imports are marked `failed` with
// the reason `interrupted`; the user re-runs the file (nothing was written, so a re-run is clean).
//
// The check takes the lock with pg_try_advisory_xact_lock on another connection. PGlite has one
// connection, where advisory locks are re-entrant, so there it is only safe at start (before any
// import can run): the jobs tick calls it on PostgreSQL only (start-jobs.ts).
import { sql } from 'kysely';
import type { ObjectDb } from '../db/tenant-tables.ts';

/** First key of the two-key advisory lock space of imports (the second is the import's hash). */
const IMPORT_LOCK_CLASS = 727274020;

export const INTERRUPTED_REASON =
  'interrupted: the process running this import stopped before it finished (a restart or a crash); nothing was written — run the import again';

const lockKey = (schema: string, importId: string) => `${schema}:${importId}`;

/** Taken by the runner first thing in the import's transaction; held until it commits or rolls back. */
export async function holdImportLock(tx: ObjectDb, schema: string, importId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(${IMPORT_LOCK_CLASS}::int, hashtext(${lockKey(schema, importId)}))`.execute(tx);
}

/** Marks every `running` import without a live owner as failed; returns how many, per tenant schema. */
export async function failInterruptedImports(db: ObjectDb): Promise<Map<string, number>> {
  const failed = new Map<string, number>();
  const tenants = await sql<{ schema_name: string; has_imports: boolean }>`
    select schema_name, to_regclass(quote_ident(schema_name) || '._imports') is not null as has_imports from tessera.tenants order by slug`.execute(db);
  for (const tenant of tenants.rows) {
    if (!tenant.has_imports) continue;
    const schema = tenant.schema_name;
    const running = await sql<{ id: string }>`select id from ${sql.id(schema, '_imports')} where status = 'running'`.execute(db);
    for (const { id } of running.rows) {
      const marked = await db.transaction().execute(async (tx) => {
        const free = await sql<{
          free: boolean;
        }>`select pg_try_advisory_xact_lock(${IMPORT_LOCK_CLASS}::int, hashtext(${lockKey(schema, id)})) as free`.execute(tx);
        if (!free.rows[0]?.free) return 0;
        // The report keeps what the row knew (mapping and counts are the run's, never reached).
        const updated = await sql`
          update ${sql.id(schema, '_imports')}
          set status = 'failed', finished_at = now(), processed = 0,
              report = jsonb_build_object('counts', jsonb_build_object('create', 0, 'update', 0, 'skip', 0, 'error', 0),
                'errorCount', 0, 'errors', '[]'::jsonb, 'mapping', coalesce(options -> 'mapping', '{}'::jsonb), 'rows', 0, 'failure', ${INTERRUPTED_REASON}::text)
          where id = ${id}::uuid and status = 'running'`.execute(tx);
        return Number(updated.numAffectedRows ?? 0);
      });
      if (marked > 0) failed.set(schema, (failed.get(schema) ?? 0) + marked);
    }
  }
  return failed;
}
