// `related_to.object` / `related_to.id` → the typed SQL of one part of a polylookup value. Filters,
// formulas and sharing rules read a polylookup through its parts (json-logic-js reads the same
// dotted names on the API's `{object, id}`), never as a whole: a jsonb value has no JS comparison.
// The expressions match the column's expression index, so "related to this record" is indexable.
import { type RawBuilder, sql } from 'kysely';
import type { FilterField } from '../filter/index.ts';
import type { CompiledColumn } from './catalog-types.ts';

export function polylookupObjectSql(alias: string, field: string): RawBuilder<unknown> {
  return sql`(${sql.ref(`${alias}.${field}`)} ->> 'object')`;
}

export function polylookupIdSql(alias: string, field: string): RawBuilder<unknown> {
  return sql`((${sql.ref(`${alias}.${field}`)} ->> 'id')::uuid)`;
}

/** The part a dotted name means, or undefined when the name is not `<polylookup>.object|id`. */
export function polylookupPart(columns: ReadonlyMap<string, CompiledColumn>, alias: string, name: string): FilterField | undefined {
  const dot = name.lastIndexOf('.');
  if (dot < 0) return undefined;
  const field = columns.get(name.slice(0, dot))?.field;
  if (field?.type !== 'polylookup') return undefined;
  const part = name.slice(dot + 1);
  if (part === 'object') return { ref: polylookupObjectSql(alias, field.apiName), type: 'text', values: field.targets };
  if (part === 'id') return { ref: polylookupIdSql(alias, field.apiName), type: 'uuid' };
  return undefined;
}

/** Why the bare polylookup name cannot be compared, for the filter's error message. */
export function polylookupWhole(columns: ReadonlyMap<string, CompiledColumn>, name: string): string | undefined {
  return columns.get(name)?.field?.type === 'polylookup'
    ? `'${name}' is a polylookup: filter on '${name}.object' (the object's api name) or '${name}.id' (the record id)`
    : undefined;
}
