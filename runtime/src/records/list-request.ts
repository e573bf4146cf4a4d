// Query string of a list request → a checked ListRequest against the object's catalog entry.
// Every parameter is validated here and all problems are reported together.
import { compileFilter } from '../filter/index.ts';
import type { ProblemDetail, Result } from '@tessera/metadata';
import type { RawBuilder, SqlBool } from 'kysely';
import type { CompiledObject } from '../catalog/catalog-types.ts';
import { canonicalFieldName } from '../catalog/compile-catalog.ts';
import { filterScope } from './filter-scope.ts';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export interface SortKey {
  column: string;
  descending: boolean;
}

export type DeletedMode = 'exclude' | 'only' | 'include';

export interface ListRequest {
  filter: RawBuilder<SqlBool> | undefined;
  /** Ends with id, the tie-breaker. */
  sort: SortKey[];
  /** Canonical text of the sort, bound into cursors. */
  sortSignature: string;
  limit: number;
  cursor: string | undefined;
  /** Columns to return (id first); undefined = all. */
  fields: string[] | undefined;
  expand: string[];
  deleted: DeletedMode;
}

const KNOWN_PARAMETERS = new Set(['filter', 'sort', 'limit', 'cursor', 'fields', 'expand', 'deleted']);

export function parseListRequest(query: Record<string, string | undefined>, object: CompiledObject): Result<ListRequest> {
  const errors: ProblemDetail[] = [];
  for (const name of Object.keys(query)) {
    if (!KNOWN_PARAMETERS.has(name)) errors.push({ path: name, code: 'TSR102', message: `unknown query parameter '${name}'` });
  }

  let filter: RawBuilder<SqlBool> | undefined;
  if (query.filter !== undefined && query.filter !== '') {
    let rule: unknown;
    try {
      rule = JSON.parse(query.filter);
    } catch {
      errors.push({ path: 'filter', code: 'TSR103', message: 'filter must be a JSON JsonLogic rule' });
    }
    if (rule !== undefined) {
      const compiled = compileFilter(rule, filterScope(object));
      if (compiled.ok) filter = compiled.value;
      else errors.push(...compiled.errors.map((error: ProblemDetail) => ({ ...error, path: `filter${error.path}` })));
    }
  }

  const sort: SortKey[] = [];
  for (const raw of (query.sort ?? '').split(',').filter((part) => part !== '')) {
    const descending = raw.startsWith('-');
    const name = canonicalFieldName(object, descending ? raw.slice(1) : raw);
    const column = object.columns.get(name);
    if (!column) errors.push({ path: 'sort', code: 'TSR104', message: `cannot sort by '${name}': ${object.apiName} has no such field` });
    else if (!column.sortable) errors.push({ path: 'sort', code: 'TSR104', message: `cannot sort by '${name}': ${column.field?.type ?? 'this'} fields are not sortable` });
    else if (sort.some((key) => key.column === name)) errors.push({ path: 'sort', code: 'TSR104', message: `'${name}' appears twice in sort` });
    else sort.push({ column: name, descending });
  }
  if (sort.length > 8) errors.push({ path: 'sort', code: 'TSR104', message: 'at most 8 sort keys' });
  if (!sort.some((key) => key.column === 'id')) sort.push({ column: 'id', descending: false });

  let limit = DEFAULT_PAGE_SIZE;
  if (query.limit !== undefined) {
    limit = /^\d{1,4}$/.test(query.limit) ? Number(query.limit) : Number.NaN;
    if (!(limit >= 1 && limit <= MAX_PAGE_SIZE)) errors.push({ path: 'limit', code: 'TSR102', message: `limit must be an integer from 1 to ${MAX_PAGE_SIZE}` });
  }

  const fields = parseNameList(query.fields, 'fields', object, errors, () => true);
  const expand =
    parseNameList(query.expand, 'expand', object, errors, (name) =>
      object.lookups.has(name) ? undefined : `'${name}' is not a lookup field of ${object.apiName}`,
    ) ?? [];

  const deleted = (query.deleted ?? 'exclude') as DeletedMode;
  if (!['exclude', 'only', 'include'].includes(deleted)) errors.push({ path: 'deleted', code: 'TSR102', message: 'deleted must be exclude, only or include' });

  if (errors.length > 0) return { ok: false, errors };
  const projected = fields ? ['id', ...fields.filter((name) => name !== 'id')] : undefined;
  if (projected) for (const name of expand) if (!projected.includes(name)) projected.push(name);
  return {
    ok: true,
    value: {
      filter,
      sort,
      sortSignature: sort.map((key) => `${key.descending ? '-' : ''}${key.column}`).join(','),
      limit,
      cursor: query.cursor || undefined,
      fields: projected,
      expand,
      deleted,
    },
  };
}

function parseNameList(
  raw: string | undefined,
  parameter: 'fields' | 'expand',
  object: CompiledObject,
  errors: ProblemDetail[],
  check: (name: string) => string | undefined | true,
): string[] | undefined {
  if (raw === undefined || raw === '') return undefined;
  const names = [...new Set(raw.split(',').map((name) => canonicalFieldName(object, name.trim())).filter((name) => name !== ''))];
  for (const name of names) {
    if (!object.columns.has(name)) {
      errors.push({ path: parameter, code: 'TSR106', message: `${object.apiName} has no field '${name}'` });
      continue;
    }
    const problemText = check(name);
    if (typeof problemText === 'string') errors.push({ path: parameter, code: 'TSR106', message: problemText });
  }
  return names;
}
