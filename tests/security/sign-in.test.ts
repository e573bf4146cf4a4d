// Users and sign-in: password sign-in with a session cookie (HttpOnly, SameSite=Lax, Secure behind
// TLS), sign-out, invitations, personal API tokens (shown once, stored hashed, revocable),
// deactivation, lockout with exponential backoff that does not reveal who has an account, and the
// per-credential rate limit with 429 and Retry-After.
import { createHash } from 'node:crypto';
import { testDriverKinds } from '@tessera/runtime';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountObject } from '../fixtures/crm-objects.ts';
import { expectProblem } from '../support/api-assertions.ts';
import { PASSWORD, type SecurityServer, sessionCookie, startSecurityServer, TenantAdmin } from './security-server.ts';

const kinds = await testDriverKinds();
const ME = '/api/v1/auth/me';

describe.each(kinds)('sign-in, sessions and tokens on %s', (kind) => {
  let server: SecurityServer;
  let admin: TenantAdmin;
  let userId: string;
  const signIn = (email: string, password: string, headers: Record<string, string> = {}) =>
    server.request('POST', '/api/v1/auth/sign-in', { body: { tenant: 'auth', email, password }, headers });

  beforeAll(async () => {
    server = await startSecurityServer(kind, { signIn: { maxFailures: 3, baseLockMs: 1500 } });
    admin = new TenantAdmin(server, 'auth', await server.createTenant('auth'));
    await admin.call('POST', '/api/v1/metadata/apply', accountObject);
    userId = await admin.user('ada@example.com');
  });

  afterAll(async () => {
    await server?.close();
  });

  it('signs in with a password and sets a safe session cookie', async () => {
    const result = await signIn('Ada@Example.com', PASSWORD);
    expect(result.status, result.text).toBe(200);
    expect(result.body.user).toEqual({ id: userId, email: 'ada@example.com' });
    const header = result.headers.get('set-cookie') ?? '';
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Lax/);
    expect(header).not.toMatch(/Secure/);
    const cookie = sessionCookie(result);
    const me = await server.request('GET', ME, { cookie });
    expect(me.body).toMatchObject({ tenant: 'auth', principal: 'user', admin: false, user: { id: userId, email: 'ada@example.com' } });
    // Only a hash of the session id is stored.
    const stored = await sql<{ id_hash: string }>`select id_hash from t_auth._sessions`.execute(server.database.db);
    const value = decodeURIComponent(cookie.split('=')[1] as string);
    expect(stored.rows.map((row) => row.id_hash)).toContain(createHash('sha256').update(value).digest('hex'));
    expect(JSON.stringify(stored.rows)).not.toContain(value);
    // Behind a TLS-terminating proxy the cookie is Secure.
    const secure = await signIn('ada@example.com', PASSWORD, { 'x-forwarded-proto': 'https' });
    expect(secure.headers.get('set-cookie')).toMatch(/Secure/);
  });

  it('refuses a wrong password, an unknown email and an unknown tenant alike', async () => {
    const wrong = await signIn('ada@example.com', 'not the password');
    const unknown = await signIn('nobody@example.com', 'not the password');
    const noTenant = await server.request('POST', '/api/v1/auth/sign-in', { body: { tenant: 'nope', email: 'ada@example.com', password: PASSWORD } });
    for (const result of [wrong, unknown, noTenant]) expectProblem(result, 401, 'TSR301');
    expect(new Set([wrong, unknown, noTenant].map((result) => result.body.detail)).size).toBe(1);
    expectProblem(await server.request('POST', '/api/v1/auth/sign-in', { body: { tenant: 'auth' } }), 400, 'TSR100', [
      { path: '/email', code: 'TSR100' },
      { path: '/password', code: 'TSR100' },
    ]);
    // The failure just recorded must not lock a later good sign-in (the counter resets on success).
    expect((await signIn('ada@example.com', PASSWORD)).status).toBe(200);
  });

  it('signs out: the session stops working at once', async () => {
    const cookie = sessionCookie(await signIn('ada@example.com', PASSWORD));
    expect((await server.request('GET', ME, { cookie })).status).toBe(200);
    const out = await server.request('POST', '/api/v1/auth/sign-out', { cookie });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/tessera_session=;/);
    expectProblem(await server.request('GET', ME, { cookie }), 401, 'TSR301');
    expectProblem(await server.request('GET', ME), 401, 'TSR300');
    expectProblem(await server.request('GET', ME, { cookie: 'tessera_session=auth.forged' }), 401, 'TSR301');
  });

  it('issues personal API tokens shown once, stored hashed, and revocable', async () => {
    const cookie = sessionCookie(await signIn('ada@example.com', PASSWORD));
    const created = await server.request('POST', '/api/v1/auth/tokens', { cookie, body: { label: 'ci' } });
    expect(created.status, created.text).toBe(201);
    const token = created.body.token as string;
    expect(token).toMatch(/^tsu_auth\./);
    const listed = await server.request('GET', '/api/v1/auth/tokens', { token });
    expect(listed.body.data).toEqual([expect.objectContaining({ id: created.body.id, label: 'ci', revokedAt: null })]);
    expect(listed.text).not.toContain(token);
    const stored = await sql<{ token_hash: string }>`select token_hash from t_auth._user_tokens`.execute(server.database.db);
    expect(stored.rows[0]?.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect((await server.request('GET', ME, { token })).body.user.id).toBe(userId);
    expect((await server.request('DELETE', `/api/v1/auth/tokens/${created.body.id}`, { token })).status).toBe(204);
    expectProblem(await server.request('GET', ME, { token }), 401, 'TSR301');
    expectProblem(await server.request('DELETE', `/api/v1/auth/tokens/${created.body.id}`, { cookie }), 404, 'TSR310');
    // The tenant's integration token has no personal tokens.
    expectProblem(await server.request('POST', '/api/v1/auth/tokens', { token: admin.token, body: {} }), 403, 'TSR302');
  });

  it('invites a user without a password; the invitation sets one', async () => {
    const invited = await admin.call<{ id: string; inviteToken: string; invited: boolean }>('POST', '/api/v1/security/users', {
      email: 'bob@example.com',
      name: 'Bob',
    });
    expect(invited.invited).toBe(true);
    expect(invited.inviteToken).toMatch(/^tsi_/);
    expectProblem(await signIn('bob@example.com', PASSWORD), 401, 'TSR301');
    expectProblem(
      await server.request('POST', '/api/v1/auth/accept-invite', { body: { tenant: 'auth', token: invited.inviteToken, password: 'short' } }),
      422,
      'TSR308',
      [{ path: '/password', code: 'TSR308' }],
    );
    const accepted = await server.request('POST', '/api/v1/auth/accept-invite', { body: { tenant: 'auth', token: invited.inviteToken, password: PASSWORD } });
    expect(accepted.status, accepted.text).toBe(200);
    expect((await signIn('bob@example.com', PASSWORD)).status).toBe(200);
    // An invitation works once.
    expectProblem(
      await server.request('POST', '/api/v1/auth/accept-invite', { body: { tenant: 'auth', token: invited.inviteToken, password: PASSWORD } }),
      401,
      'TSR301',
    );
    expectProblem(await server.request('POST', '/api/v1/security/users', { token: admin.token, body: { email: 'BOB@example.com' } }), 409, 'TSR309');
  });

  it('locks out a deactivated user and their existing sessions and tokens', async () => {
    const carolId = await admin.user('carol@example.com');
    const cookie = await admin.signIn('carol@example.com');
    const token = await admin.userToken('carol@example.com');
    await admin.call('PATCH', `/api/v1/security/users/${carolId}`, { active: false });
    expectProblem(await server.request('GET', ME, { cookie }), 401, 'TSR301');
    expectProblem(await server.request('GET', ME, { token }), 401, 'TSR301');
    expectProblem(await signIn('carol@example.com', PASSWORD), 401, 'TSR301');
    await admin.call('PATCH', `/api/v1/security/users/${carolId}`, { active: true });
    // Reactivation brings the user back, not the credentials they had (issue #22): sign in afresh.
    expectProblem(await server.request('GET', ME, { token }), 401, 'TSR301');
    expect((await signIn('carol@example.com', PASSWORD)).status).toBe(200);
  });

  it('locks an email after repeated failures, with backoff, known or not', async () => {
    await admin.user('dan@example.com');
    for (const email of ['dan@example.com', 'ghost@example.com']) {
      for (let i = 0; i < 3; i++) expectProblem(await signIn(email, 'wrong password!'), 401, 'TSR301');
      const locked = await signIn(email, PASSWORD);
      expectProblem(locked, 429, 'TSR306');
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(Number(locked.headers.get('retry-after'))).toBeLessThanOrEqual(2);
    }
    // The lock is stored in the tenant's database, so it survives a restart.
    const stored = await sql<{
      key: string;
      failures: number;
    }>`select key, failures from t_auth._sign_in_throttle where key like 'email:%' order by key`.execute(server.database.db);
    expect(stored.rows).toEqual(
      expect.arrayContaining([
        { key: 'email:dan@example.com', failures: 3 },
        { key: 'email:ghost@example.com', failures: 3 },
      ]),
    );
    await new Promise((resolve) => setTimeout(resolve, 1700));
    // One more failure after the lock doubles it.
    expectProblem(await signIn('dan@example.com', 'wrong password!'), 401, 'TSR301');
    const longer = await signIn('dan@example.com', PASSWORD);
    expectProblem(longer, 429, 'TSR306');
    expect(Number(longer.headers.get('retry-after'))).toBeGreaterThanOrEqual(3);
    await sql`update t_auth._sign_in_throttle set locked_until = now() where key = 'email:dan@example.com'`.execute(server.database.db);
    expect((await signIn('dan@example.com', PASSWORD)).status).toBe(200);
    const events = await admin.call<{ data: { event: string }[] }>('GET', '/api/v1/audit/log?event=sign_in.*&limit=200');
    expect(new Set(events.data.map((entry) => entry.event))).toEqual(new Set(['sign_in', 'sign_in.failed', 'sign_in.locked']));
  });
});

describe.each(kinds)('rate limit on %s', (kind) => {
  let server: SecurityServer;

  beforeAll(async () => {
    server = await startSecurityServer(kind, { rateLimit: { perSecond: 2, burst: 5 } });
  });

  afterAll(async () => {
    await server?.close();
  });

  it('limits requests per credential with 429 and Retry-After', async () => {
    const token = await server.createTenant('limited');
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<SecurityServer['request']>> | undefined;
    for (let i = 0; i < 8; i++) {
      const result = await server.request('GET', '/api/v1/metadata', { token });
      statuses.push(result.status);
      if (result.status === 429) limited = result;
    }
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses).toContain(429);
    expectProblem(limited as NonNullable<typeof limited>, 429, 'TSR307');
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Another credential has its own bucket; the limited one recovers with time.
    expect((await server.request('GET', '/api/v1/metadata', { token: await server.createTenant('other') })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await server.request('GET', '/api/v1/metadata', { token })).status).toBe(200);
  });
});
