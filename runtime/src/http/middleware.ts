// Request-wide middleware: request id + stage timer + Server-Timing, and the guards. The tenant
// guard resolves the credential (tenant token, user token or session cookie) to a tenant and a
// principal, applies the per-credential rate limit, and installs the catalog as that principal
// may see it, so every later stage reads only what the principal may read.
import { randomUUID } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { CatalogCache } from '../catalog/catalog-cache.ts';
import { bindRequestPrincipal } from '../db/request-scope.ts';
import { type Credential, SESSION_COOKIE, type SecurityRuntime } from '../security/security-runtime.ts';
import { refuseCrossSiteWrite } from '../security/session-writes.ts';
import { RetryAfterError } from '../security/sign-in.ts';
import type { TenantStore } from '../tenants/tenant-store.ts';
import { bearerToken, sameSecret } from '../tenants/tokens.ts';
import { ApiError } from '../core/api-error.ts';
import type { AppEnv } from './app-env.ts';
import { StageTimer } from '../core/stage-timer.ts';

/**
 * Every request: its id and stage timer, and for the API its database budget (request-budget.ts)
 * in the same layer, since each middleware layer costs a dispatch and a promise per request.
 */
export function requestContext(budget: MiddlewareHandler<AppEnv>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const timer = new StageTimer();
    const requestId = randomUUID();
    c.set('requestId', requestId);
    c.set('timer', timer);
    const path = c.req.path;
    await (path.startsWith('/api/v1/') || path === '/api/v1' ? budget(c, next) : next());
    if (c.get('stamped')) return;
    c.res.headers.set('Server-Timing', timer.header());
    c.res.headers.set('X-Request-Id', requestId);
  };
}

/** A bearer token wins over a session cookie. */
export function readCredential(c: Context): Credential | undefined {
  const token = bearerToken(c.req.header('authorization'));
  if (token) return { kind: 'bearer', token };
  const session = getCookie(c, SESSION_COOKIE);
  return session ? { kind: 'session', value: session } : undefined;
}

export function tenantAuth(catalogs: CatalogCache, security: SecurityRuntime): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    // Some paths match two guarded patterns (`/metadata` and `/metadata/*`): authenticate once.
    if (c.get('access') !== undefined) return next();
    const timer = c.get('timer');
    const credential = readCredential(c);
    if (!credential) throw new ApiError('TSR300', 'Send an API token as "Authorization: Bearer <token>" or sign in.');
    refuseCrossSiteWrite(c, credential);
    // Stages timed inline rather than through timer.time(): that wraps each in one more async
    // function and promise, three per request on this path.
    let started = performance.now();
    const authenticated = await security.authenticate(credential);
    timer.add('auth', performance.now() - started);
    if (!authenticated) throw new ApiError('TSR301', credential.kind === 'bearer' ? 'The API token is not valid.' : 'The session is not valid; sign in again.');
    const wait = security.rateLimit(authenticated.limitKey);
    if (wait > 0) throw new RetryAfterError('TSR307', `Too many requests with this credential; retry in ${wait} s.`, wait);
    const { tenant, principal } = authenticated;
    // The unit of the per-user connection share: the user, or the integration token.
    const who = principal.kind === 'user' ? `user:${principal.userId}` : `token:${authenticated.limitKey}`;
    bindRequestPrincipal(tenant.schema, who);
    const budget = c.get('budget');
    if (budget) await budget.bind(tenant.schema, who);
    started = performance.now();
    const access = await security.access(tenant, principal);
    timer.add('auth', performance.now() - started);
    c.set('tenant', tenant);
    c.set('access', access);
    started = performance.now();
    const catalog = await catalogs.get(tenant);
    c.set('catalog', security.catalogFor(catalog, access));
    timer.add('parse', performance.now() - started);
    await next();
  };
}

/** Metadata and security changes: integration tokens and admin users only. */
export const requireAdmin: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.get('access').admin) throw new ApiError('TSR302', 'Only a tenant administrator may do this.');
  await next();
};

export function adminAuth(tenants: TenantStore, configuredToken: string | undefined): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = bearerToken(c.req.header('authorization'));
    if (!token) throw new ApiError('TSR300', 'Send the admin token as "Authorization: Bearer <token>".');
    const valid = (configuredToken !== undefined && sameSecret(token, configuredToken)) || (await tenants.isAdminToken(token));
    if (!valid) throw new ApiError('TSR301', 'The admin token is not valid.');
    await next();
  };
}

/** The client's address: the socket's, or X-Forwarded-For's first hop when the proxy is trusted. */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded.slice(0, 64);
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}

/** Whether the request reached us over TLS (directly or as told by the proxy). */
export function isSecureRequest(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
}
