// GET /search?q=…&objects=…&limit=…: records of every object the caller may read whose name or
// searchable text fields contain q (search/), grouped by object, best matches first.
import { Hono } from 'hono';
import { errorsToApiError } from '../core/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import { parseSearch } from '../search/parse-search.ts';
import { searchRecords } from '../search/search-records.ts';
import { requestCatalog } from './related-routes.ts';
import type { RouteDeps } from './route-deps.ts';

export function searchRoutes(deps: RouteDeps) {
  const routes = new Hono<AppEnv>();

  routes.get('/', async (c) => {
    const timer = c.get('timer');
    // Text formulas may read $today or $user.id: bound to this request, as the record reads bind them.
    const plan = timer.timeSync('plan', () => parseSearch(c.req.query(), requestCatalog(c, deps)));
    if (!plan.ok) throw errorsToApiError('TSR102', 'The search request is invalid.', plan.errors);
    const data = await timer.time('db', () => searchRecords(deps.database.db, plan.value));
    return c.json({ q: plan.value.q, data });
  });

  return routes;
}
