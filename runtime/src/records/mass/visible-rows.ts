// Every row of an object that a list request would show the caller (their row and field security,
// the filter's own checks and limits), read page by page through the list's read plan, with only
// the named fields. For mass actions: choosing records by filter, finding a transfer's related records.
import type { Catalog, CompiledObject } from '../../catalog/catalog-types.ts';
import { ApiError, errorsToApiError } from '../../core/api-error.ts';
import type { StageTimer } from '../../core/stage-timer.ts';
import { parseListPlan } from '../read/parse-list.ts';
import { MAX_PAGE_SIZE } from '../read/read-plan.ts';
import { readList } from '../read/read-service.ts';
import type { ObjectDb } from '../write/write-context.ts';

export interface VisibleRowsQuery {
  filter: string;
  fields: readonly string[];
  /** More matching rows than this is refused (413 TSR140) instead of read. */
  max?: number;
  /** Where a problem with the filter is reported in the request body. */
  path: string;
}

export async function readVisibleRows(
  db: ObjectDb,
  catalog: Catalog,
  timer: StageTimer,
  object: CompiledObject,
  query: VisibleRowsQuery,
): Promise<Array<Record<string, unknown>>> {
  const rows: Array<Record<string, unknown>> = [];
  let cursor: string | undefined;
  do {
    const plan = parseListPlan(
      { filter: query.filter, fields: query.fields.join(','), limit: String(MAX_PAGE_SIZE), ...(cursor ? { cursor } : {}) },
      object,
      catalog,
    );
    if (!plan.ok) {
      throw errorsToApiError(
        'TSR100',
        'The filter is invalid; nothing was changed.',
        plan.errors.map((error) => ({ ...error, path: error.path.startsWith('filter') ? `${query.path}${error.path.slice('filter'.length)}` : query.path })),
      );
    }
    const page = await readList(db, catalog, timer, plan.value);
    for (const text of page.rows) rows.push(JSON.parse(text) as Record<string, unknown>);
    if (query.max !== undefined && rows.length > query.max) {
      throw new ApiError('TSR140', `A mass action takes at most ${query.max} records; the filter matches more. Narrow it.`, [
        { path: query.path, code: 'TSR140', message: `matches more than ${query.max} records` },
      ]);
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return rows;
}
