// /auth…: sign in (session cookie), accept an invitation, sign out, who am I, and personal API
// tokens. Sign-in and accept-invite are public; the rest need a credential.
import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { auditActor } from '../audit/audit-actor.ts';
import { writeAudit } from '../audit/audit-log.ts';
import { ApiError } from '../core/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import { clientAddress, isSecureRequest } from '../http/middleware.ts';
import { readJsonBody } from '../http/read-json-body.ts';
import { passwordIssue } from '../security/password-policy.ts';
import { burnPasswordCheck, hashPassword } from '../security/passwords.ts';
import { securityChange } from '../security/security-change.ts';
import { SESSION_COOKIE, USER_TOKEN_PREFIX } from '../security/security-runtime.ts';
import { hashSecret, RetryAfterError, signIn } from '../security/sign-in.ts';
import { acceptInvite, insertUserToken, listUserTokens, revokeSession, revokeUserToken } from '../security/user-credentials.ts';
import type { RouteDeps } from './route-deps.ts';

const WRONG = 'Email or password is wrong.';

export function publicAuthRoutes(deps: RouteDeps) {
  const routes = new Hono<AppEnv>();

  routes.post('/sign-in', async (c) => {
    const body = await readJsonBody(c);
    const { tenant: slug, email, password } = stringFields(body, ['tenant', 'email', 'password']);
    const tenant = await deps.tenants.findTenantCached(slug);
    if (!tenant) {
      await burnPasswordCheck(password);
      throw new ApiError('TSR301', WRONG);
    }
    await deps.security.upgrader.ensure(tenant.schema);
    const ip = clientAddress(c, deps.security.trustProxy);
    const audit = (event: string, actor: { id: string | null; label: string }) =>
      writeAudit(deps.database.db, tenant.schema, { event, actor, target: `email:${email.toLowerCase()}`, ip, requestId: c.get('requestId') });
    let signedIn: Awaited<ReturnType<typeof signIn>>;
    try {
      signedIn = await signIn(deps.database.db, tenant, email, password, ip, deps.security.policy);
    } catch (error) {
      if (error instanceof RetryAfterError) await audit('sign_in.locked', { id: null, label: 'anonymous' });
      throw error;
    }
    if (!signedIn) {
      await audit('sign_in.failed', { id: null, label: 'anonymous' });
      throw new ApiError('TSR301', WRONG);
    }
    await audit('sign_in', { id: signedIn.userId, label: `user:${signedIn.email}` });
    setCookie(c, SESSION_COOKIE, signedIn.sessionValue, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: isSecureRequest(c),
      path: '/',
      expires: signedIn.expiresAt,
    });
    return c.json({ user: { id: signedIn.userId, email: signedIn.email }, tenant: tenant.slug, expiresAt: signedIn.expiresAt.toISOString() });
  });

  routes.post('/accept-invite', async (c) => {
    const { tenant: slug, token, password } = stringFields(await readJsonBody(c), ['tenant', 'token', 'password']);
    const issue = passwordIssue(password);
    if (issue) throw new ApiError('TSR308', `The password ${issue.message}.`, [issue]);
    const tenant = await deps.tenants.findTenantCached(slug);
    if (!tenant) throw new ApiError('TSR301', 'The invitation is not valid.');
    await deps.security.upgrader.ensure(tenant.schema);
    const passwordHash = await hashPassword(password);
    const user = await acceptInvite(deps.database.db, tenant.schema, hashSecret(token), passwordHash);
    if (!user) throw new ApiError('TSR301', 'The invitation is not valid.');
    await writeAudit(deps.database.db, tenant.schema, {
      event: 'user.invite_accepted',
      actor: { id: user.id, label: `user:${user.email}` },
      target: `user:${user.id}`,
    });
    return c.json({ user: { id: user.id, email: user.email }, tenant: tenant.slug });
  });

  return routes;
}

export function authRoutes(deps: RouteDeps) {
  const routes = new Hono<AppEnv>();

  routes.post('/sign-out', async (c) => {
    const principal = c.get('access').principal;
    if (principal.kind === 'user' && principal.via === 'session') {
      await securityChange(c, deps, async (trx) => {
        await revokeSession(trx, c.get('tenant').schema, principal.credentialHash);
        return { result: undefined, audit: { event: 'sign_out', target: `user:${principal.userId}` } };
      });
    }
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  });

  routes.get('/me', (c) => {
    const access = c.get('access');
    const user = access.user;
    const catalog = c.get('catalog');
    const objects = Object.fromEntries(
      [...catalog.objects.values()].map((object) => [
        object.apiName,
        {
          create: object.rowAccess?.canCreate ?? true,
          read: true,
          edit: object.rowAccess?.canEdit ?? true,
          delete: object.rowAccess?.canDelete ?? true,
          readable: object.columnOrder,
          editable: [...object.writable, ...(object.rowAccess === undefined || object.rowAccess.canAssignOwner ? ['owner_id'] : [])],
        },
      ]),
    );
    return c.json({
      tenant: c.get('tenant').slug,
      principal: access.principal.kind,
      admin: access.admin,
      user: user ? { id: user.userId, email: user.email, name: user.name, roleId: user.roleId, permissionSetIds: user.permissionSetIds } : null,
      objects,
    });
  });

  routes.get('/tokens', async (c) => {
    const userId = requireUser(c);
    return c.json({ data: await listUserTokens(deps.database.db, c.get('tenant').schema, userId) });
  });

  routes.post('/tokens', async (c) => {
    const userId = requireUser(c);
    const body = (await readJsonBody(c).catch(() => ({}))) as { label?: unknown };
    const label = typeof body?.label === 'string' && body.label.trim() !== '' ? body.label.slice(0, 200) : 'api token';
    const tenant = c.get('tenant');
    // The tenant is part of the token so it can be checked inside that tenant's own tables.
    const token = `${USER_TOKEN_PREFIX}${tenant.slug}.${randomBytes(32).toString('base64url')}`;
    const id = await insertUserToken(deps.database.db, tenant.schema, userId, hashSecret(token), label);
    await writeAudit(deps.database.db, tenant.schema, {
      event: 'token.create',
      actor: auditActor(c.get('access')),
      target: `token:${id}`,
      detail: { label },
      requestId: c.get('requestId'),
    });
    return c.json({ id, label, token }, 201);
  });

  routes.delete('/tokens/:id', async (c) => {
    const userId = requireUser(c);
    const id = c.req.param('id');
    const tenant = c.get('tenant');
    await securityChange(c, deps, async (trx) => {
      await revokeUserToken(trx, tenant.schema, userId, id);
      return { result: undefined, audit: { event: 'token.revoke', target: `token:${id}` } };
    });
    return c.body(null, 204);
  });

  return routes;
}

function requireUser(c: { get(key: 'access'): AppEnv['Variables']['access'] }): string {
  const principal = c.get('access').principal;
  if (principal.kind !== 'user') throw new ApiError('TSR302', 'Personal tokens belong to users; a tenant API token has none.');
  return principal.userId;
}

function stringFields<K extends string>(body: unknown, names: readonly K[]): Record<K, string> {
  const record = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const missing = names.filter((name) => typeof record[name] !== 'string' || record[name] === '');
  if (missing.length > 0) {
    throw new ApiError(
      'TSR100',
      `Send ${names.map((name) => `"${name}"`).join(', ')} as strings.`,
      missing.map((name) => ({ path: `/${name}`, code: 'TSR100', message: 'a non-empty string is required' })),
    );
  }
  return Object.fromEntries(names.map((name) => [name, (record[name] as string).slice(0, 1024)])) as Record<K, string>;
}
