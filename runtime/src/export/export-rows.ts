// The records of an export, page by page: the list's own plan (filter, sort, fields, row and field
// security from records/read/) read with keyset pages of EXPORT_BATCH rows, so at most one page is
// in memory whatever the size of the result. Each page is one statement; the next one starts after
// the last row of the page before (the same cursor the list API hands out).
import { errorsToApiError } from '../core/api-error.ts';
import type { CompiledObject } from '../catalog/catalog-types.ts';
import { parseListPlan } from '../records/read/parse-list.ts';
import type { ListPlan } from '../records/read/read-plan.ts';
import type { ReadService } from '../records/read/read-service.ts';

/** Rows per page: large enough that a statement's cost is spread thin, small enough to stay flat in memory. */
export const EXPORT_BATCH = 1000;

export interface ExportQuery {
  filter?: string;
  sort?: string;
  fields: readonly string[];
  /** Lookups among the fields, rendered as their target record (for its name). */
  expand: readonly string[];
}

/** The first page's plan, checked: a bad filter, sort or field is a 400 before anything streams. */
export function exportPlan(object: CompiledObject, query: ExportQuery, cursor?: string): ListPlan {
  const parsed = parseListPlan(
    {
      ...(query.filter === undefined ? {} : { filter: query.filter }),
      ...(query.sort === undefined ? {} : { sort: query.sort }),
      fields: query.fields.join(','),
      ...(query.expand.length > 0 ? { expand: query.expand.join(',') } : {}),
      ...(cursor === undefined ? {} : { cursor }),
    },
    object,
  );
  if (!parsed.ok) throw errorsToApiError('TSR144', 'The export request is invalid.', parsed.errors);
  return { ...parsed.value, page: { ...parsed.value.page, limit: EXPORT_BATCH } };
}

/** Every record of the export, one page of parsed records at a time. */
export async function* exportPages(
  reader: ReadService,
  object: CompiledObject,
  query: ExportQuery,
  first: ListPlan,
): AsyncGenerator<Record<string, unknown>[]> {
  let plan: ListPlan | undefined = first;
  while (plan) {
    const page = await reader.list(plan);
    yield page.rows.map((row) => JSON.parse(row) as Record<string, unknown>);
    plan = page.nextCursor ? exportPlan(object, query, page.nextCursor) : undefined;
  }
}
