// /metadata…: read the live model, validate (dry run) and apply changes. An apply installs the
// freshly compiled catalog in this process at once; other processes hear the NOTIFY.
import { Hono } from 'hono';
import { compileCatalog } from '../catalog/compile-catalog.ts';
import { ApiError } from '../http/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import { readJsonBody } from '../http/read-json-body.ts';
import { applyMetadata } from '../migrate/apply-metadata.ts';
import type { RouteDeps } from './route-deps.ts';

export function metadataRoutes(deps: RouteDeps) {
  const routes = new Hono<AppEnv>();

  routes.get('/', (c) => {
    const catalog = c.get('catalog');
    return c.json({ revision: catalog.revision, objects: catalog.snapshot.objects });
  });

  routes.get('/objects/:object', (c) => {
    const object = c.get('catalog').snapshot.objects.find((candidate) => candidate.apiName === c.req.param('object'));
    if (!object) throw new ApiError('TSR110', `Object '${c.req.param('object')}' does not exist.`);
    return c.json(object);
  });

  routes.post('/validate', async (c) => {
    const document = await c.get('timer').time('parse', () => readJsonBody(c));
    const outcome = await c.get('timer').time('db', () => applyMetadata(deps.database.db, c.get('tenant'), document, { author: 'api', dryRun: true }));
    return c.json({ valid: true, revision: outcome.revision, actions: outcome.actions });
  });

  routes.post('/apply', async (c) => {
    const tenant = c.get('tenant');
    const document = await c.get('timer').time('parse', () => readJsonBody(c));
    const outcome = await c.get('timer').time('db', () => applyMetadata(deps.database.db, tenant, document, { author: 'api' }));
    if (outcome.changed) {
      deps.catalogs.set(compileCatalog({ tenant: tenant.slug, schema: tenant.schema, revision: outcome.revision, snapshot: outcome.snapshot }));
    }
    return c.json({ revision: outcome.revision, changed: outcome.changed, actions: outcome.actions });
  });

  return routes;
}
