// The import rows as the API shows them, and the saved column mappings per object.
import type { ColumnMapping } from '@tessera/metadata';
import { sql } from 'kysely';
import { ApiError } from '../core/api-error.ts';
import { tenantTables } from '../db/tenant-tables.ts';
import type { ObjectDb } from '../records/write/write-context.ts';
import type { ImportOptions } from './import-options.ts';
import type { ImportReport } from './run-import.ts';

/** Errors shown in GET /imports/:id; all kept ones are in …/errors.csv. */
export const SHOWN_ERRORS = 100;

export interface ImportView {
  id: string;
  object: string;
  fileName: string;
  status: string;
  dryRun: boolean;
  processed: number;
  total: number | null;
  counts: ImportReport['counts'] | null;
  errorCount: number;
  errors: ImportReport['errors'];
  mapping: ColumnMapping | null;
  /** Set when the run stopped for another reason than its rows' errors. */
  failure: string | null;
  options: Record<string, unknown>;
  createdAt: string;
  finishedAt: string | null;
  undoneAt: string | null;
}

export async function createImportRow(
  db: ObjectDb,
  schema: string,
  object: string,
  fileName: string,
  options: ImportOptions,
  userId: string | null,
): Promise<string> {
  const row = await tenantTables(db, schema)
    .insertInto('_imports')
    .values({
      object,
      file_name: fileName,
      status: 'queued',
      dry_run: options.dryRun,
      options: JSON.stringify(options),
      created_by: userId,
      total: null,
      report: null,
      finished_at: null,
      undone_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function readImport(db: ObjectDb, schema: string, id: string): Promise<ImportView & { report: ImportReport | null }> {
  const valid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
  const row = valid ? await tenantTables(db, schema).selectFrom('_imports').selectAll().where('id', '=', id).executeTakeFirst() : undefined;
  if (!row) throw new ApiError('TSR156', `Import ${id.slice(0, 64)} does not exist.`);
  const report = row.report as ImportReport | null;
  return {
    id: row.id,
    object: row.object,
    fileName: row.file_name,
    status: row.status,
    dryRun: row.dry_run,
    processed: row.processed,
    total: row.total,
    counts: report?.counts ?? null,
    errorCount: report?.errorCount ?? 0,
    errors: report?.errors.slice(0, SHOWN_ERRORS) ?? [],
    mapping: report?.mapping ?? null,
    failure: report?.failure ?? null,
    options: row.options as Record<string, unknown>,
    createdAt: row.created_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
    undoneAt: row.undone_at?.toISOString() ?? null,
    report,
  };
}

export async function saveMapping(db: ObjectDb, schema: string, object: string, name: string, mapping: ColumnMapping): Promise<void> {
  await tenantTables(db, schema)
    .insertInto('_import_mappings')
    .values({ object, name, mapping: JSON.stringify(mapping) })
    .onConflict((conflict) => conflict.columns(['object', 'name']).doUpdateSet({ mapping: JSON.stringify(mapping), updated_at: sql<Date>`now()` }))
    .execute();
}

export async function listMappings(db: ObjectDb, schema: string, object: string): Promise<Array<{ name: string; mapping: ColumnMapping; updatedAt: string }>> {
  const rows = await tenantTables(db, schema).selectFrom('_import_mappings').selectAll().where('object', '=', object).orderBy('name').execute();
  return rows.map((row) => ({ name: row.name, mapping: row.mapping as ColumnMapping, updatedAt: row.updated_at.toISOString() }));
}
