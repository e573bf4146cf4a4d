// GET /objects/:object/records/:id/related: the record's related lists (related/), each with its
// count and first records; GET …/related/:childObject/:lookupField pages one list with the record
// list's own parameters (limit, cursor, sort, fields, expand). The record must be one the caller
// may read: otherwise 404 exactly like the record API.
import { Hono } from 'hono';
import type { Context } from 'hono';
import { auditActor } from '../audit/audit-actor.ts';
import { ApiError, errorsToApiError } from '../core/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import { ruleContextAt } from '@tessera/metadata';
import type { Catalog } from '../catalog/catalog-types.ts';
import { getPlan } from '../records/read/parse-get.ts';
import { ReadService } from '../records/read/read-service.ts';
import { bindRuleContext } from '../rules/bind-rule-context.ts';
import { withJunctionRecords } from '../related/junction-records.ts';
import { relatedListPlan, relatedLists } from '../related/related-lists.ts';
import { findRelation, relationsOf } from '../related/related-relations.ts';
import type { RouteDeps } from './route-deps.ts';

const DEFAULT_LIMIT = 5;
const MAX_LIMIT = 20;

export function relatedRoutes(deps: RouteDeps) {
  const routes = new Hono<AppEnv>();
  const reads = (c: Context<AppEnv>) =>
    new ReadService(deps.database.db, c.get('catalog'), c.get('timer'), { clock: deps.clock, userId: auditActor(c.get('access')).id });

  /** The parent object, after checking the caller may read the record (404 TSR110/TSR111 otherwise). */
  const readableParent = async (c: Context<AppEnv>, reader: ReadService) => {
    const parent = reader.object(c.req.param('object') as string);
    await reader.get(getPlan(parent.apiName, c.req.param('id') as string));
    return parent;
  };

  routes.get('/:object/records/:id/related', async (c) => {
    const query = c.req.query();
    const unknown = Object.keys(query).filter((name) => name !== 'limit');
    const limit = query.limit === undefined ? DEFAULT_LIMIT : /^\d{1,2}$/.test(query.limit) ? Number(query.limit) : Number.NaN;
    const errors = unknown.map((name) => ({ path: name, code: 'TSR102' as const, message: `unknown query parameter '${name}'` }));
    if (!(limit >= 1 && limit <= MAX_LIMIT)) errors.push({ path: 'limit', code: 'TSR102', message: `limit must be an integer from 1 to ${MAX_LIMIT}` });
    if (errors.length > 0) throw errorsToApiError('TSR102', 'The related lists request is invalid.', errors);
    const reader = reads(c);
    const parent = await readableParent(c, reader);
    const catalog = requestCatalog(c, deps);
    const data = await relatedLists(deps.database.db, catalog, c.get('timer'), relationsOf(catalog, parent), c.req.param('id'), limit);
    return c.json({ data });
  });

  routes.get('/:object/records/:id/related/:childObject/:lookupField', async (c) => {
    const reader = reads(c);
    const parent = await readableParent(c, reader);
    const relation = findRelation(c.get('catalog'), parent, c.req.param('childObject'), c.req.param('lookupField'));
    if (!relation) {
      throw new ApiError(
        'TSR107',
        `${parent.apiName} has no related list ${c.req.param('childObject').slice(0, 64)}.${c.req.param('lookupField').slice(0, 64)}.`,
      );
    }
    const plan = relatedListPlan(relation, c.req.param('id'), c.req.query());
    if (!plan.ok) throw errorsToApiError('TSR102', 'The related list request is invalid.', plan.errors);
    const page = await reader.list(plan.value);
    const rows = await withJunctionRecords(deps.database.db, requestCatalog(c, deps), relation, c.req.param('id'), page.rows);
    return c.body(`{"data":[${rows.join(',')}],"nextCursor":${JSON.stringify(page.nextCursor)}}`, 200, {
      'content-type': 'application/json; charset=utf-8',
    });
  });

  return routes;
}

/** The caller's catalog with `$today`, `$now` and `$user.id` bound to this request, as record reads bind them. */
export function requestCatalog(c: Context<AppEnv>, deps: RouteDeps): Catalog {
  const now = (deps.clock ?? (() => new Date()))();
  return bindRuleContext(c.get('catalog'), ruleContextAt(now, auditActor(c.get('access')).id));
}
