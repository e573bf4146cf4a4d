// Credentials (issue #22, Access 5): the sign-in lockout holds against a parallel burst (attempts
// are counted atomically before the password is checked); a password reset and a deactivation
// revoke personal API tokens and sessions; tenant integration tokens can be listed (fingerprints
// only), rotated and revoked through the admin API; common passwords are refused; a user holds at
// most 20 personal tokens; and a session-cookie write with a body must be JSON (a cross-site form post
// cannot write). PostgreSQL and PGlite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDriverKinds } from '../../runtime/src/db/test-database.ts';
import { ADMIN_TOKEN } from '../support/test-server.ts';
import { PASSWORD, type RunningSecurityServer, sessionCookie, startSecurityServer, TenantAdmin } from './security-server.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are dynamic JSON
type Json = Record<string, any>;
const kinds = await testDriverKinds();
const MAX_FAILURES = 5;
const ME = '/api/v1/auth/me';

describe.each(kinds)('credential hardening on %s', (kind) => {
  let server: RunningSecurityServer;
  let admin: TenantAdmin;
  let tenantToken = '';
  const signIn = (email: string, password: string) => server.request<Json>('POST', '/api/v1/auth/sign-in', { body: { tenant: 'creds', email, password } });
  const asAdmin = (method: string, path: string, body?: unknown) =>
    server.request<Json>(method, path, { token: ADMIN_TOKEN, ...(body === undefined ? {} : { body }) });

  beforeAll(async () => {
    server = await startSecurityServer(kind, { rateLimit: false, signIn: { maxFailures: MAX_FAILURES, baseLockMs: 60_000 } });
    tenantToken = await server.createTenant('creds');
    admin = new TenantAdmin(server, 'creds', tenantToken);
  }, 120_000);
  afterAll(async () => server?.close());

  it('a parallel burst of wrong passwords, then the right one, gets no more than the lockout allows', async () => {
    await admin.user('burst@example.com');
    const burst = [];
    for (let i = 0; i < 29; i++) burst.push(signIn('burst@example.com', `wrong password ${i}`));
    burst.push(signIn('burst@example.com', PASSWORD));
    const statuses = (await Promise.all(burst)).map((result) => result.status);
    // Each attempt past the limit is refused before its password is checked.
    const checked = statuses.filter((status) => status === 401 || status === 200);
    expect(checked.length, statuses.join(',')).toBeLessThanOrEqual(MAX_FAILURES);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(30 - MAX_FAILURES);
    if (!statuses.includes(200)) expect((await signIn('burst@example.com', PASSWORD)).status).toBe(429);
  });

  it('a password reset, and a deactivation followed by reactivation, revoke tokens and sessions', async () => {
    const id = await admin.user('reset@example.com');
    const token = await admin.userToken('reset@example.com');
    const cookie = await admin.signIn('reset@example.com');
    expect((await server.request('GET', ME, { token })).status).toBe(200);
    await admin.call('PATCH', `/api/v1/security/users/${id}`, { password: 'a brand new passphrase' });
    expect((await server.request('GET', ME, { token })).status).toBe(401);
    expect((await server.request('GET', ME, { cookie })).status).toBe(401);

    const secondCookie = await admin.signIn('reset@example.com', 'a brand new passphrase');
    const issued = await server.request<Json>('POST', '/api/v1/auth/tokens', { cookie: secondCookie, body: { label: 'second' } });
    expect(issued.status, issued.text).toBe(201);
    const second = issued.body.token as string;
    expect((await server.request('GET', ME, { token: second })).status).toBe(200);
    await admin.call('PATCH', `/api/v1/security/users/${id}`, { active: false });
    await admin.call('PATCH', `/api/v1/security/users/${id}`, { active: true });
    expect((await server.request('GET', ME, { token: second })).status).toBe(401);
    expect((await server.request('GET', ME, { cookie: secondCookie })).status).toBe(401);
    const tokens = await server.request<Json>('GET', '/api/v1/auth/tokens', { cookie: await admin.signIn('reset@example.com', 'a brand new passphrase') });
    expect(tokens.body.data.every((entry: Json) => entry.revokedAt !== null)).toBe(true);
  });

  it('tenant tokens: listed by fingerprint only, rotated and revoked through the admin API', async () => {
    const issued = await asAdmin('POST', '/api/v1/admin/tenants/creds/tokens', { label: 'ci' });
    expect(issued.status, issued.text).toBe(201);
    const secret = issued.body.token as string;
    expect(issued.body.fingerprint).toMatch(/^[0-9a-f]{12}$/);
    const listed = await asAdmin('GET', '/api/v1/admin/tenants/creds/tokens');
    expect(listed.status, listed.text).toBe(200);
    expect(listed.text).not.toContain(secret);
    expect(listed.text).not.toContain(tenantToken);
    const entry = listed.body.data.find((candidate: Json) => candidate.label === 'ci');
    expect(entry).toEqual({ fingerprint: issued.body.fingerprint, label: 'ci', createdAt: expect.any(String), revokedAt: null });
    expect(listed.body.data).toHaveLength(2); // the initial token and this one

    const rotated = await asAdmin('POST', `/api/v1/admin/tenants/creds/tokens/${entry.fingerprint}/rotate`);
    expect(rotated.status, rotated.text).toBe(201);
    expect(rotated.body.token).not.toBe(secret);
    expect((await server.request('GET', '/api/v1/metadata', { token: secret })).status).toBe(401);
    expect((await server.request('GET', '/api/v1/metadata', { token: rotated.body.token })).status).toBe(200);

    const revoked = await asAdmin('DELETE', `/api/v1/admin/tenants/creds/tokens/${rotated.body.fingerprint}`);
    expect(revoked.status, revoked.text).toBe(204);
    expect((await server.request('GET', '/api/v1/metadata', { token: rotated.body.token })).status).toBe(401);
    const unknown = await asAdmin('DELETE', '/api/v1/admin/tenants/creds/tokens/000000000000');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'TSR319' });
    // The initial token still works.
    expect((await server.request('GET', '/api/v1/metadata', { token: tenantToken })).status).toBe(200);
  });

  it('refuses common passwords with TSR315 and accepts an uncommon one', async () => {
    for (const password of ['password123', 'qwertyuiop', '1234567890', 'iloveyou2024!', 'aaaaaaaaaaaa']) {
      const refused = await server.request<Json>('POST', '/api/v1/security/users', {
        token: tenantToken,
        body: { email: `weak${password.length}@example.com`, password },
      });
      expect(refused.status, `${password}: ${refused.text}`).toBe(422);
      expect(refused.body.errors).toEqual([{ path: '/password', code: 'TSR315', message: expect.stringContaining('common') }]);
    }
    const accepted = await server.request('POST', '/api/v1/security/users', {
      token: tenantToken,
      body: { email: 'strong@example.com', password: 'violet tractor umbrella' },
    });
    expect(accepted.status, accepted.text).toBe(201);
  });

  it('a user holds at most 20 personal tokens (409 TSR316 beyond)', async () => {
    await admin.user('many@example.com');
    const cookie = await admin.signIn('many@example.com');
    for (let i = 0; i < 20; i++) {
      const created = await server.request('POST', '/api/v1/auth/tokens', { cookie, body: { label: `t${i}` } });
      expect(created.status, created.text).toBe(201);
    }
    const refused = await server.request<Json>('POST', '/api/v1/auth/tokens', { cookie, body: { label: 'one too many' } });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'TSR316' });
    // Revoking one makes room.
    const list = await server.request<Json>('GET', '/api/v1/auth/tokens', { cookie });
    expect((await server.request('DELETE', `/api/v1/auth/tokens/${list.body.data[0].id}`, { cookie })).status).toBe(204);
    expect((await server.request('POST', '/api/v1/auth/tokens', { cookie, body: { label: 'room again' } })).status).toBe(201);
  });

  it('a session-cookie write must be JSON: a form post or an untyped body cannot write', async () => {
    const cookie = sessionCookie(await signIn('many@example.com', PASSWORD));
    const form = await server.request<Json>('POST', '/api/v1/auth/tokens', {
      cookie,
      rawBody: 'label=csrf',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(415);
    expect(form.body).toMatchObject({ code: 'TSR317' });
    const plain = await server.request<Json>('POST', '/api/v1/auth/sign-out', { cookie, rawBody: '{}', headers: { 'content-type': 'text/plain' } });
    expect(plain.status).toBe(415);
    // A body without any content type (fetch with a Blob) is refused as well.
    const untyped = await fetch(`${server.baseUrl}/api/v1/auth/tokens`, {
      method: 'POST',
      headers: { cookie },
      body: new TextEncoder().encode('{"label":"x"}'),
    });
    expect(untyped.status).toBe(415);
    expect(((await untyped.json()) as Json).code).toBe('TSR317');
    const before = await server.request<Json>('GET', '/api/v1/auth/tokens', { cookie });
    expect(before.body.data.some((entry: Json) => entry.label === 'csrf' || entry.label === 'x')).toBe(false);
    expect((await server.request('GET', ME, { cookie })).status).toBe(200); // still signed in
    // The same writes as JSON go through.
    expect((await server.request('POST', '/api/v1/auth/sign-out', { cookie, body: {} })).status).toBe(204);
    expect((await server.request('GET', ME, { cookie })).status).toBe(401);
  });
});
