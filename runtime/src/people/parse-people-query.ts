// The query string of GET /people → who to look up: by ids (names for owners, approvers and
// history entries) or by a text (a picker for 转交 and 加签), never both; every problem at once,
// each naming its parameter.
import { fail, ok, type ProblemDetail, type Result } from '@tessera/metadata';

export const MAX_PEOPLE_IDS = 100;
export const MAX_PEOPLE_TEXT = 100;
export const DEFAULT_PEOPLE_LIMIT = 20;
export const MAX_PEOPLE_LIMIT = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KNOWN = new Set(['ids', 'q', 'limit']);

export type PeopleQuery = { kind: 'ids'; ids: readonly string[] } | { kind: 'text'; q: string; limit: number };

export function parsePeopleQuery(query: Record<string, string | undefined>): Result<PeopleQuery> {
  const errors: ProblemDetail[] = [];
  const problem = (path: string, message: string) => errors.push({ path, code: 'TSR102', message });
  for (const name of Object.keys(query)) if (!KNOWN.has(name)) problem(name, `unknown query parameter '${name.slice(0, 64)}'`);
  const { ids, q, limit } = query;
  if ((ids === undefined) === (q === undefined))
    problem(ids === undefined ? 'ids' : 'q', 'give either ids (comma-separated user ids) or q (a text to search for)');
  if (ids !== undefined) {
    const list = [...new Set(ids.split(',').map((id) => id.trim()))].filter(Boolean);
    if (list.length === 0) problem('ids', 'ids must name at least one user id');
    else if (list.length > MAX_PEOPLE_IDS) problem('ids', `ids may name at most ${MAX_PEOPLE_IDS} users`);
    const bad = list.filter((id) => !UUID.test(id));
    if (bad.length > 0)
      problem(
        'ids',
        `not a user id: ${bad
          .slice(0, 3)
          .map((id) => `'${id.slice(0, 40)}'`)
          .join(', ')}`,
      );
    if (limit !== undefined) problem('limit', 'limit goes with q, not with ids');
    if (errors.length > 0) return fail(errors);
    return ok({ kind: 'ids', ids: list.map((id) => id.toLowerCase()) });
  }
  const text = (q ?? '').trim();
  if (text === '' && q !== undefined) problem('q', 'q must hold the text to search for');
  else if ([...text].length > MAX_PEOPLE_TEXT) problem('q', `q must be at most ${MAX_PEOPLE_TEXT} characters`);
  else if (text.includes(String.fromCharCode(0))) problem('q', 'q holds a character that cannot be searched for (NUL)');
  let count = DEFAULT_PEOPLE_LIMIT;
  if (limit !== undefined) {
    count = /^\d{1,3}$/.test(limit) ? Number(limit) : Number.NaN;
    if (!(count >= 1 && count <= MAX_PEOPLE_LIMIT)) problem('limit', `limit must be an integer from 1 to ${MAX_PEOPLE_LIMIT}`);
  }
  if (errors.length > 0) return fail(errors);
  return ok({ kind: 'text', q: text, limit: count });
}
