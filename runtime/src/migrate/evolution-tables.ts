// The tenant tables metadata evolution keeps next to `_meta_revision`: the plan of every revision
// (extra columns) and `_meta_dropped`, the soft-dropped fields and objects that can come back until
// purged. Created by a tenant system-migration step (tenants/tenant-migrations.ts); the apply still
// calls ensureEvolutionTables, which after that step is one catalog lookup.
import { storageName } from '@tessera/metadata';
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: tenant tables are dynamic
type Db = Kysely<any>;

export async function evolutionTablesExist(db: Db, schema: string): Promise<boolean> {
  const result = await sql<{ present: boolean }>`
    select to_regclass(quote_ident(${schema}) || '._meta_dropped') is not null as present`.execute(db);
  return result.rows[0]?.present === true;
}

export async function ensureEvolutionTables(db: Db, schema: string): Promise<void> {
  if (await evolutionTablesExist(db, schema)) return;
  await createEvolutionTables(db, schema);
}

/** The DDL, idempotent: the tenant migration step runs it, also for tenants whose first apply ran it. */
export async function createEvolutionTables(db: Db, schema: string): Promise<void> {
  const revisions = sql.id(schema, '_meta_revision');
  await sql`alter table ${revisions} add column if not exists base_revision integer`.execute(db);
  await sql`alter table ${revisions} add column if not exists plan jsonb`.execute(db);
  await sql`alter table ${revisions} add column if not exists plan_hash text`.execute(db);
  await sql`alter table ${revisions} add column if not exists reverted_to integer`.execute(db);
  await sql`
    create table if not exists ${sql.id(schema, '_meta_dropped')} (
      id serial primary key,
      kind text not null check (kind in ('field', 'object')),
      object text not null,
      field text,
      hidden_name text not null,
      table_name text not null,
      extra jsonb not null default '{}'::jsonb,
      definition jsonb not null,
      revision integer not null,
      dropped_at timestamptz not null default now(),
      restored_revision integer,
      purged_at timestamptz
    )`.execute(db);
}

/** Hidden storage name for something dropped at `revision`: `_dropped_<revision>_<name>`, at most 63 characters. */
export const hiddenName = (revision: number, name: string): string => storageName('_dropped', String(revision), name);

export interface DroppedEntry {
  id: number;
  kind: 'field' | 'object';
  object: string;
  field: string | null;
  hiddenName: string;
  tableName: string;
  extra: { sequence?: string; pkey?: string; hiddenPkey?: string };
  definition: unknown;
  revision: number;
  droppedAt: string;
}

interface DroppedRow {
  id: number;
  kind: 'field' | 'object';
  object: string;
  field: string | null;
  hidden_name: string;
  table_name: string;
  extra: DroppedEntry['extra'] | string;
  definition: unknown;
  revision: number;
  dropped_at: string;
}

/** Soft-dropped fields and objects that are neither restored nor purged, newest first. */
export async function pendingDropped(db: Db, schema: string): Promise<DroppedEntry[]> {
  if (!(await evolutionTablesExist(db, schema))) return [];
  const result = await sql<DroppedRow>`${pendingDroppedSelect(schema)} order by revision desc, id desc`.execute(db);
  return result.rows.map(droppedEntry);
}

/**
 * pendingDropped as a JSON array inside a larger statement (the apply reads it with the live
 * revision in one round trip); only where the evolution tables are known to exist.
 */
export function pendingDroppedJsonSql(schema: string) {
  return sql`(select coalesce(json_agg(d order by d.revision desc, d.id desc), '[]'::json) from (${pendingDroppedSelect(schema)}) as d)`;
}

export function droppedEntries(json: unknown): DroppedEntry[] {
  const rows = (typeof json === 'string' ? JSON.parse(json) : json) as DroppedRow[];
  return rows.map(droppedEntry);
}

function pendingDroppedSelect(schema: string) {
  return sql`
    select id, kind, object, field, hidden_name, table_name, extra, definition, revision, dropped_at::text as dropped_at
    from ${sql.id(schema, '_meta_dropped')}
    where restored_revision is null and purged_at is null`;
}

function droppedEntry(row: DroppedRow): DroppedEntry {
  return {
    id: row.id,
    kind: row.kind,
    object: row.object,
    field: row.field,
    hiddenName: row.hidden_name,
    tableName: row.table_name,
    extra: typeof row.extra === 'string' ? JSON.parse(row.extra) : row.extra,
    definition: typeof row.definition === 'string' ? JSON.parse(row.definition) : row.definition,
    revision: row.revision,
    droppedAt: row.dropped_at,
  };
}
