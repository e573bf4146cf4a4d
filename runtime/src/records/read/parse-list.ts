// Query string of a list request → a frozen ListPlan against the object's catalog entry, or every
// problem at once. The cursor is decoded here, so a bad one is a 400 naming `cursor` before any SQL.
import { type ProblemDetail, type Result, fail, ok } from '@tessera/metadata';
import type { RawBuilder, SqlBool } from 'kysely';
import type { Catalog, CompiledColumn, CompiledObject } from '../../catalog/catalog-types.ts';
import { canonicalFieldName } from '../../catalog/compile-catalog.ts';
import { compileFilter } from '../../filter/index.ts';
import { decodeCursor } from '../cursor.ts';
import { filterScope } from '../filter-scope.ts';
import { isLookupPath } from '../lookup-path.ts';
import { isNearSort, nearSortColumn, splitSortKeys } from './near-sort.ts';
import { userNameColumn } from './user-name-sort.ts';
import { PathColumns } from './path-columns.ts';
import { parseExpand, parseNameList } from './parse-names.ts';
import { DEFAULT_PAGE_SIZE, type DeletedMode, type ListPlan, MAX_PAGE_SIZE, orderSignature, type PageAfter, type SortKey } from './read-plan.ts';

const KNOWN_PARAMETERS = new Set(['filter', 'sort', 'limit', 'cursor', 'fields', 'expand', 'deleted']);
const DELETED_MODES: readonly string[] = ['exclude', 'only', 'include'] satisfies DeletedMode[];
const MAX_SORT_KEYS = 8;
const ID_ASCENDING: SortKey = Object.freeze({ column: 'id', descending: false });
/** The default order, shared by every request that names no sort. */
const BY_ID: readonly SortKey[] = Object.freeze([ID_ASCENDING]);

/**
 * With `catalog` (the user's view the object came from), names may be lookup paths
 * (`account.region`, records/lookup-path.ts); without it, a path is an unknown field.
 */
export function parseListPlan(query: Record<string, string | undefined>, object: CompiledObject, catalog?: Catalog): Result<ListPlan> {
  const errors: ProblemDetail[] = [];
  const paths = new PathColumns(catalog, object);
  for (const name of Object.keys(query)) {
    if (!KNOWN_PARAMETERS.has(name)) errors.push({ path: name, code: 'TSR102', message: `unknown query parameter '${name}'` });
  }
  const where = parseFilter(query.filter, object, paths, errors);
  const order = parseSort(query.sort, object, paths, errors);

  let limit = DEFAULT_PAGE_SIZE;
  if (query.limit !== undefined) {
    limit = /^\d{1,4}$/.test(query.limit) ? Number(query.limit) : Number.NaN;
    if (!(limit >= 1 && limit <= MAX_PAGE_SIZE)) errors.push({ path: 'limit', code: 'TSR102', message: `limit must be an integer from 1 to ${MAX_PAGE_SIZE}` });
  }

  const fields = parseNameList(query.fields, 'fields', object, errors, undefined, paths);
  const expand = parseExpand(query.expand, object, errors);
  const deleted = (query.deleted ?? 'exclude') as DeletedMode;
  if (!DELETED_MODES.includes(deleted)) errors.push({ path: 'deleted', code: 'TSR102', message: 'deleted must be exclude, only or include' });

  const signature = order === BY_ID ? 'id' : orderSignature(order);
  let after: PageAfter | undefined;
  // A cursor is checked against the sort it claims, so it is decoded only once the sort is valid.
  if (query.cursor && !errors.some((error) => error.path === 'sort')) {
    const decoded = decodeCursor(query.cursor, signature, order.length);
    if (decoded.ok) after = Object.freeze({ values: Object.freeze(decoded.value.values), fromRow: Object.freeze(decoded.value.fromRow) });
    else errors.push(...decoded.errors);
  }

  if (errors.length > 0) return fail(errors);
  // Projected fields: id first, and every expanded lookup, which is rendered in its own column.
  const columns = fields ? ['id', ...fields.filter((name) => name !== 'id')] : undefined;
  if (columns) for (const name of expand) if (!columns.includes(name)) columns.push(name);
  return ok(
    Object.freeze({
      kind: 'list',
      object: object.apiName,
      columns: columns && Object.freeze(columns),
      expand,
      where,
      order,
      orderSignature: signature,
      page: Object.freeze({ limit, after }),
      deleted,
      ...(paths.used.size > 0 ? { paths: paths.used } : {}),
    }),
  );
}

function parseFilter(raw: string | undefined, object: CompiledObject, paths: PathColumns, errors: ProblemDetail[]): RawBuilder<SqlBool> | undefined {
  if (raw === undefined || raw === '') return undefined;
  let rule: unknown;
  try {
    rule = JSON.parse(raw);
  } catch {
    errors.push({ path: 'filter', code: 'TSR103', message: 'filter must be a JSON JsonLogic rule' });
    return undefined;
  }
  const compiled = compileFilter(rule, paths.scope(filterScope(object)));
  if (compiled.ok) return compiled.value;
  errors.push(...compiled.errors.map((error: ProblemDetail) => ({ ...error, path: `filter${error.path}` })));
  return undefined;
}

/** `sort=-amount,name` → frozen sort keys ending with id (added when absent). */
function parseSort(raw: string | undefined, object: CompiledObject, paths: PathColumns, errors: ProblemDetail[]): readonly SortKey[] {
  if (raw === undefined || raw === '') return BY_ID;
  const order: SortKey[] = [];
  const refuse = (message: string) => errors.push({ path: 'sort', code: 'TSR104', message });
  for (const part of splitSortKeys(raw)) {
    const descending = part.startsWith('-');
    if (isNearSort(part)) {
      const near = nearSortColumn(object, descending ? part.slice(1) : part);
      if ('problem' in near) errors.push(near.problem);
      else if (order.some((key) => key.column === near.name)) refuse(`'${near.name}' appears twice in sort`);
      else {
        // The plan carries it with the lookup paths: extra columns its SQL compiler sees.
        paths.used.set(near.name, near.column);
        order.push(Object.freeze({ column: near.name, descending }));
      }
      continue;
    }
    const name = canonicalFieldName(object, descending ? part.slice(1) : part);
    const path = isLookupPath(name) ? paths.column(name) : undefined;
    if (path && !path.ok) {
      errors.push({ path: 'sort', ...path.problem });
      continue;
    }
    const column: CompiledColumn | undefined = path ? path.column : object.columns.get(name);
    if (!column) refuse(`cannot sort by '${name}': ${object.apiName} has no such field`);
    else if (column.field?.type === 'geolocation') refuse(`cannot sort by '${name}' itself: sort by distance from a point, e.g. ${name}:near(31.23,121.47)`);
    else if (!column.sortable) refuse(`cannot sort by '${name}': ${column.field?.type ?? 'this'} fields are not sortable`);
    else if (order.some((key) => key.column === name)) refuse(`'${name}' appears twice in sort`);
    else {
      // A user column sorts by the user's display name first, then by its id (user-name-sort.ts).
      const byName = path ? undefined : userNameColumn(object, name);
      if (byName) {
        paths.used.set(byName.apiName, byName);
        order.push(Object.freeze({ column: byName.apiName, descending }));
      }
      order.push(Object.freeze({ column: name, descending }));
    }
  }
  if (order.length > MAX_SORT_KEYS) refuse(`at most ${MAX_SORT_KEYS} sort keys`);
  if (!order.some((key) => key.column === 'id')) order.push(ID_ASCENDING);
  return Object.freeze(order);
}
