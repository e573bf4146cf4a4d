// Reads as data: what a list or get request asks for, checked against the catalog by the parse
// stage (parse-list.ts, parse-get.ts) and turned into SQL by readPlanSql (read-plan-sql.ts).
// Plans are frozen and already valid: nothing downstream checks a name or a cursor again.
import type { RawBuilder, SqlBool } from 'kysely';
import type { CompiledColumn, CompiledObject } from '../../catalog/catalog-types.ts';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export interface SortKey {
  readonly column: string;
  readonly descending: boolean;
}

export type DeletedMode = 'exclude' | 'only' | 'include';

/** Where a page starts: the sort-key values of the previous page's last row (decoded from its cursor). */
export interface PageAfter {
  readonly values: readonly (string | null)[];
  /** Indexes of long text keys read from the row the id key names (cursor.ts). */
  readonly fromRow: readonly number[];
}

interface PlanBase {
  /** Api name of the object, looked up in the catalog the plan is compiled against. */
  readonly object: string;
  /** Columns to return, id first; undefined = every column the catalog shows. */
  readonly columns: readonly string[] | undefined;
  /** Lookup fields rendered as their target record. */
  readonly expand: readonly string[];
  readonly deleted: DeletedMode;
}

export interface ListPlan extends PlanBase {
  readonly kind: 'list';
  /** The request's filter, compiled; row access and the deleted mode are the compiler's to add. */
  readonly where: RawBuilder<SqlBool> | undefined;
  /** Ends with id, the tie-breaker, so the order is total and keyset pages never skip a row. */
  readonly order: readonly SortKey[];
  /** Canonical text of `order`, bound into cursors: a cursor from another sort is refused. */
  readonly orderSignature: string;
  readonly page: { readonly limit: number; readonly after: PageAfter | undefined };
  /** Lookup paths the filter, sort or projection names (`account.region`), as columns; absent when none. */
  readonly paths?: ReadonlyMap<string, CompiledColumn>;
}

export interface GetPlan extends PlanBase {
  readonly kind: 'get';
  /** A well-formed record id or not: a malformed one reads as a record that does not exist. */
  readonly id: string;
}

export type ReadPlan = ListPlan | GetPlan;
export type ReadKind = ReadPlan['kind'];

/** Each kind's result row: the record's JSON text, plus the list's cursor key or the get's version. */
export interface ReadRows {
  list: { j: string; k: string };
  get: { j: string; version: number };
}

export function orderSignature(order: readonly SortKey[]): string {
  return order.map((key) => `${key.descending ? '-' : ''}${key.column}`).join(',');
}

/** The object with the plan's lookup paths as extra columns (the object itself when there are none). */
export function withPaths(object: CompiledObject, paths: ReadonlyMap<string, CompiledColumn> | undefined): CompiledObject {
  if (!paths || paths.size === 0) return object;
  return Object.freeze({ ...object, columns: new Map([...object.columns, ...paths]) });
}
