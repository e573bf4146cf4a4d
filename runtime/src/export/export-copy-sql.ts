// An export as one `COPY (…) TO STDOUT (FORMAT csv)` statement: the list plan's rows (the same
// readable-rows conditions — deleted mode, filter, the reader's row access — and the same order)
// with every cell rendered by PostgreSQL (export-cell-sql.ts), so Node only forwards bytes. COPY
// takes no bound parameters: the compiled statement's values (filter constants, the reader's id)
// are inlined as quoted literals by inlineParameters, which types them as a bound value would be.
import { sql } from 'kysely';
import type { Catalog, CompiledObject } from '../catalog/catalog-types.ts';
import { type ListPlan, withPaths } from '../records/read/read-plan.ts';
import { readableRows } from '../records/read/readable-rows.ts';
import { compileOnce } from '../sql/precompile.ts';
import { inlineParameters } from '../sql/inline-parameters.ts';
import type { ExportLanguage } from './export-columns.ts';
import { exportCellSql, lookupJoinSql } from './export-cell-sql.ts';

export function exportCopySql(catalog: Catalog, object: CompiledObject, plan: ListPlan, fields: readonly string[], language: ExportLanguage): string {
  const conditions = readableRows(object, plan.deleted, plan.where);
  // Sort keys may be plan columns (a distance sort, a lookup path): the plan's view of the object has them.
  const sorted = withPaths(object, plan.paths);
  const order = plan.order.map((key) => sql`${sorted.columns.get(key.column)?.ref} ${sql.raw(key.descending ? 'desc' : 'asc')} nulls last`);
  const cells = fields.map((name) => exportCellSql(catalog, object, name, language));
  const joins = fields.flatMap((name) => lookupJoinSql(catalog, object, name) ?? []);
  const query = compileOnce(sql`
    select ${sql.join(cells)}
    from ${sql.id(object.schema, object.table)} as t
    ${joins.length > 0 ? sql.join(joins, sql` `) : sql``}
    ${conditions.length > 0 ? sql`where ${sql.join(conditions, sql` and `)}` : sql``}
    order by ${sql.join(order)}`);
  return `copy (${inlineParameters(query.sql, query.parameters)}) to stdout (format csv)`;
}
