// One chunk of prepared rows written through the bulk layer's planning (records/bulk/bulk-items.ts)
// and the write pipeline, set-based: all creates as one plan, all updates as one. When a set fails,
// it is rolled back to a savepoint and written row by row (a savepoint each) to learn every bad
// row, as the bulk API does. What undo needs is stored in the same transaction: the version each
// record was left at and, for an update, the mapped fields as they were.
import { type ProblemDetail, problemMessageZh } from '@tessera/metadata';
import { sql } from 'kysely';
import type { CompiledObject } from '../catalog/catalog-types.ts';
import { ApiError } from '../core/api-error.ts';
import { type BulkItem, planBulkItems } from '../records/bulk/bulk-items.ts';
import { uniformColumns, unnestType } from '../records/unnest-insert.ts';
import type { RecordService } from '../records/record-service.ts';
import { matchExternalIds } from '../records/upsert-match.ts';
import type { ObjectDb } from '../records/write/write-context.ts';
import { freezePlan } from '../records/write/write-plan.ts';
import type { ImportOptions } from './import-options.ts';
import type { CellError, Column, PreparedRow } from './prepare-rows.ts';

export interface ChunkCounts {
  create: number;
  update: number;
  skip: number;
  error: number;
}

/** A written record: its id and the version the write left it at. */
interface Written {
  id: string;
  version: number;
}

/** Codes of duplicate-rule refusals: with `duplicates: skip` such a row is skipped, not an error. */
const DUPLICATE_CODES = new Set(['TSR510', 'TSR511']);

export async function writeChunk(
  tx: ObjectDb,
  service: RecordService,
  object: CompiledObject,
  importId: string,
  columns: readonly Column[],
  rows: readonly PreparedRow[],
  options: ImportOptions,
  counts: ChunkCounts,
  errors: (error: CellError) => void,
): Promise<void> {
  let todo = rows;
  if (options.duplicates === 'skip' && options.matchField) {
    const key = options.matchField;
    const values = rows.map((row) => row.record[key]).filter((value): value is string | number => typeof value === 'string' || typeof value === 'number');
    const existing = await matchExternalIds(tx, object, key, values);
    todo = rows.filter((row) => !existing.has(String(row.record[key])));
    counts.skip += rows.length - todo.length;
  }
  if (todo.length === 0) return;
  const input = service.planInput(object);
  const upsert = options.duplicates === 'update' && options.matchField !== undefined;
  const failed = new Map<number, ProblemDetail[]>();
  const items = await planBulkItems(
    tx,
    object,
    input,
    {
      operation: upsert ? 'upsert' : 'create',
      mode: 'partial',
      records: todo.map((row) => row.record),
      ...(upsert ? { externalIdField: options.matchField } : {}),
    },
    todo.map((row) => row.record),
    failed,
  );
  const mapped = columns.map((column) => column.field.apiName);
  const previous = await previousValues(tx, object, mapped, items);
  const written = new Map<number, Written>();
  for (const kind of ['create', 'patch'] as const) {
    const group = items.filter((item) => item.kind === kind);
    if (group.length > 0) await writeGroup(tx, service, input.stored, object, kind, group, written, failed);
  }
  for (const [index, problems] of failed) {
    const row = todo[index] as PreparedRow;
    if (options.duplicates === 'skip' && problems.every((problem) => DUPLICATE_CODES.has(problem.code))) {
      counts.skip += 1;
      continue;
    }
    counts.error += 1;
    for (const problem of problems) {
      const field = problem.path.replace(/^\/records\/\d+/, '').split('/')[1] ?? '';
      const column = columns.find((candidate) => candidate.field.apiName === field);
      const reason = options.language === 'zh' ? problemMessageZh(problem) : problem.message;
      errors({ row: row.row, column: column?.header ?? '', value: column ? (row.cells[column.index] ?? '') : '', reason });
    }
  }
  const kinds = new Map(items.map((item) => [item.index, item.kind]));
  for (const [index] of written) {
    if (kinds.get(index) === 'create') counts.create += 1;
    else counts.update += 1;
  }
  await recordUndo(tx, object, importId, written, kinds, previous);
}

/** The mapped fields of the records about to be updated, as the record API renders them. */
async function previousValues(tx: ObjectDb, object: CompiledObject, fields: readonly string[], items: readonly BulkItem[]): Promise<Map<string, unknown>> {
  const ids = items.filter((item) => item.kind === 'patch').map((item) => item.item.id as string);
  if (ids.length === 0) return new Map();
  const rows = await sql<{ id: string; r: Record<string, unknown> }>`
    select t.id, ${object.recordJson('t')} as r from ${sql.id(object.schema, object.table)} as t where t.id = any(${ids}::uuid[])`.execute(tx);
  return new Map(rows.rows.map((row) => [row.id, Object.fromEntries(fields.map((field) => [field, row.r[field] ?? null]))]));
}

async function recordUndo(
  tx: ObjectDb,
  object: CompiledObject,
  importId: string,
  written: ReadonlyMap<number, Written>,
  kinds: ReadonlyMap<number, BulkItem['kind']>,
  previous: ReadonlyMap<string, unknown>,
): Promise<void> {
  if (written.size === 0) return;
  // One row per record (a record written twice by one chunk keeps its first action and its latest
  // version): ON CONFLICT may not touch the same row twice in one statement.
  const rows = new Map<string, { action: string; version: number }>();
  for (const [index, { id, version }] of written) {
    const seen = rows.get(id);
    if (seen) seen.version = Math.max(seen.version, version);
    else rows.set(id, { action: kinds.get(index) === 'create' ? 'created' : 'updated', version });
  }
  // Created records are new ids: a plain INSERT. Only an updated record can already have its row
  // (written by an earlier chunk of the same import), so only those pay ON CONFLICT's checks.
  const created = [...rows].filter(([, entry]) => entry.action === 'created');
  const updated = [...rows].filter(([, entry]) => entry.action !== 'created');
  if (created.length > 0) await insertUndoRows(tx, object, importId, created, previous, false);
  if (updated.length > 0) await insertUndoRows(tx, object, importId, updated, previous, true);
}

/**
 * The undo rows of one chunk. The version each record was left at comes from the write itself (no
 * join back to the table); one array per column, so the statement's text and parameter count do not
 * depend on the chunk. A record written again by a later chunk keeps its first action and previous
 * values; its version is the latest.
 */
async function insertUndoRows(
  tx: ObjectDb,
  object: CompiledObject,
  importId: string,
  rows: readonly (readonly [string, { action: string; version: number }])[],
  previous: ReadonlyMap<string, unknown>,
  mayExist: boolean,
): Promise<void> {
  const ids = rows.map(([id]) => id);
  const previousJson = ids.map((id) => (previous.has(id) ? JSON.stringify(previous.get(id)) : null));
  await sql`
    insert into ${sql.id(object.schema, '_import_rows')} (import_id, record_id, action, version, previous)
    select ${importId}::uuid, e.id, e.action, e.version, e.previous
    from unnest(${ids}::uuid[], ${rows.map(([, entry]) => entry.action)}::text[], ${rows.map(([, entry]) => entry.version)}::int[], ${previousJson}::jsonb[])
      as e(id, action, version, previous)
    ${mayExist ? sql`on conflict (import_id, record_id) do update set version = excluded.version` : sql``}`.execute(tx);
}

async function writeGroup(
  tx: ObjectDb,
  service: RecordService,
  stored: CompiledObject,
  object: CompiledObject,
  kind: 'create' | 'patch',
  group: readonly BulkItem[],
  written: Map<number, Written>,
  failed: Map<number, ProblemDetail[]>,
): Promise<void> {
  const write = async (members: readonly BulkItem[]) => {
    // Only ids and versions are read back (the undo rows): no record JSON per created row.
    const states = await service.write(freezePlan({ kind, object, stored, items: members.map((member) => member.item), answer: 'version' }));
    for (const [position, member] of members.entries()) {
      const state = states[position]?.written;
      written.set(member.index, { id: state?.id ?? (member.item.id as string), version: state?.version ?? 1 });
    }
  };
  for (const slice of insertSlices(stored, kind, group)) await writeSlice(tx, slice, write, failed);
}

/**
 * A chunk's creates as one multi-row insert when every row writes the same columns, each with an
 * array type (one parameter per column: records/unnest-insert.ts); otherwise the insert is a VALUES
 * list binding a parameter per row and column, and PostgreSQL takes at most 65,535, so the rows go
 * in slices under VALUES_PARAMETER_BUDGET.
 */
export function insertSlices(object: CompiledObject, kind: 'create' | 'patch', group: readonly BulkItem[]): BulkItem[][] {
  const first = group[0];
  if (!first || kind !== 'create') return [[...group]];
  const columns = Object.keys(first.item.values);
  const uniform = columns.every((name) => unnestType(object, name) !== undefined) && uniformColumns(group.map((member) => member.item.values)) !== undefined;
  if (uniform) return [[...group]];
  const size = Math.max(100, Math.floor(VALUES_PARAMETER_BUDGET / (columns.length + UNLISTED_COLUMNS)));
  const slices: BulkItem[][] = [];
  for (let start = 0; start < group.length; start += size) slices.push(group.slice(start, start + size));
  return slices;
}
const VALUES_PARAMETER_BUDGET = 48_000;

/** Columns the write may add to a row after planning (defaults, system columns), counted in the budget. */
const UNLISTED_COLUMNS = 12;

async function writeSlice(
  tx: ObjectDb,
  group: readonly BulkItem[],
  write: (members: readonly BulkItem[]) => Promise<void>,
  failed: Map<number, ProblemDetail[]>,
): Promise<void> {
  if ((await inSavepoint(tx, 'tessera_import', () => write(group))) === true) return;
  for (const member of group) {
    const error = await inSavepoint(tx, 'tessera_import_row', () => write([member]));
    if (error !== true) failed.set(member.index, error.errors.length > 0 ? error.errors : [{ path: '', code: error.code, message: error.detail }]);
  }
}

/** Runs `work` in a savepoint: true when it succeeded, the ApiError when it was rolled back. */
async function inSavepoint(tx: ObjectDb, name: string, work: () => Promise<void>): Promise<true | ApiError> {
  await sql`savepoint ${sql.id(name)}`.execute(tx);
  try {
    await work();
    await sql`release savepoint ${sql.id(name)}`.execute(tx);
    return true;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    await sql`rollback to savepoint ${sql.id(name)}`.execute(tx);
    return error;
  }
}
