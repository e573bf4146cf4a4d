// DDL of the import tables (types: db/tables/import-tables.ts), run as a tenant migration step.
import { sql } from 'kysely';
import type { ObjectDb } from '../db/tenant-tables.ts';

export async function createImportTables(db: ObjectDb, schema: string): Promise<void> {
  await sql`
    create table if not exists ${sql.id(schema, '_imports')} (
      id uuid primary key default tessera.uuid_v7(),
      object text not null,
      file_name text not null,
      status text not null,
      dry_run boolean not null,
      options jsonb not null,
      processed integer not null default 0,
      total integer,
      report jsonb,
      created_by uuid,
      created_at timestamptz not null default now(),
      finished_at timestamptz,
      undone_at timestamptz
    )`.execute(db);
  await sql`
    create table if not exists ${sql.id(schema, '_import_rows')} (
      import_id uuid not null references ${sql.id(schema, '_imports')} (id) on delete cascade,
      record_id uuid not null,
      action text not null,
      version integer not null,
      previous jsonb,
      primary key (import_id, record_id)
    )`.execute(db);
  await sql`
    create table if not exists ${sql.id(schema, '_import_mappings')} (
      object text not null,
      name text not null,
      mapping jsonb not null,
      updated_at timestamptz not null default now(),
      primary key (object, name)
    )`.execute(db);
}
