// ListPlan → one statement whose rows are already JSON text: PostgreSQL renders each record, the
// runtime joins them into the response, so Node never parses and re-serialises a record.
import { type CompiledQuery, sql } from 'kysely';
import type { Catalog, CompiledObject } from '../../catalog/catalog-types.ts';
import { compileOnce } from '../../sql/precompile.ts';
import { keysetCondition } from './keyset-condition.ts';
import { type ListPlan, type ReadRows, withPaths } from './read-plan.ts';
import { readableRows } from './readable-rows.ts';
import { recordJsonSql } from './record-json-sql.ts';

/**
 * A page of a list, limit + 1 rows in order (the extra row says whether a next page exists): each
 * record's JSON text (`j`) and its cursor key (`k`, the sort values as a JSON array of text).
 */
export function listPlanSql(catalog: Catalog, listed: CompiledObject, plan: ListPlan): CompiledQuery<ReadRows['list']> {
  const object = withPaths(listed, plan.paths);
  const conditions = readableRows(object, plan.deleted, plan.where);
  if (plan.page.after) conditions.push(keysetCondition(object, plan.order, plan.page.after));
  const order = plan.order.map((key) => {
    const column = object.columns.get(key.column);
    return sql`${column?.ref} ${sql.raw(key.descending ? 'desc' : 'asc')} nulls last`;
  });
  const keyValues = plan.order.map((key) => sql`${object.columns.get(key.column)?.ref}::text`);
  return compileOnce(sql<ReadRows['list']>`
    select ${recordJsonSql(catalog, object, plan.columns, plan.expand)}::text as j,
           json_build_array(${sql.join(keyValues)})::text as k
    from ${sql.id(object.schema, object.table)} as t
    ${conditions.length > 0 ? sql`where ${sql.join(conditions, sql` and `)}` : sql``}
    order by ${sql.join(order)}
    limit ${sql.lit(plan.page.limit + 1)}`);
}
