// A chunk of file rows → record bodies for the bulk layer, plus one error per bad cell (row,
// column, value, reason in the request's language). Lookup cells are resolved by the target's
// name or any of its external ids, one query per lookup column and chunk, within the caller's row
// access on the target (a record they cannot see is "not found", as in the record API).
import { type ColumnMapping, coerceCell, type FieldDef } from '@tessera/metadata';
import { sql } from 'kysely';
import type { Catalog, CompiledObject } from '../catalog/catalog-types.ts';
import { recordNameSql } from '../catalog/record-name-sql.ts';
import { externalIdFields } from '../records/bulk/external-refs.ts';
import { resolveUserRefs } from '../records/bulk/user-refs.ts';
import type { ObjectDb } from '../records/write/write-context.ts';
import type { ImportOptions } from './import-options.ts';

export interface FileRow {
  /** The row's number in the file, the header being row 1. */
  row: number;
  cells: string[];
}

export interface CellError {
  row: number;
  column: string;
  value: string;
  reason: string;
}

export interface PreparedRow {
  row: number;
  record: Record<string, unknown>;
  /** The file's cells, to quote a value the write refused. */
  cells: string[];
}

export interface Column {
  index: number;
  header: string;
  field: FieldDef;
}

/** The mapped columns, in file order. */
export function mappedColumns(object: CompiledObject, headers: readonly string[], mapping: ColumnMapping): Column[] {
  return headers.flatMap((header, index) => {
    const name = mapping[header];
    const field = name ? object.definition.fields.find((candidate) => candidate.apiName === name) : undefined;
    return field ? [{ index, header, field: field as FieldDef }] : [];
  });
}

/** A chunk's cells coerced (pure): records without their lookups yet, cell errors, and the lookups to resolve. */
export interface CoercedChunk {
  rows: Array<PreparedRow & { bad: boolean }>;
  errors: CellError[];
  lookups: PendingLookup[];
}

export interface PendingLookup {
  position: number;
  column: Column;
  text: string;
  many?: boolean;
}

/**
 * The pure half of preparing a chunk: every cell coerced to its field's type. No database, so the
 * import runs it for the next chunk while the current one is written (run-import.ts).
 */
export async function coerceRows(
  columns: readonly Column[],
  rows: readonly FileRow[],
  options: Pick<ImportOptions, 'dateOrder' | 'language'>,
  /** Awaited every PAUSE_EVERY rows: the write running beside it gets the thread when its statement returns. */
  pause?: () => Promise<void>,
): Promise<CoercedChunk> {
  const errors: CellError[] = [];
  const lookups: PendingLookup[] = [];
  const prepared: Array<PreparedRow & { bad: boolean }> = [];
  for (const [position, fileRow] of rows.entries()) {
    if (pause && position > 0 && position % PAUSE_EVERY === 0) await pause();
    const record: Record<string, unknown> = {};
    let bad = false;
    for (const column of columns) {
      const value = fileRow.cells[column.index] ?? '';
      const cell = coerceCell(column.field, value, { dateOrder: options.dateOrder });
      if (!cell.ok) {
        bad = true;
        errors.push({ row: fileRow.row, column: column.header, value, reason: cell.reason[options.language] });
      } else if ('lookup' in cell) lookups.push({ position, column, text: cell.lookup });
      else if ('links' in cell) {
        // Many-to-many: every id or name of the cell, resolved like a lookup's, appended in order.
        record[column.field.apiName] = [];
        for (const text of cell.links) lookups.push({ position, column, text, many: true });
      } else record[column.field.apiName] = cell.value;
    }
    prepared.push({ row: fileRow.row, record, cells: fileRow.cells, bad });
  }
  return { rows: prepared, errors, lookups };
}
const PAUSE_EVERY = 500;

/** The database half: lookup and user cells resolved (one query per lookup column), bad rows left out. */
export async function prepareRows(
  db: ObjectDb,
  catalog: Catalog,
  object: CompiledObject,
  columns: readonly Column[],
  coerced: CoercedChunk,
  options: ImportOptions,
): Promise<{ prepared: PreparedRow[]; errors: CellError[] }> {
  const { errors, lookups: pendingLookups } = coerced;
  const prepared = coerced.rows;
  for (const column of new Set(pendingLookups.map((pending) => pending.column))) {
    const wanted = pendingLookups.filter((pending) => pending.column === column);
    const found = await findTargets(db, catalog, object, column.field.apiName, [...new Set(wanted.map((pending) => pending.text))]);
    for (const { position, text, many } of wanted) {
      const target = prepared[position] as PreparedRow & { bad: boolean };
      const ids = many && UUID.test(text) ? [text.toLowerCase()] : (found.get(text) ?? []);
      if (ids.length === 1 && many) (target.record[column.field.apiName] as string[]).push(ids[0] as string);
      else if (ids.length === 1) target.record[column.field.apiName] = ids[0];
      else {
        target.bad = true;
        const zh = options.language === 'zh';
        const reason =
          ids.length === 0
            ? zh
              ? `找不到名称或外部编号为“${text}”的记录`
              : `no record named or with the external id "${text}"`
            : zh
              ? `有 ${ids.length} 条记录名为“${text}”，请改用外部编号`
              : `${ids.length} records are named "${text}"; use an external id`;
        errors.push({ row: target.row, column: column.header, value: text, reason });
      }
    }
  }
  await resolveUserCells(db, object, columns, prepared, errors, options.language === 'zh');
  return { prepared: prepared.filter((row) => !row.bad).map(({ row, record, cells }) => ({ row, record, cells })), errors };
}

/** User cells given as an email or a name → the user's id (records/bulk/user-refs.ts); a miss is a cell error. */
async function resolveUserCells(
  db: ObjectDb,
  object: CompiledObject,
  columns: readonly Column[],
  prepared: Array<PreparedRow & { bad: boolean }>,
  errors: CellError[],
  zh: boolean,
): Promise<void> {
  const records = prepared.map((row) => row.record);
  await resolveUserRefs(
    db,
    object,
    records,
    () => '',
    (index, problem, ref) => {
      const target = prepared[index] as PreparedRow & { bad: boolean };
      const field = problem.path.slice(1);
      const column = columns.find((candidate) => candidate.field.apiName === field);
      target.bad = true;
      const text = ref?.value ?? '';
      const reason = !ref
        ? problem.message
        : ref.matches === 0
          ? zh
            ? `找不到${ref.key === 'email' ? '邮箱' : '姓名'}为“${text}”的在职用户`
            : `no active user with the ${ref.key} "${text}"`
          : zh
            ? `有 ${ref.matches} 位在职用户名为“${text}”，请改用邮箱`
            : `${ref.matches} active users are named "${text}"; use the email`;
      errors.push({ row: target.row, column: column?.header ?? field, value: text, reason });
    },
  );
  records.forEach((record, index) => {
    (prepared[index] as PreparedRow).record = record as Record<string, unknown>;
  });
}

/** Text → ids of the live target records whose name or an external id equals it. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function findTargets(db: ObjectDb, catalog: Catalog, object: CompiledObject, field: string, texts: string[]): Promise<Map<string, string[]>> {
  const definition = object.columns.get(field)?.field;
  const targetName = object.lookups.get(field)?.target ?? (definition?.type === 'manytomany' ? definition.target : undefined);
  const target = targetName ? catalog.objects.get(targetName) : undefined;
  const found = new Map<string, string[]>();
  if (!target) return found;
  const nameField = target.definition.nameField;
  const externalIds = externalIdFields(target).filter((key) => key !== nameField);
  const visible = target.rowAccess?.read('t');
  const matching = async (key: string, wanted: string[]) => {
    // The name through its column expression: a formula name has no stored column.
    const text = (key === nameField ? recordNameSql(target) : undefined) ?? sql`t.${sql.id(key)}::text`;
    const rows = await sql<{ id: string; k: string }>`select t.id, ${text} as k from ${sql.id(target.schema, target.table)} as t
      where ${text} in (select unnest(${wanted}::text[])) and t.deleted_at is null ${visible ? sql`and ${visible}` : sql``}`.execute(db);
    return rows.rows;
  };
  // An external id match wins over name matches (it is unique; names may repeat), so names are
  // looked up only for the texts no external id matched: a file keyed by external ids never
  // scans the target by name (a name is rarely indexed; at 100,000 rows that scan was a third of an import).
  const byKey = new Map<string, string>();
  for (const key of externalIds) {
    const wanted = texts.filter((text) => !byKey.has(text));
    if (wanted.length === 0) break;
    for (const row of await matching(key, wanted)) byKey.set(row.k, row.id);
  }
  const unmatched = texts.filter((text) => !byKey.has(text));
  if (typeof nameField === 'string' && unmatched.length > 0) {
    for (const row of await matching(nameField, unmatched)) found.set(row.k, [...new Set([...(found.get(row.k) ?? []), row.id])]);
  }
  for (const [key, id] of byKey) found.set(key, [id]);
  return found;
}
