// A value read through lookups as SQL: one correlated scalar subquery per hop, each keyed on the
// parent's primary key and skipping recycled parents, nested so the last hop's row is in scope
// for the value. Shared by list paths (records/lookup-path.ts) and formulas (catalog/formula-columns.ts).
import { type RawBuilder, type SqlBool, sql } from 'kysely';

export interface LookupHop {
  /** The lookup column on the row before this hop (a validated api name). */
  lookup: string;
  schema: string;
  table: string;
  /** Extra condition on the parent row at an alias (the reader's row access), if any. */
  visible?: (alias: string) => RawBuilder<SqlBool> | undefined;
}

/** The value at the end of `hops` from the row at `alias`; hop aliases extend it (`t_account_parent`), so they never clash. */
export function throughLookups(alias: string, hops: readonly LookupHop[], value: (alias: string) => RawBuilder<unknown>): RawBuilder<unknown> {
  const [hop, ...rest] = hops;
  if (!hop) return value(alias);
  const inner = `${alias}_${hop.lookup}`;
  const conditions = [sql`${sql.ref(`${inner}.id`)} = ${sql.ref(`${alias}.${hop.lookup}`)}`, sql`${sql.ref(`${inner}.deleted_at`)} is null`];
  const visible = hop.visible?.(inner);
  if (visible) conditions.push(visible);
  return sql`(select ${throughLookups(inner, rest, value)} from ${sql.id(hop.schema, hop.table)} as ${sql.id(inner)} where ${sql.join(conditions, sql` and `)})`;
}
