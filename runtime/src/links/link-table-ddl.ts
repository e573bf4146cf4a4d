// DDL of a many-to-many field's managed junction table. One row per link: both ends are foreign
// keys with ON DELETE CASCADE, so purging either record (recycle bin, dropped object) removes its
// links on both sides without a trigger; the primary key makes a link exist at most once, which is
// what lets the add endpoint be idempotent (`on conflict do nothing`).
import type { MigrationAction } from '@tessera/metadata';
import { sql } from 'kysely';
import type { Trx } from '../migrate/migration-handler.ts';

type CreateLinkTable = Extract<MigrationAction, { kind: 'create_link_table' }>;
type DropLinkTable = Extract<MigrationAction, { kind: 'drop_link_table' }>;

export async function createLinkTable(trx: Trx, schema: string, action: CreateLinkTable): Promise<void> {
  const { table } = action;
  await sql`
    create table ${sql.id(schema, table)} (
      source_id uuid not null references ${sql.id(schema, action.object)} (id) on delete cascade,
      target_id uuid not null references ${sql.id(schema, action.target)} (id) on delete cascade,
      created_at timestamptz(3) not null default now(),
      created_by uuid,
      primary key (source_id, target_id)
    )`.execute(trx);
  // The reverse side (the target's related list, filters from the target, cascades) searches by target.
  await sql`create index ${sql.id(`${table.slice(0, 56)}_target`)} on ${sql.id(schema, table)} (target_id, source_id)`.execute(trx);
}

export async function dropLinkTable(trx: Trx, schema: string, action: DropLinkTable): Promise<void> {
  await sql`drop table if exists ${sql.id(schema, action.table)}`.execute(trx);
}

/** Links stored in a live field's table (the plan's row count for dropping it). */
export async function countLinks(trx: Trx, schema: string, table: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.id(schema, table)}`.execute(trx);
  return Number(rows[0]?.n ?? 0);
}
