// GET /objects/:object/totals?filter=…&view=…&deleted=…&sum=amount,…: the count and the sums of a
// list's rows (totals/list-totals.ts), with the list's own filter checks, saved views and row access.
import { Hono } from 'hono';
import { errorsToApiError } from '../core/api-error.ts';
import { auditActor } from '../audit/audit-actor.ts';
import type { AppEnv } from '../http/app-env.ts';
import { ReadService } from '../records/read/read-service.ts';
import { parseTotalsPlan, readTotals } from '../totals/list-totals.ts';
import { ListViews } from '../views/list-views.ts';
import { viewQuery } from '../views/view-input.ts';
import type { RouteDeps } from './route-deps.ts';
import { viewReader } from './view-routes.ts';

export function totalsRoutes(deps: RouteDeps) {
  const routes = new Hono<AppEnv>();
  routes.get('/:object/totals', async (c) => {
    // The reader's catalog binds `$user.id` and `$today` as the list does.
    const reader = new ReadService(deps.database.db, c.get('catalog'), c.get('timer'), { clock: deps.clock, userId: auditActor(c.get('access')).id });
    const object = reader.object(c.req.param('object'));
    const { view, ...query } = c.req.query();
    // A saved view contributes its filter under the request's own parameters, as on the list.
    const saved =
      view === undefined ? {} : viewQuery((await new ListViews(deps.database.db, c.get('tenant').schema).get(object.apiName, view, viewReader(c))).definition);
    const plan = c.get('timer').timeSync('plan', () => parseTotalsPlan({ ...saved, ...query }, object));
    if (!plan.ok) {
      const codes = new Set(plan.errors.map((error) => error.code));
      throw errorsToApiError(codes.size === 1 ? ([...codes][0] ?? 'TSR102') : 'TSR102', 'The totals request is invalid.', plan.errors);
    }
    return c.json(await readTotals(deps.database.db, object, c.get('timer'), plan.value));
  });
  return routes;
}
