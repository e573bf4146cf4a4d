// GetPlan → one statement: the record's JSON text and its version (the ETag).
import { CompiledQuery, sql } from 'kysely';
import type { Catalog, CompiledObject } from '../../catalog/catalog-types.ts';
import { compileOnce } from '../../sql/precompile.ts';
import type { GetPlan, ReadRows } from './read-plan.ts';
import { readableRows } from './readable-rows.ts';
import { recordJsonSql } from './record-json-sql.ts';

// The plain get (whole record, live rows, no row-level predicate) has one text per object and
// revision: compile it once and only bind the id per request.
// Only when the id is the sole bound value: formulas bind the request's clock and user, so an
// object with formulas is compiled per request.
// Keyed by the object's record renderer, not the object: each request binds its own copy of the
// object (rules/bind-rule-context.ts) but keeps the renderer unless formulas read the context.
const plainGets = new WeakMap<CompiledObject['recordJson'], string | null>();
const PLACEHOLDER_ID = '00000000-0000-0000-0000-000000000000';

export function getPlanSql(catalog: Catalog, object: CompiledObject, plan: GetPlan): CompiledQuery<ReadRows['get']> {
  const plain = !plan.columns && plan.expand.length === 0 && plan.deleted === 'exclude' && !object.rowAccess;
  if (plain) {
    let text = plainGets.get(object.recordJson);
    if (text === undefined) {
      const template = compileOnce(getStatement(catalog, object, plan, PLACEHOLDER_ID));
      text = template.parameters.length === 1 ? template.sql : null;
      plainGets.set(object.recordJson, text);
    }
    if (text !== null) return CompiledQuery.raw(text, [plan.id]) as CompiledQuery<ReadRows['get']>;
  }
  return compileOnce(getStatement(catalog, object, plan, plan.id));
}

function getStatement(catalog: Catalog, object: CompiledObject, plan: GetPlan, id: string) {
  const conditions = [sql`t.id = ${id}::uuid`, ...readableRows(object, plan.deleted)];
  return sql<ReadRows['get']>`
    select ${recordJsonSql(catalog, object, plan.columns, plan.expand)}::text as j, t.version
    from ${sql.id(object.schema, object.table)} as t
    where ${sql.join(conditions, sql` and `)}`;
}
