// Creates and upgrades Tessera's cross-tenant tables in the `tessera` schema. Each step runs once,
// in order, inside one transaction with an advisory lock, so several runtime processes starting
// together on one database cannot race each other.
import { type Kysely, sql } from 'kysely';

/** Ordered; append only. Index + 1 is the schema version. */
const STEPS: ReadonlyArray<(db: Kysely<unknown>) => Promise<void>> = [
  async (db) => {
    await sql`create schema if not exists tessera`.execute(db);
    // UUIDv7: 48 bits of Unix milliseconds then random bits, so ids sort by creation time and
    // B-tree inserts stay append-mostly. PostgreSQL 15 has no uuidv7(); this is the standard
    // bit-twiddle on top of gen_random_uuid().
    await sql`
      create or replace function tessera.uuid_v7() returns uuid
      language sql volatile parallel safe as $fn$
        select encode(
          set_bit(set_bit(
            overlay(uuid_send(gen_random_uuid())
              placing substring(int8send((extract(epoch from clock_timestamp()) * 1000)::bigint) from 3)
              from 1 for 6),
            52, 1), 53, 1), 'hex')::uuid
      $fn$`.execute(db);
    // Zero-pads an autonumber counter without truncating it once it outgrows the pad width.
    await sql`
      create or replace function tessera.autonumber_pad(counter bigint, digits integer) returns text
      language sql immutable parallel safe as $fn$
        select case when length(counter::text) >= digits then counter::text
                    else lpad(counter::text, digits, '0') end
      $fn$`.execute(db);
    await sql`
      create table tessera.tenants (
        slug text primary key,
        schema_name text not null unique,
        created_at timestamptz not null default now()
      )`.execute(db);
    await sql`
      create table tessera.api_tokens (
        token_hash text primary key,
        tenant_slug text not null references tessera.tenants(slug) on delete cascade,
        label text not null,
        created_at timestamptz not null default now(),
        revoked_at timestamptz
      )`.execute(db);
    await sql`
      create table tessera.admin_tokens (
        token_hash text primary key,
        label text not null,
        created_at timestamptz not null default now()
      )`.execute(db);
  },
];

export async function runSystemMigrations(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // Any constant works as the lock key; it only has to be the same in every process.
    await sql`select pg_advisory_xact_lock(727274001)`.execute(trx);
    await sql`create schema if not exists tessera`.execute(trx);
    await sql`create table if not exists tessera.schema_version (version integer not null)`.execute(trx);
    const current = await sql<{ version: number }>`select version from tessera.schema_version`.execute(trx);
    const from = current.rows[0]?.version ?? 0;
    for (let step = from; step < STEPS.length; step++) {
      await STEPS[step]?.(trx);
    }
    if (current.rows.length === 0) {
      await sql`insert into tessera.schema_version (version) values (${STEPS.length})`.execute(trx);
    } else if (from < STEPS.length) {
      await sql`update tessera.schema_version set version = ${STEPS.length}`.execute(trx);
    }
  });
}
