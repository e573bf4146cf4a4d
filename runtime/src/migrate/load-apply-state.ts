// Tenant schema → what an apply plans against, in one statement: the live revision and the soft
// drops still pending; only where the evolution tables exist (the apply made sure of them first).
// With `tryLock` the same statement also tries the tenant's metadata lock, saving a round trip
// when nobody holds it: `locked` says whether it got it, and when it did not, the caller must wait
// for the lock and read again (a statement's snapshot predates any wait inside it).
import { EMPTY_SNAPSHOT, type MetadataSnapshot } from '@tessera/metadata';
import { type Kysely, sql } from 'kysely';
import { type DroppedEntry, droppedEntries, pendingDroppedJsonSql } from './evolution-tables.ts';
import type { LiveRevision } from './plan-change.ts';

// biome-ignore lint/suspicious/noExplicitAny: tenant tables are dynamic
type Db = Kysely<any>;

export async function loadApplyState(db: Db, schema: string, tryLock?: string): Promise<{ live: LiveRevision; dropped: DroppedEntry[]; locked: boolean }> {
  // The key is written into the text (not bound) so the statement has no parameters and can share
  // one message with the transaction's BEGIN (db/deferred-begin-pool.ts). It is built from the
  // tenant's schema name, which the tenant registry validated; sql.lit quotes it as a literal.
  const lock = tryLock ? sql`pg_try_advisory_xact_lock(hashtext(${sql.lit(tryLock)}))` : sql`true`;
  const timeout = tryLock ? sql`, set_config('lock_timeout', '5s', true) as timeout` : sql``;
  const result = await sql<{
    locked: boolean;
    revision: number | null;
    snapshot: MetadataSnapshot | string | null;
    snapshot_hash: string | null;
    dropped: unknown;
  }>`
    select ${lock} as locked ${timeout}, r.revision, r.snapshot, r.snapshot_hash, ${pendingDroppedJsonSql(schema)} as dropped
    from (select 1) as one
    left join lateral (
      select revision, snapshot, snapshot_hash from ${sql.id(schema, '_meta_revision')} order by revision desc limit 1
    ) as r on true`.execute(db);
  const row = result.rows[0];
  const locked = row?.locked === true;
  const dropped = droppedEntries(row?.dropped ?? []);
  if (!row || row.revision === null || row.snapshot === null) return { live: { revision: 0, snapshot: EMPTY_SNAPSHOT, hash: null }, dropped, locked };
  const snapshot = typeof row.snapshot === 'string' ? (JSON.parse(row.snapshot) as MetadataSnapshot) : row.snapshot;
  return { live: { revision: row.revision, snapshot, hash: row.snapshot_hash }, dropped, locked };
}
