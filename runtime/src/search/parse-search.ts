// The query string of GET /search → a frozen search plan against the caller's catalog, or every
// problem at once, each naming its parameter. An object the caller may not read is as unknown as
// one that does not exist (their catalog has neither).
import { type ProblemDetail, type Result, fail, ok } from '@tessera/metadata';
import type { Catalog, CompiledObject } from '../catalog/catalog-types.ts';

export const MAX_QUERY_LENGTH = 200;
export const DEFAULT_SEARCH_LIMIT = 5;
export const MAX_SEARCH_LIMIT = 50;
const KNOWN_PARAMETERS = new Set(['q', 'objects', 'limit']);
// A query string decodes bad UTF-8 to U+FFFD, so NUL is the one character that reaches here unsearchable.
const NUL = String.fromCharCode(0);

export interface SearchPlan {
  /** The search text, trimmed. */
  q: string;
  /** The objects to search, in catalog order. */
  objects: readonly CompiledObject[];
  /** Records per object. */
  limit: number;
}

export function parseSearch(query: Record<string, string | undefined>, catalog: Catalog): Result<SearchPlan> {
  const errors: ProblemDetail[] = [];
  const problem = (path: string, message: string) => errors.push({ path, code: 'TSR102', message });
  for (const name of Object.keys(query)) if (!KNOWN_PARAMETERS.has(name)) problem(name, `unknown query parameter '${name}'`);

  const q = (query.q ?? '').trim();
  if (q === '') problem('q', 'q must hold the text to search for');
  else if ([...q].length > MAX_QUERY_LENGTH) problem('q', `q must be at most ${MAX_QUERY_LENGTH} characters`);
  // PostgreSQL text cannot hold NUL: such a q could match nothing, and binding it would fail.
  else if (q.includes(NUL)) problem('q', 'q holds a character that cannot be searched for (NUL)');

  let limit = DEFAULT_SEARCH_LIMIT;
  if (query.limit !== undefined) {
    limit = /^\d{1,3}$/.test(query.limit) ? Number(query.limit) : Number.NaN;
    if (!(limit >= 1 && limit <= MAX_SEARCH_LIMIT)) problem('limit', `limit must be an integer from 1 to ${MAX_SEARCH_LIMIT}`);
  }

  let objects = [...catalog.objects.values()];
  if (query.objects !== undefined) {
    const names = query.objects.split(',').map((name) => name.trim());
    const unknown = names.filter((name) => !catalog.objects.has(name));
    if (names.every((name) => name === '')) problem('objects', 'objects must name at least one object');
    else if (unknown.length > 0) problem('objects', `no such object: ${unknown.map((name) => `'${name.slice(0, 64)}'`).join(', ')}`);
    else objects = objects.filter((object) => names.includes(object.apiName));
  }

  if (errors.length > 0) return fail(errors);
  return ok(Object.freeze({ q, objects: Object.freeze(objects), limit }));
}
