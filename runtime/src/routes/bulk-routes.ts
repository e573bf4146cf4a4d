// Bulk writes and upsert by external id (issue #20):
//   POST /objects/:object/records/bulk          create | update | upsert | delete, ≤ BULK_LIMIT records
//   POST /objects/:object/records/mass          mass update, transfer (with related records), delete
//   PUT  /objects/:object/records/by/:field/:value   one record upserted by an external id
// All run the write pipeline set-based (records/bulk/run-bulk.ts) inside one transaction.
import { Hono } from 'hono';
import type { Context } from 'hono';
import { ApiError } from '../core/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import { parseIfMatch } from '../http/if-match.ts';
import { readJsonBody } from '../http/read-json-body.ts';
import { parseBulkRequest } from '../records/bulk/bulk-request.ts';
import { runBulk } from '../records/bulk/run-bulk.ts';
import { parseMassRequest } from '../records/mass/mass-request.ts';
import { runMass } from '../records/mass/run-mass.ts';
import type { RecordContext } from '../records/record-service.ts';
import { upsertRecord } from '../records/upsert-record.ts';
import { ruleLanguage } from '../rules/record-rules.ts';
import { recordContext } from '../security/record-context.ts';
import type { RouteDeps } from './route-deps.ts';

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };

export function bulkRoutes(deps: RouteDeps) {
  const routes = new Hono<AppEnv>();
  const context = (c: Context<AppEnv>): RecordContext => ({
    ...recordContext(c),
    rules: { clock: deps.clock, language: ruleLanguage(c.req.header('accept-language')), confirmDuplicates: c.req.header('x-confirm-duplicates') === 'true' },
  });

  // Registered as a parameter, not the static `bulk`: a static segment beside `:id/restore` would
  // make Hono fall back from its RegExpRouter for the whole app (tests/api/router.test.ts).
  routes.post('/:object/records/:action', async (c) => {
    const action = c.req.param('action');
    if (action !== 'bulk' && action !== 'mass') throw new ApiError('TSR107', `No route for POST ${new URL(c.req.url).pathname}.`);
    const catalog = c.get('catalog');
    const name = c.req.param('object');
    const object = catalog.objects.get(name);
    if (!object) throw new ApiError('TSR110', `Object '${name}' does not exist.`);
    const body = await c.get('timer').time('parse', () => readJsonBody(c, { unstorableText: 'caller' }));
    const outcome =
      action === 'bulk'
        ? await runBulk(deps.database.db, catalog, c.get('timer'), context(c), name, parseBulkRequest(object, body))
        : await runMass(
            deps.database.db,
            catalog,
            c.get('timer'),
            { ...context(c), clock: deps.clock },
            object,
            parseMassRequest(object, catalog.objects, body),
          );
    return c.body(JSON.stringify(outcome), 200, JSON_TYPE);
  });

  routes.put('/:object/records/by/:field/:value', async (c) => {
    const body = await c.get('timer').time('parse', () => readJsonBody(c, { unstorableText: 'caller' }));
    const result = await upsertRecord(deps.database.db, c.get('catalog'), c.get('timer'), context(c), {
      object: c.req.param('object'),
      field: c.req.param('field'),
      value: c.req.param('value'),
      body,
      ifMatch: parseIfMatch(c.req.header('if-match')),
    });
    return c.body(result.json, result.created ? 201 : 200, { ...JSON_TYPE, ETag: `"${result.version}"` });
  });

  return routes;
}
