// One chunk of coerced rows planned (lookups resolved, the bulk layer's items: records/bulk/
// bulk-items.ts) and then written through the write pipeline, set-based: all creates as one plan,
// all updates as one. When a set fails, it is rolled back to a savepoint and written row by row (a
// savepoint each) to learn every bad row, as the bulk API does. What undo needs is stored in the same transaction: the version each
// record was left at and, for an update, the mapped fields as they were.
import { type ProblemDetail, problemMessageZh } from '@tessera/metadata';
import { sql } from 'kysely';
import type { Catalog, CompiledObject } from '../catalog/catalog-types.ts';
import { ApiError } from '../core/api-error.ts';
import { type BulkItem, bulkKeys, matchBulkKeys, planBulkItems } from '../records/bulk/bulk-items.ts';
import { uniformColumns, unnestType } from '../records/unnest-insert.ts';
import type { RecordService } from '../records/record-service.ts';
import { matchExternalIds } from '../records/upsert-match.ts';
import type { ObjectDb } from '../records/write/write-context.ts';
import { freezePlan } from '../records/write/write-plan.ts';
import type { ImportOptions } from './import-options.ts';
import { type ConnectionTurns, yieldToIo } from './connection-turns.ts';
import { type CellError, type Column, type PreparedRow, prepareRows } from './prepare-rows.ts';
import type { KeyedChunk } from './split-repeated-keys.ts';

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

/**
 * A chunk planned, not yet written: its rows prepared (lookups resolved), skipped rows counted, the
 * bulk items planned and the rows planning refused. Cell errors are kept here and reported when the
 * chunk is written, so the report lists errors in file order while the next chunk is planned early.
 */
export interface PlannedChunk {
  rows: number;
  cellErrors: CellError[];
  rowsWithCellErrors: number;
  todo: PreparedRow[];
  skipped: number;
  items: BulkItem[];
  failed: Map<number, ProblemDetail[]>;
  /** The external ids the chunk's rows name (split-repeated-keys.ts), to tell whether the next chunk's plan may read ahead of this write. */
  keys: ReadonlySet<string>;
}

/**
 * Plans a chunk: every read in one turn on the connection (lookups and user references, then the
 * rows that `matchField` already names), then the bulk items, pausing for I/O every few hundred
 * records so the write running beside it is not held up.
 */
export async function planChunk(
  tx: ObjectDb,
  catalog: Catalog,
  service: RecordService,
  object: CompiledObject,
  columns: readonly Column[],
  { chunk, keys }: KeyedChunk,
  options: ImportOptions,
  turns: ConnectionTurns,
): Promise<PlannedChunk> {
  const input = service.planInput(object);
  const key = options.matchField;
  const upsert = options.duplicates === 'update' && key !== undefined;
  const request = { operation: upsert ? ('upsert' as const) : ('create' as const), mode: 'partial' as const, ...(upsert ? { externalIdField: key } : {}) };
  const { prepared, errors, existing } = await turns.take(async () => {
    const done = await prepareRows(tx, catalog, object, columns, chunk, options);
    const records = done.prepared.map((row) => row.record);
    if (upsert) return { ...done, existing: await matchBulkKeys(tx, input, request, bulkKeys(object, request, records)) };
    if (options.duplicates !== 'skip' || !key) return { ...done, existing: undefined };
    const values = records.map((record) => record[key]).filter((value): value is string | number => typeof value === 'string' || typeof value === 'number');
    return { ...done, existing: await matchExternalIds(tx, object, key, values) };
  });
  await yieldToIo();
  const rowsWithCellErrors = new Set(errors.map((error) => error.row)).size;
  let todo = prepared;
  if (!upsert && existing && key) todo = prepared.filter((row) => !existing.has(String(row.record[key])));
  const failed = new Map<number, ProblemDetail[]>();
  const records = todo.map((row) => row.record);
  const items =
    todo.length === 0
      ? []
      : await planBulkItems(tx, object, input, { ...request, records }, records, failed, { ...(upsert && existing ? { existing } : {}), pause: yieldToIo });
  return {
    rows: chunk.rows.length,
    cellErrors: errors,
    rowsWithCellErrors,
    todo,
    skipped: prepared.length - todo.length,
    items,
    failed,
    keys,
  };
}

/**
 * Writes a planned chunk and counts it. Resolves once the rows are written, with the statement
 * that stores what undo needs still running in its own turn on the connection (a later savepoint
 * cannot start before it, so no rollback of a later chunk takes these rows along): the caller goes
 * on with the next chunk's CPU work meanwhile and awaits it before the next chunk is done.
 */
export async function writeChunk(
  tx: ObjectDb,
  service: RecordService,
  object: CompiledObject,
  importId: string,
  columns: readonly Column[],
  planned: PlannedChunk,
  options: ImportOptions,
  counts: ChunkCounts,
  errors: (error: CellError) => void,
  turns: ConnectionTurns,
): Promise<{ undo: Promise<void> }> {
  const { todo, items, failed } = planned;
  counts.skip += planned.skipped;
  if (todo.length === 0) return { undo: Promise.resolve() };
  const stored = service.planInput(object).stored;
  const mapped = columns.map((column) => column.field.apiName);
  const previous = await previousValues(tx, object, mapped, items);
  const written = new Map<number, Written>();
  for (const kind of ['create', 'patch'] as const) {
    const group = items.filter((item) => item.kind === kind);
    if (group.length > 0) await writeGroup(tx, service, stored, object, kind, group, written, failed, turns);
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
  // Wrapped: an async function returning the promise itself would wait for it.
  return { undo: turns.take(() => recordUndo(tx, object, importId, written, kinds, previous)) };
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
  turns: ConnectionTurns,
): Promise<void> {
  const write = async (members: readonly BulkItem[]) => {
    // Only ids and versions are read back (the undo rows): no record JSON per created row.
    const states = await service.write(freezePlan({ kind, object, stored, items: members.map((member) => member.item), answer: 'version' }));
    for (const [position, member] of members.entries()) {
      const state = states[position]?.written;
      written.set(member.index, { id: state?.id ?? (member.item.id as string), version: state?.version ?? 1 });
    }
  };
  for (const slice of insertSlices(stored, kind, group)) await writeSlice(tx, slice, write, failed, turns);
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
  turns: ConnectionTurns,
): Promise<void> {
  // Each savepoint region is one turn: no planning read may run between a failed statement and its rollback.
  if ((await turns.take(() => inSavepoint(tx, 'tessera_import', () => write(group)))) === true) return;
  for (const member of group) {
    const error = await turns.take(() => inSavepoint(tx, 'tessera_import_row', () => write([member])));
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
