// `account.parent.name` → a column of the list (filter, sort, `fields`) read through lookups, as the
// user's catalog view sees it: one correlated scalar subquery per hop, keyed on the parent's
// primary key.
//
// Why subqueries rather than LEFT JOINs: a subquery is an expression, so a path drops into every
// place a column ref goes (filter compiler, ORDER BY, keyset cursor, row_to_json projection)
// without changing the statement's FROM clause, and it cannot multiply rows. Each hop is one probe
// of the parent's primary-key index, per row that reaches it: for a page of 50 that is 50 probes;
// for a filter on a path PostgreSQL evaluates it per candidate row (it does not pull a scalar
// subquery up into a join), so a selective filter on the child's own fields should come with it.
// Queries without paths do not change at all (the hot path keeps its SQL; see the snapshot).
//
// Security, per hop: the parent's rows are those the user may read (row access ANDed into the
// subquery) and not in the recycle bin; any other parent reads as null, exactly like an empty
// lookup, so a filter on a path cannot tell "hidden" from "empty". A parent field the user may not
// read is absent from their view and the path is refused as unknown, like a hidden own field.
import type { ProblemDetail } from '@tessera/metadata';
import { isLookupPath, resolveLookupPath } from '@tessera/metadata';
import { type RawBuilder, sql } from 'kysely';
import type { Catalog, CompiledColumn, CompiledObject } from '../catalog/catalog-types.ts';
import { columnRef } from '../catalog/column-kinds.ts';
import { type LookupHop, throughLookups } from '../sql/through-lookups.ts';

export { isLookupPath };

type PathAnswer = { ok: true; column: CompiledColumn } | { ok: false; problem: Omit<ProblemDetail, 'path'> };

// Built columns depend only on the object view and the catalog it came from, both frozen.
const built = new WeakMap<CompiledObject, Map<string, PathAnswer>>();
const MAX_PATHS_PER_OBJECT = 256;

/** The column a path names on `object`, or why it cannot be read (code TSR160, message naming the path). */
export function lookupPathColumn(catalog: Catalog, object: CompiledObject, path: string): PathAnswer {
  let answers = built.get(object);
  if (!answers) {
    answers = new Map();
    built.set(object, answers);
  }
  const cached = answers.get(path);
  if (cached) return cached;
  const answer = resolvePath(catalog, object, path);
  if (answers.size >= MAX_PATHS_PER_OBJECT) answers.clear();
  answers.set(path, answer);
  return answer;
}

function resolvePath(catalog: Catalog, object: CompiledObject, path: string): PathAnswer {
  // The view's definitions hold only the fields the user may read, so a hidden field is unknown here.
  const end = resolveLookupPath((name) => catalog.objects.get(name)?.definition, object.definition, path, { formulas: true });
  if (!end.ok) return { ok: false, problem: { code: 'TSR160', message: end.message } };
  const targets = end.hops.map((hop) => catalog.objects.get(hop.target.apiName) as CompiledObject);
  const hops: LookupHop[] = end.hops.map((hop, i) => {
    const target = targets[i] as CompiledObject;
    return { lookup: hop.lookup, schema: target.schema, table: target.table, visible: (alias) => target.rowAccess?.read(alias) };
  });
  const last = targets[targets.length - 1] ?? object;
  const column = last.columns.get(typeof end.field === 'string' ? end.field : end.field.apiName);
  if (!column) return { ok: false, problem: { code: 'TSR160', message: `'${path.slice(0, 80)}': ${last.apiName} has no such field` } };
  return {
    ok: true,
    column: Object.freeze({
      apiName: path,
      field: column.field,
      filterType: column.filterType,
      cast: column.cast,
      ref: throughLookups('t', hops, (alias) => valueAt(column, alias)),
      render: (alias: string) => throughLookups(alias, hops, (at) => column.render(at)),
      sortable: column.sortable,
      asText: column.asText,
    }),
  };
}

/** A column's typed value at a row alias: stored columns by name, formulas as their expression there. */
function valueAt(column: CompiledColumn, alias: string): RawBuilder<unknown> {
  return column.field?.type === 'formula' ? column.render(alias) : columnRef(column.asText ? { asText: true } : {}, alias, column.apiName);
}
