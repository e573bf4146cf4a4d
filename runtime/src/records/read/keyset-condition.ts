// A list page's start as SQL: the rows after the previous page's last row under the plan's order
// ("nulls last"), with cursor values cast back to their columns' types.
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { CompiledObject } from '../../catalog/catalog-types.ts';
import type { PageAfter, SortKey } from './read-plan.ts';

/**
 * Rows after the cursor under "nulls last" ordering: for keys k1..kn the row must tie on
 * k1..k(i-1) and come after on ki, for some i. id is last and never null, so the order is total.
 * Keys listed in `fromRow` (long texts) compare with the value the id key's row holds now.
 */
export function keysetCondition(object: CompiledObject, order: readonly SortKey[], { values, fromRow }: PageAfter): RawBuilder<SqlBool> {
  const idValue = values[order.findIndex((key) => key.column === 'id')] ?? null;
  // The inner alias `t` shadows the outer one, so the column's expression reads the cursor's row.
  const bound = (i: number, column: { ref: RawBuilder<unknown>; cast: string }, value: string | null): RawBuilder<unknown> | null => {
    if (!fromRow.includes(i)) return value === null ? null : castCursorValue(value, column.cast);
    if (idValue === null) return null;
    return sql`(select ${column.ref} from ${sql.id(object.schema, object.table)} as t where t.id = ${castCursorValue(idValue, 'uuid')})`;
  };
  const branches: RawBuilder<SqlBool>[] = [];
  for (let i = 0; i < order.length; i++) {
    const key = order[i] as SortKey;
    const column = object.columns.get(key.column);
    if (!column) continue;
    const limit = bound(i, column, values[i] ?? null);
    if (limit === null) continue; // nothing sorts after NULL on this key
    const after = key.descending
      ? sql<SqlBool>`(${column.ref} < ${limit} or ${column.ref} is null)`
      : sql<SqlBool>`(${column.ref} > ${limit} or ${column.ref} is null)`;
    const ties = order.slice(0, i).map((earlier, j) => {
      const earlierColumn = object.columns.get(earlier.column);
      if (!earlierColumn) return sql<SqlBool>`false`;
      const earlierLimit = bound(j, earlierColumn, values[j] ?? null);
      return earlierLimit === null ? sql<SqlBool>`${earlierColumn.ref} is null` : sql<SqlBool>`${earlierColumn.ref} = ${earlierLimit}`;
    });
    branches.push(ties.length === 0 ? after : sql<SqlBool>`(${sql.join([...ties, after], sql` and `)})`);
  }
  return branches.length === 0 ? sql<SqlBool>`false` : sql<SqlBool>`(${sql.join(branches, sql` or `)})`;
}

/**
 * A cursor value (the column's text form) cast back to the column type. The parameter is cast to
 * text first: PGlite otherwise infers the parameter's type from the outer cast and refuses the
 * string 'true' for a boolean ("Invalid input for boolean type"), so boolean sorts broke on page 2.
 */
export function castCursorValue(value: string, cast: string): RawBuilder<unknown> {
  return sql`cast(cast(${value} as text) as ${sql.raw(cast)})`;
}
