// /objects/:object/views…: saved list views (issue #18). Each handler: resolve the object as the
// caller sees it (an object they may not read does not exist), parse, run the service, render.
import { Hono } from 'hono';
import type { Context } from 'hono';
import { unwrap } from '../core/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import { parseIfMatch } from '../http/if-match.ts';
import { readJsonBody } from '../http/read-json-body.ts';
import { ReadService } from '../records/read/read-service.ts';
import { ListViews, type ViewReader } from '../views/list-views.ts';
import { parseViewInput } from '../views/view-input.ts';
import type { RouteDeps } from './route-deps.ts';

const INVALID = 'The list view is invalid; nothing was saved.';

export function viewReader(c: Context<AppEnv>): ViewReader {
  const access = c.get('access');
  return { userId: access.user?.userId ?? null, roleId: access.user?.roleId ?? null, admin: access.admin };
}

export function viewRoutes(deps: RouteDeps) {
  const routes = new Hono<AppEnv>();
  const views = (c: Context<AppEnv>) => new ListViews(deps.database.db, c.get('tenant').schema);
  const object = (c: Context<AppEnv>) =>
    new ReadService(deps.database.db, c.get('catalog'), c.get('timer'), { clock: deps.clock, userId: null }).object(c.req.param('object') ?? '');

  routes.get('/:object/views', async (c) => {
    const target = object(c);
    return c.json({ data: await views(c).list(target.apiName, viewReader(c)) });
  });

  routes.post('/:object/views', async (c) => {
    const target = object(c);
    const input = unwrap(parseViewInput(await readJsonBody(c), target, true, c.get('catalog')), 'TSR122', INVALID);
    return c.json(await views(c).create(target.apiName, input, viewReader(c)), 201);
  });

  routes.get('/:object/views/:id', async (c) => c.json(await views(c).get(object(c).apiName, c.req.param('id'), viewReader(c))));

  routes.patch('/:object/views/:id', async (c) => {
    const target = object(c);
    const body = await readJsonBody(c);
    const input = unwrap(parseViewInput(body, target, false, c.get('catalog')), 'TSR122', INVALID);
    const bodyVersion = (body as { version?: unknown }).version;
    const expected = parseIfMatch(c.req.header('if-match')) ?? (typeof bodyVersion === 'number' ? bodyVersion : undefined);
    return c.json(await views(c).update(target.apiName, c.req.param('id'), input, expected, viewReader(c)));
  });

  routes.delete('/:object/views/:id', async (c) => {
    await views(c).delete(object(c).apiName, c.req.param('id'), viewReader(c));
    return c.body(null, 204);
  });

  return routes;
}
