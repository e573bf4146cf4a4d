// A list's totals: the query of a list request (filter, view, deleted) plus `sum=a,b` → one
// aggregate statement over exactly the rows that list would return (its filter, the deleted mode
// and the reader's row access, via readableRows), so a total never counts a row the reader cannot
// list. Fields to sum must be numeric fields of the caller's view of the object: a field hidden
// from them is not in that view, so it is refused like an unknown field (TSR106).
import { type ProblemDetail, type Result, fail, ok } from '@tessera/metadata';
import { type Kysely, sql } from 'kysely';
import type { CompiledObject } from '../catalog/catalog-types.ts';
import type { StageTimer } from '../core/stage-timer.ts';
import { parseListPlan } from '../records/read/parse-list.ts';
import type { DeletedMode } from '../records/read/read-plan.ts';
import { readableRows } from '../records/read/readable-rows.ts';
import type { RawBuilder, SqlBool } from 'kysely';

/** Field types whose values add up: amounts, quantities, rates. */
export const SUMMABLE_TYPES: ReadonlySet<string> = new Set(['number', 'currency', 'percent']);
const MAX_SUMS = 10;

export interface TotalsPlan {
  readonly object: string;
  readonly where: RawBuilder<SqlBool> | undefined;
  readonly deleted: DeletedMode;
  readonly sums: readonly string[];
}

export interface Totals {
  count: number;
  /** Per summed field; null when no row holds a value. */
  sums: Record<string, number | null>;
}

/** Query → plan; the list parser checks filter and deleted (the list's own codes), `sum` is ours. */
export function parseTotalsPlan(query: Record<string, string | undefined>, object: CompiledObject): Result<TotalsPlan> {
  const { sum, sort: _sort, limit: _limit, cursor: _cursor, fields: _fields, expand: _expand, ...listQuery } = query;
  const errors: ProblemDetail[] = [];
  const listed = parseListPlan(listQuery, object);
  if (!listed.ok) errors.push(...listed.errors);
  const sums = sum === undefined || sum.trim() === '' ? [] : [...new Set(sum.split(',').map((name) => name.trim()))];
  if (sums.length > MAX_SUMS) errors.push({ path: 'sum', code: 'TSR102', message: `sum names at most ${MAX_SUMS} fields` });
  for (const name of sums) {
    const column = object.columns.get(name);
    if (!column?.field) errors.push({ path: 'sum', code: 'TSR106', message: `unknown field '${name.slice(0, 80)}'` });
    else if (!SUMMABLE_TYPES.has(column.field.type))
      errors.push({ path: 'sum', code: 'TSR102', message: `'${name}' is a ${column.field.type} field; only number, currency and percent fields add up` });
  }
  if (errors.length > 0 || !listed.ok) return fail(errors);
  return ok(Object.freeze({ object: object.apiName, where: listed.value.where, deleted: listed.value.deleted, sums: Object.freeze(sums) }));
}

// biome-ignore lint/suspicious/noExplicitAny: tenant tables are dynamic
export async function readTotals(db: Kysely<any>, object: CompiledObject, timer: StageTimer, plan: TotalsPlan): Promise<Totals> {
  const conditions = readableRows(object, plan.deleted, plan.where);
  // Each sum as text: numeric sums can exceed a double's exact range; the JSON number is rounded only at the end.
  const sums = plan.sums.map((name, index) => sql`sum(${object.columns.get(name)?.ref})::text as ${sql.id(`s${index}`)}`);
  const query = sql<Record<string, string | null>>`
    select count(*)::text as n ${sums.length > 0 ? sql`, ${sql.join(sums)}` : sql``}
    from ${sql.id(object.schema, object.table)} as t
    ${conditions.length > 0 ? sql`where ${sql.join(conditions, sql` and `)}` : sql``}`;
  const result = await timer.time('db', () => query.execute(db));
  const row = result.rows[0] ?? {};
  const totals: Totals = { count: Number(row.n ?? 0), sums: {} };
  plan.sums.forEach((name, index) => {
    const value = row[`s${index}`];
    totals.sums[name] = value === null || value === undefined ? null : Number(value);
  });
  return totals;
}
