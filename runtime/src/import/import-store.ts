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
    ...summary(row),
    errors: report?.errors.slice(0, SHOWN_ERRORS) ?? [],
    mapping: report?.mapping ?? null,
    options: row.options as Record<string, unknown>,
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

/** Why an import cannot be undone, or null when it can (the undo itself still checks its records). */
export type UndoBlock = 'dry-run' | 'not-finished' | 'failed' | 'undone' | null;

export interface ImportHistoryEntry extends Omit<ImportView, 'errors' | 'mapping' | 'options'> {
  createdBy: { id: string; name: string } | null;
  /** The run stopped because its process went away, or never started: nothing was written. */
  interrupted: boolean;
  /** POST /imports/:id/rerun can run its kept file again. */
  canRerun: boolean;
  undo: { available: boolean; blockedBy: UndoBlock };
}

export const undoBlock = (status: string, dryRun: boolean, undoneAt: string | null): UndoBlock =>
  dryRun ? 'dry-run' : undoneAt || status === 'undone' ? 'undone' : status === 'done' ? null : status === 'failed' ? 'failed' : 'not-finished';

/** A failure reason that means nothing was written and the same file can simply run again. */
export const isInterruption = (failure: string | null) => failure !== null && /^(interrupted|never started):/.test(failure);

/** The tenant's imports of the given objects, newest first (dry runs only when asked). */
export async function listImports(
  db: ObjectDb,
  schema: string,
  objects: readonly string[],
  options: { object?: string; dryRuns: boolean; limit: number },
): Promise<Array<ImportHistoryEntry & { hasFile: boolean }>> {
  if (objects.length === 0) return [];
  let query = tenantTables(db, schema)
    .selectFrom('_imports as i')
    .leftJoin('_users as u', 'u.id', 'i.created_by')
    .select([
      'i.id',
      'i.object',
      'i.file_name',
      'i.status',
      'i.dry_run',
      'i.processed',
      'i.total',
      'i.report',
      'i.created_by',
      'i.created_at',
      'i.finished_at',
      'i.undone_at',
      'u.name as user_name',
    ])
    .where('i.object', 'in', objects)
    .orderBy('i.created_at', 'desc')
    .limit(options.limit);
  if (options.object) query = query.where('i.object', '=', options.object);
  if (!options.dryRuns) query = query.where('i.dry_run', '=', false);
  const rows = await query.execute();
  return rows.map((row) => {
    const base = summary(row);
    const blockedBy = undoBlock(row.status, row.dry_run, base.undoneAt);
    return {
      ...base,
      createdBy: row.created_by ? { id: row.created_by, name: row.user_name ?? row.created_by } : null,
      interrupted: isInterruption(base.failure),
      canRerun: false,
      hasFile: false,
      undo: { available: blockedBy === null, blockedBy },
    };
  });
}

/** The columns of an `_imports` row every view shows. */
interface ImportRowSummary {
  id: string;
  object: string;
  file_name: string;
  status: string;
  dry_run: boolean;
  processed: number;
  total: number | null;
  report: unknown;
  created_at: Date;
  finished_at: Date | null;
  undone_at: Date | null;
}

function summary(row: ImportRowSummary): Omit<ImportView, 'errors' | 'mapping' | 'options'> {
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
    failure: report?.failure ?? null,
    createdAt: row.created_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
    undoneAt: row.undone_at?.toISOString() ?? null,
  };
}
