// Validated record values → INSERT / UPDATE statements that return the record as JSON text (the
// caller's view, and the stored record too when a later step of the write reads it). Column names
// come from the catalog (validated api names); every value is a bound parameter.
import { recordTypeSequenceName } from '@tessera/metadata';
import { type RawBuilder, sql } from 'kysely';
import { autonumberExpression } from '../migrate/autonumber-default.ts';
import type { CompiledObject } from '../catalog/catalog-types.ts';
import { uniformColumns, unnestInsertParts, unnestType } from './unnest-insert.ts';
import { fieldKinds } from './write/field-kinds.ts';
import type { FoldedWork } from './write/write-context.ts';
import { arrayParameter } from '../sql/inline-parameters.ts';
import { fromParts, fromTemplate, type NodePart, SLOT, type Statement, type StatementPart, TemplateCache } from '../sql/statement-template.ts';

export interface ReturnedRow {
  id: string;
  /** The caller's view as JSON; null when the write was asked for no body (an import's create). */
  j: string | null;
  version: number;
  /** The stored record's JSON when asked for (`full`). */
  f: string | null;
}

// The INSERT and UPDATE texts of a plain write (the caller's whole view, no row condition) depend
// on the object, the columns written and the returning shape, never on the values: they are
// compiled once per (revision, column list) and each write only binds its values
// (sql/statement-template.ts). Writes whose text carries values of its own (a user's row
// condition, formulas bound to the request's clock) or that return the stored record separately
// build their statement per request from the same parts.
const templates = new TemplateCache();

/** The stored record's JSON at alias `t` (all of it, or the fields later steps read: read/record-json-sql.ts). */
export type StoredJson = RawBuilder<unknown>;

function statement<R>(object: CompiledObject, full: StoredJson | undefined, key: string, parts: () => StatementPart[], values: unknown[]): Statement<R> {
  const template = object.rowAccess === undefined && full === undefined ? templates.get(object.recordJson, object.definition, key, parts) : null;
  return template ? fromTemplate<R>(template, values) : fromParts<R>(parts(), values);
}

/** The object's table, a node when the statement runs through plugins (see statement-template.ts). */
const table = (object: CompiledObject): NodePart => ({ node: sql.id(object.schema, object.table) });

/** Multipicklists travel as JSON text (`cast(null as jsonb)` is null); every other value is bound as is. */
const isJson = (object: CompiledObject, name: string): boolean => object.columns.get(name)?.cast === 'jsonb';
/** Geolocations travel as a point's text `(longitude,latitude)`; JS prints the shortest exact decimal, float8in reads it back exactly. */
const isPoint = (object: CompiledObject, name: string): boolean => object.columns.get(name)?.cast === 'point';

function slotFor(object: CompiledObject, name: string): StatementPart[] {
  if (isPoint(object, name)) return ['cast(', SLOT, ' as point)'];
  return isJson(object, name) ? ['cast(', SLOT, ' as jsonb)'] : [SLOT];
}

function boundValue(object: CompiledObject, name: string, value: unknown): unknown {
  if (value !== null && isPoint(object, name)) {
    const { latitude, longitude } = value as { latitude: number; longitude: number };
    return `(${longitude},${latitude})`;
  }
  return isJson(object, name) && value !== null ? JSON.stringify(value) : value;
}

/**
 * `returning` the caller's view (unless `body` is false: row_to_json of every column costs the
 * database more than the INSERT's own work for an import's chunk), and the stored record when
 * `full` names it (a user's view hides fields); folded work (write-context.ts FoldedWork) also gets
 * the columns it reads, as `r_<column>`.
 */
export function returning(object: CompiledObject, full: StoredJson | undefined, folds: readonly FoldedWork[] = [], body = true): RawBuilder<unknown> {
  const view = body ? sql`${object.recordJson('t')}::text` : sql`null::text`;
  const stored = full ? sql`${full}::text` : sql`null`;
  const reads = [...new Set(folds.flatMap((fold) => fold.reads ?? []))];
  const extra = reads.map((name) => sql`, ${sql.ref(`t.${name}`)} as ${sql.id(`r_${name}`)}`);
  return sql` returning t.id, ${view} as j, t.version, ${stored} as f${sql.join(extra, sql``)}`;
}

/**
 * One INSERT for every row. Rows that leave a column out get its DEFAULT. PostgreSQL returns the
 * rows of an INSERT … VALUES in the order of the VALUES list, which is how results match items.
 */
export function insertSql(
  object: CompiledObject,
  rows: readonly Readonly<Record<string, unknown>>[],
  full?: StoredJson,
  folds: readonly FoldedWork[] = [],
  body = true,
) {
  const numbered = rows.map((row) => recordTypeNumbers(object, row));
  const returned: Returned = { full, folds, body };
  if (numbered.some((fields) => fields.size > 0)) return numberedInsert(object, rows, numbered, returned);
  if (rows.length === 1) {
    // The common create: one row, every named column bound.
    const row = rows[0] as Readonly<Record<string, unknown>>;
    const names = Object.keys(row);
    const values: unknown[] = [];
    for (const name of names) values.push(boundValue(object, name, row[name]));
    for (const fold of folds) values.push(...fold.values);
    const key = `insert:${names.join(',')}${returnedKey(returned)}`;
    return statement<ReturnedRow>(object, full, key, () => withFolds(insertParts(object, [names.map(() => true)], names, returned), folds), values);
  }
  const uniform = uniformColumns(rows);
  const names = uniform ?? [...new Set(rows.flatMap((row) => Object.keys(row)))];
  if (names.length === 0) throw new Error('a multi-row insert needs at least one column');
  // Every row writes every column (an import's chunk, a bulk create of one shape): one array per
  // column (records/unnest-insert.ts), folded work after it as for one row. Rows that leave a
  // column to its DEFAULT need a VALUES list.
  if (uniform && names.every((name) => unnestType(object, name) !== undefined)) {
    const values: unknown[] = names.map((name) => {
      // Most columns bind their values as they are: the array is then a plain copy, no test per cell.
      const column = !isJson(object, name) && !isPoint(object, name) ? rows.map((row) => row[name]) : rows.map((row) => boundValue(object, name, row[name]));
      return arrayParameter(column);
    });
    for (const fold of folds) values.push(...fold.values);
    const parts = () => withFolds(unnestInsertParts(object, names, table(object), returning(object, full, folds, body)) as StatementPart[], folds);
    return statement<ReturnedRow>(object, full, `insert-unnest:${names.join(',')}${returnedKey(returned)}`, parts, values);
  }
  const present = rows.map((row) => names.map((name) => name in row));
  const values: unknown[] = [];
  for (const row of rows) for (const name of names) if (name in row) values.push(boundValue(object, name, row[name]));
  for (const fold of folds) values.push(...fold.values);
  return fromParts<ReturnedRow>(withFolds(insertParts(object, present, names, returned), folds), values);
}

/** What an INSERT returns besides id and version: the stored record, folded work's columns, the caller's view. */
interface Returned {
  readonly full: StoredJson | undefined;
  readonly folds: readonly FoldedWork[];
  readonly body: boolean;
}

/** The part of a template's key that the returning clause and the folds decide. */
const returnedKey = ({ folds, body }: Returned): string => `${body ? '' : '|no-body'}${folds.map((fold) => `|${fold.key}`).join('')}`;

/**
 * The write with work folded into its statement (records/write/write-context.ts FoldedWork): the
 * write becomes CTE `w`, each fold a data-modifying CTE reading it, and the statement returns `w`'s
 * rows as the write alone would. All of it is one statement, so it commits or fails as one.
 */
function withFolds(write: StatementPart[], folds: readonly FoldedWork[]): StatementPart[] {
  if (folds.length === 0) return write;
  const parts: StatementPart[] = ['with w as (', ...write, ')'];
  for (const [index, fold] of folds.entries()) parts.push(`, f${index} as (`, ...fold.parts, ')');
  parts.push(' select w.id, w.j, w.version, w.f from w');
  return parts;
}

/**
 * Autonumber fields whose format depends on the row's record type (formatsByRecordType): field →
 * the record type whose counter numbers it. Creates always carry record_type (record-type.ts).
 */
function recordTypeNumbers(object: CompiledObject, row: Readonly<Record<string, unknown>>): Map<string, string> {
  const numbered = new Map<string, string>();
  const recordType = row.record_type;
  if (typeof recordType !== 'string' || fieldKinds(object.definition).recordTypeNumbered.size === 0) return numbered;
  for (const field of object.definition.fields) {
    if (field.type === 'autonumber' && field.formatsByRecordType?.[recordType] !== undefined) numbered.set(field.apiName, recordType);
  }
  return numbered;
}

/** An insert where some rows take a record type's format: that column gets its own expression, not DEFAULT. */
function numberedInsert(
  object: CompiledObject,
  rows: readonly Readonly<Record<string, unknown>>[],
  numbered: readonly Map<string, string>[],
  returned: Returned,
) {
  const names = [...new Set(rows.flatMap((row, index) => [...Object.keys(row), ...(numbered[index]?.keys() ?? [])]))];
  const fields = new Map(object.definition.fields.map((field) => [field.apiName, field]));
  const values: unknown[] = [];
  const present = rows.map((row, index) =>
    names.map((name): boolean | RawBuilder<unknown> => {
      const recordType = numbered[index]?.get(name);
      const field = fields.get(name);
      if (recordType !== undefined && field?.type === 'autonumber') {
        const format = field.formatsByRecordType?.[recordType] as string;
        return autonumberExpression(object.schema, format, recordTypeSequenceName(object.definition.apiName, name, recordType));
      }
      if (!(name in row)) return false;
      values.push(boundValue(object, name, row[name]));
      return true;
    }),
  );
  for (const fold of returned.folds) values.push(...fold.values);
  return fromParts<ReturnedRow>(withFolds(insertParts(object, present, names, returned), returned.folds), values);
}

/** `present[row][column]`: a bound value, an expression of its own (a record type's autonumber), else DEFAULT. */
function insertParts(
  object: CompiledObject,
  present: readonly (readonly (boolean | RawBuilder<unknown>)[])[],
  names: readonly string[],
  { full, folds, body }: Returned,
): StatementPart[] {
  if (names.length === 0) return ['insert into ', table(object), ' as t default values', returning(object, full, folds, body)];
  const parts: StatementPart[] = ['insert into ', table(object), sql` as t (${sql.join(names.map((name) => sql.id(name)))}) values `];
  present.forEach((row, rowIndex) => {
    parts.push(rowIndex === 0 ? '(' : ', (');
    names.forEach((name, index) => {
      if (index > 0) parts.push(', ');
      const slot = row[index];
      if (slot === true) parts.push(...slotFor(object, name));
      else if (slot) parts.push(slot);
      else parts.push('default');
    });
    parts.push(')');
  });
  parts.push(returning(object, full, folds, body));
  return parts;
}

export function updateSql(object: CompiledObject, id: string, body: Readonly<Record<string, unknown>>, expectedVersion: number | undefined, full?: StoredJson) {
  const names = Object.keys(body);
  const values: unknown[] = [];
  for (const name of names) values.push(boundValue(object, name, body[name]));
  values.push(id);
  if (expectedVersion !== undefined) values.push(expectedVersion);
  const key = `update:${expectedVersion === undefined ? '' : 'v'}:${names.join(',')}`;
  return statement<ReturnedRow>(object, full, key, () => updateParts(object, names, expectedVersion !== undefined, full), values);
}

function updateParts(object: CompiledObject, names: readonly string[], versioned: boolean, full: StoredJson | undefined): StatementPart[] {
  const parts: StatementPart[] = ['update ', table(object), ' as t set '];
  for (const name of names) parts.push(sql`${sql.id(name)} = `, ...slotFor(object, name), ', ');
  parts.push('version = t.version + 1, updated_at = now() where t.id = ', SLOT, '::uuid and t.deleted_at is null');
  if (versioned) parts.push(' and t.version = ', SLOT);
  parts.push(' ', editable(object, 'edit'), returning(object, full));
  return parts;
}

/** Soft delete of live rows the caller may delete, at the expected version when one is given. */
export function softDeleteSql(object: CompiledObject, id: string, expectedVersion: number | undefined) {
  return sql<{ id: string }>`
    update ${sql.id(object.schema, object.table)} as t
    set deleted_at = now(), version = t.version + 1, updated_at = now()
    where t.id = ${id}::uuid and t.deleted_at is null ${expectedVersion === undefined ? sql`` : sql`and t.version = ${expectedVersion}`}
    ${editable(object, 'delete')}
    returning t.id`;
}

/** Brings soft-deleted rows back (access was checked on the locked rows). */
export function restoreSql(object: CompiledObject, ids: readonly string[]) {
  return sql<ReturnedRow>`
    update ${sql.id(object.schema, object.table)} as t set deleted_at = null, version = t.version + 1, updated_at = now()
    where t.id = any(${ids}::uuid[])
    ${returning(object, undefined)}`;
}

/** `and <the user's row condition>`, or nothing when every row qualifies. */
export function editable(object: CompiledObject, action: 'edit' | 'delete'): RawBuilder<unknown> {
  const condition = object.rowAccess?.[action]('t');
  return condition ? sql`and ${condition}` : sql``;
}

/** A row's version and state; `visible` and `allowed` say whether this user may see and change it. */
export function currentStateSql(object: CompiledObject, id: string, action: 'edit' | 'delete' = 'edit') {
  const visible = object.rowAccess?.read('t') ?? sql`true`;
  const allowed = object.rowAccess?.[action]('t') ?? sql`true`;
  return sql<{ version: number; deleted: boolean; visible: boolean; allowed: boolean }>`
    select t.version, t.deleted_at is not null as deleted, ${visible} as visible, ${allowed} as allowed
    from ${sql.id(object.schema, object.table)} as t where t.id = ${id}::uuid`;
}
