// Many rows with the same columns → one INSERT … SELECT FROM unnest($1::type[], $2::type[], …):
// one array parameter per column instead of one parameter per row and column, so the statement's
// text, its parameter count and PostgreSQL's parse and plan of it do not grow with the rows (a
// 2,000-row VALUES list binds 40,000 parameters and is planned again on every execution).
//
// Each array is typed with the column's base type (varchar(n) → text, numeric(p, s) → numeric,
// timestamptz(3) → timestamptz, time(0) → time): the INSERT's assignment cast then applies the
// column's own length, precision and rounding, and refuses what does not fit, exactly as it does for
// a VALUES list's parameters (an explicit `::varchar(n)` would truncate instead).
import { columnStorage } from '@tessera/metadata';
import { sql } from 'kysely';
import type { CompiledObject } from '../catalog/catalog-types.ts';
import { SLOT, type StatementPart } from '../sql/statement-template.ts';

/** Standard columns a create may write, by their base type. */
const STANDARD_TYPES: Readonly<Record<string, string>> = {
  id: 'uuid',
  owner_id: 'uuid',
  created_by: 'uuid',
  record_type: 'text',
  created_at: 'timestamptz',
  updated_at: 'timestamptz',
  version: 'integer',
  deleted_at: 'timestamptz',
};

const BASE_TYPES = /^(varchar|numeric|timestamptz|time)\(.*\)$/;

/** The array element type of a column for unnest, or undefined when the column has no plain one. */
export function unnestType(object: CompiledObject, name: string): string | undefined {
  const field = object.columns.get(name)?.field;
  if (!field) return STANDARD_TYPES[name];
  if (field.type === 'formula' || field.type === 'manytomany') return undefined;
  const storage = columnStorage(field);
  const base = storage.replace(BASE_TYPES, '$1');
  const type = base === 'varchar' ? 'text' : base;
  // Only the types columnStorage makes (the same allow-list as the DDL's): anything else stays a VALUES insert.
  return /^(text|numeric|jsonb|boolean|date|timestamptz|uuid|time|point)$/.test(type) ? type : undefined;
}

/**
 * The parts of an INSERT of rows that all write exactly `names` (one array slot per column, in
 * order), or undefined when a column has no array type. Rows are inserted, and returned, in the
 * arrays' order, as a VALUES list's are.
 */
export function unnestInsertParts(
  object: CompiledObject,
  names: readonly string[],
  table: StatementPart,
  returning: StatementPart,
): StatementPart[] | undefined {
  const types = names.map((name) => unnestType(object, name));
  if (names.length === 0 || types.some((type) => type === undefined)) return undefined;
  const parts: StatementPart[] = ['insert into ', table, sql` as t (${sql.join(names.map((name) => sql.id(name)))}) select * from unnest(`];
  for (const [index, type] of types.entries()) parts.push(index === 0 ? '' : ', ', SLOT, `::${type}[]`);
  parts.push(')', returning);
  return parts;
}

/** The columns every row writes when all rows write the same ones (in the first row's order), else undefined. */
export function uniformColumns(rows: readonly Readonly<Record<string, unknown>>[]): string[] | undefined {
  const names = Object.keys(rows[0] ?? {});
  for (const row of rows) {
    // Rows built by one planner list their keys in one order: compared in place, five times faster
    // than counting with for…in; another order falls back to a lookup per name.
    const keys = Object.keys(row);
    if (keys.length !== names.length) return undefined;
    for (let index = 0; index < keys.length; index += 1) {
      if (keys[index] === names[index]) continue;
      if (!names.every((name) => Object.hasOwn(row, name))) return undefined;
      break;
    }
  }
  return names;
}
