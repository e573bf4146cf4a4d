// The tenant's `_files` table (tenant-migrations.ts runs this step): one row per uploaded file,
// its bytes in `content` (storage 'database', the default) or under TESSERA_FILES_DIR (storage
// 'directory', `content` null). `record_id` is null until a record write attaches the file.
import { sql } from 'kysely';
import type { ObjectDb as Db } from '../db/tenant-tables.ts';

export async function createFileTables(db: Db, schema: string): Promise<void> {
  const t = sql.id(schema, '_files');
  await sql`
    create table if not exists ${t} (
      id uuid primary key default tessera.uuid_v7(),
      object text not null,
      field text not null,
      record_id uuid,
      name text not null,
      content_type text not null,
      size integer not null,
      sha256 text not null,
      storage text not null check (storage in ('database', 'directory')),
      content bytea,
      created_by uuid,
      created_at timestamptz not null default now()
    )`.execute(db);
  // Reads by record (attach, detach, the purge sweep); unattached uploads by age (the sweep).
  await sql`create index if not exists ${sql.id('_files_record_idx')} on ${t} (object, record_id, field)`.execute(db);
  await sql`create index if not exists ${sql.id('_files_unattached_idx')} on ${t} (created_at) where record_id is null`.execute(db);
}
