// /objects/:object/lookup?q=…&limit=…: the records a lookup field may point at, searched by the
// object's name field (case-insensitive substring, prefixes first), as {data: [{id, name}]}.
// Backs the form's async lookup widget; reads the caller's view, so row access applies.
import { Hono } from 'hono';
import { sql } from 'kysely';
import { ApiError } from '../http/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import type { RouteDeps } from './route-deps.ts';

const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 50;

export function lookupRoutes(deps: RouteDeps) {
  const routes = new Hono<AppEnv>();

  routes.get('/:object/lookup', async (c) => {
    const name = c.req.param('object');
    const object = c.get('catalog').objects.get(name);
    if (!object) throw new ApiError('TSR110', `Object '${name}' does not exist.`);
    const q = (c.req.query('q') ?? '').trim();
    const limit = parseLimit(c.req.query('limit'));
    // A name field the caller may not read is absent from their view: they search and see ids.
    const nameColumn = object.definition.nameField && object.columns.has(object.definition.nameField) ? object.definition.nameField : 'id';
    const label = sql`${sql.ref(`t.${nameColumn}`)}::text`;
    const visible = object.rowAccess?.read('t');
    // strpos, not LIKE: the search text is data, so % and _ in it match themselves.
    const query = sql<{ id: string; name: string | null }>`
      select t.id, ${label} as name from ${sql.id(object.schema, object.table)} as t
      where t.deleted_at is null
        ${visible ? sql`and ${visible}` : sql``}
        ${q ? sql`and strpos(lower(${label}), lower(${q})) > 0` : sql``}
      order by ${q ? sql`strpos(lower(${label}), lower(${q})) = 1 desc,` : sql``} ${label} asc nulls last, t.id
      limit ${limit}`;
    const result = await c.get('timer').time('db', () => query.execute(deps.database.db));
    return c.json({ data: result.rows.map((row) => ({ id: row.id, name: row.name })) });
  });

  return routes;
}

function parseLimit(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_LIMIT;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new ApiError('TSR102', `limit must be an integer from 1 to ${MAX_LIMIT}.`, [{ path: 'limit', code: 'TSR102', message: `must be 1 to ${MAX_LIMIT}` }]);
  }
  return limit;
}
