// GET /people?ids=… | ?q=…: colleagues' names for any signed-in user of the tenant (people/).
import { Hono } from 'hono';
import { errorsToApiError } from '../core/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import { parsePeopleQuery } from '../people/parse-people-query.ts';
import { selectPeople } from '../people/select-people.ts';
import type { RouteDeps } from './route-deps.ts';

export function peopleRoutes(deps: RouteDeps) {
  const routes = new Hono<AppEnv>();
  routes.get('/', async (c) => {
    const query = parsePeopleQuery(c.req.query());
    if (!query.ok) throw errorsToApiError('TSR102', 'The people request is invalid.', query.errors);
    const data = await c.get('timer').time('db', () => selectPeople(deps.database.db, c.get('tenant').schema, query.value));
    return c.json({ data });
  });
  return routes;
}
