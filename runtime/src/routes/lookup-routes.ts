// /objects/:object/lookup?q=…&limit=…: the records a lookup field may point at, searched by the
// object's name field (case-insensitive substring, prefixes first), as {data: [{id, name}]}.
// Backs the form's async lookup widget; reads the caller's view, so row access applies.
import { Hono } from 'hono';
import { ApiError } from '../core/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import { searchLookup } from '../lookups/search-lookup.ts';
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
    const data = await c.get('timer').time('db', () => searchLookup(deps.database.db, object, q, limit));
    return c.json({ data });
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
