// Request-wide middleware: request id + stage timer + Server-Timing, and the two bearer-token
// guards (tenant, admin). The tenant guard also loads the tenant's compiled catalog.
import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { CatalogCache } from '../catalog/catalog-cache.ts';
import type { TenantStore } from '../tenants/tenant-store.ts';
import { bearerToken, sameSecret } from '../tenants/tokens.ts';
import { ApiError } from './api-error.ts';
import type { AppEnv } from './app-env.ts';
import { StageTimer } from './server-timing.ts';

export const requestContext: MiddlewareHandler<AppEnv> = async (c, next) => {
  const timer = new StageTimer();
  const requestId = randomUUID();
  c.set('requestId', requestId);
  c.set('timer', timer);
  await next();
  c.res.headers.set('Server-Timing', timer.header());
  c.res.headers.set('X-Request-Id', requestId);
};

export function tenantAuth(tenants: TenantStore, catalogs: CatalogCache): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const timer = c.get('timer');
    const token = bearerToken(c.req.header('authorization'));
    if (!token) throw new ApiError('TSR300', 'Send a tenant API token as "Authorization: Bearer <token>".');
    const tenant = await timer.time('auth', () => tenants.resolveToken(token));
    if (!tenant) throw new ApiError('TSR301', 'The API token is not valid.');
    c.set('tenant', tenant);
    c.set('catalog', await timer.time('parse', () => catalogs.get(tenant)));
    await next();
  };
}

export function adminAuth(tenants: TenantStore, configuredToken: string | undefined): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = bearerToken(c.req.header('authorization'));
    if (!token) throw new ApiError('TSR300', 'Send the admin token as "Authorization: Bearer <token>".');
    const valid = (configuredToken !== undefined && sameSecret(token, configuredToken)) || (await tenants.isAdminToken(token));
    if (!valid) throw new ApiError('TSR301', 'The admin token is not valid.');
    await next();
  };
}
