// /admin…: tenants and their tokens. Guarded by the admin token, never by a tenant token.
import { Hono } from 'hono';
import { ApiError } from '../core/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import { readJsonBody } from '../http/read-json-body.ts';
import { fingerprintOf, listTenantTokens, revokeTenantToken, rotateTenantToken } from '../tenants/tenant-tokens.ts';
import type { RouteDeps } from './route-deps.ts';

export function adminRoutes(deps: RouteDeps) {
  const routes = new Hono<AppEnv>();

  routes.post('/tenants', async (c) => {
    const body = (await readJsonBody(c)) as { slug?: unknown };
    if (typeof body !== 'object' || body === null || typeof body.slug !== 'string') {
      throw new ApiError('TSR304', 'Send {"slug": "<tenant>"}.', [{ path: '/slug', code: 'TSR304', message: 'a string is required' }]);
    }
    const created = await deps.tenants.createTenant(body.slug);
    return c.json({ tenant: created.tenant.slug, schema: created.tenant.schema, token: created.token }, 201);
  });

  routes.get('/tenants', async (c) => c.json({ data: await deps.tenants.listTenants() }));

  routes.post('/tenants/:slug/tokens', async (c) => {
    const body = (await readJsonBody(c).catch(() => ({}))) as { label?: unknown };
    const label = typeof body?.label === 'string' ? body.label.slice(0, 200) : 'api token';
    const token = await deps.tenants.issueToken(c.req.param('slug'), label);
    return c.json({ tenant: c.req.param('slug'), token, fingerprint: fingerprintOf(token) }, 201);
  });

  // Listed by fingerprint only: a token is shown once, when issued or rotated.
  routes.get('/tenants/:slug/tokens', async (c) => c.json({ data: await listTenantTokens(deps.tenants, c.req.param('slug')) }));

  routes.post('/tenants/:slug/tokens/:fingerprint/rotate', async (c) => {
    const rotated = await rotateTenantToken(deps.tenants, c.req.param('slug'), c.req.param('fingerprint'));
    return c.json({ tenant: c.req.param('slug'), ...rotated }, 201);
  });

  routes.delete('/tenants/:slug/tokens/:fingerprint', async (c) => {
    await revokeTenantToken(deps.tenants, c.req.param('slug'), c.req.param('fingerprint'));
    return c.body(null, 204);
  });

  return routes;
}
