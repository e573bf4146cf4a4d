// Route-by-route sweep. Every tenant API route, called by a signed-in user without permissions,
// answers 403 (administration) or 404 (objects and records, worded exactly as for things that do
// not exist) and leaks nothing; every route called with tenant A's credentials (integration token,
// user token, session) against tenant B's names and ids finds nothing of B's.
import { testDriverKinds } from '@tessera/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountObject, crmBundle } from '../fixtures/crm-objects.ts';
import type { HttpResult } from '../support/test-server.ts';
import { type Credentials, problemShape, type SecurityServer, startSecurityServer, TenantAdmin } from './security-server.ts';

const kinds = await testDriverKinds();
const SECRET = 'TOPSECRET-7731';

interface Ids {
  object: string;
  record: string;
  user: string;
  role: string;
  set: string;
  rule: string;
}

type Expectation = 'object' | 'admin';

/** Every tenant-scoped route with what a user without permissions must get. */
function routes(ids: Ids): [string, string, Expectation, unknown?][] {
  const records = `/api/v1/objects/${ids.object}/records`;
  const record = `${records}/${ids.record}`;
  return [
    ['GET', records, 'object'],
    ['GET', `${records}?filter=${encodeURIComponent(JSON.stringify({ '==': [{ var: 'name' }, SECRET] }))}`, 'object'],
    ['POST', records, 'object', { name: 'x' }],
    ['GET', record, 'object'],
    ['GET', `${record}?expand=account`, 'object'],
    ['PATCH', record, 'object', { name: 'x' }],
    ['DELETE', record, 'object'],
    ['POST', `${record}/restore`, 'object'],
    ['GET', `${record}/shares`, 'object'],
    ['POST', `${record}/shares`, 'object', { userId: ids.user, access: 'read' }],
    ['DELETE', `${record}/shares/${ids.user}`, 'object'],
    ['GET', `${record}/history`, 'object'],
    ['GET', `${record}/related`, 'object'],
    ['GET', `${record}/related/opportunity/account`, 'object'],
    ['POST', `${records}/bulk`, 'object', { operation: 'create', records: [{ name: 'x' }] }],
    ['POST', `${records}/bulk`, 'object', { operation: 'delete', records: [{ id: ids.record }] }],
    ['GET', `/api/v1/objects/${ids.object}/export?format=csv`, 'object'],
    ['GET', `/api/v1/objects/${ids.object}/totals`, 'object'],
    ['GET', `/api/v1/objects/${ids.object}/views`, 'object'],
    ['POST', `/api/v1/objects/${ids.object}/views`, 'object', { labels: { en: 'Mine' }, definition: {} }],
    ['GET', `${records}?view=${ids.record}`, 'object'],
    ['GET', `/api/v1/metadata/objects/${ids.object}`, 'object'],
    ['GET', `/api/v1/forms/${ids.object}`, 'object'],
    ['POST', '/api/v1/metadata/apply', 'admin', accountObject],
    ['POST', '/api/v1/metadata/validate', 'admin', accountObject],
    ['POST', '/api/v1/metadata/plan', 'admin', accountObject],
    ['GET', '/api/v1/metadata/revisions', 'admin'],
    ['GET', '/api/v1/metadata/revisions/1', 'admin'],
    ['POST', '/api/v1/metadata/revisions/1/revert', 'admin'],
    ['GET', '/api/v1/security/users', 'admin'],
    ['POST', '/api/v1/security/users', 'admin', { email: 'new@example.com', password: 'long enough password' }],
    ['GET', `/api/v1/security/users/${ids.user}`, 'admin'],
    ['PATCH', `/api/v1/security/users/${ids.user}`, 'admin', { admin: true }],
    ['GET', '/api/v1/security/roles', 'admin'],
    ['POST', '/api/v1/security/roles', 'admin', { name: 'sneaky' }],
    ['PATCH', `/api/v1/security/roles/${ids.role}`, 'admin', { label: 'x' }],
    ['DELETE', `/api/v1/security/roles/${ids.role}`, 'admin'],
    ['GET', '/api/v1/security/permission-sets', 'admin'],
    ['POST', '/api/v1/security/permission-sets', 'admin', { name: 'all', objects: { [ids.object]: { modifyAll: true } } }],
    ['GET', `/api/v1/security/permission-sets/${ids.set}`, 'admin'],
    ['PATCH', `/api/v1/security/permission-sets/${ids.set}`, 'admin', { objects: {} }],
    ['DELETE', `/api/v1/security/permission-sets/${ids.set}`, 'admin'],
    ['GET', '/api/v1/security/object-access', 'admin'],
    ['PUT', `/api/v1/security/object-access/${ids.object}`, 'admin', { defaultAccess: 'read_write' }],
    ['GET', '/api/v1/security/sharing-rules', 'admin'],
    ['POST', '/api/v1/security/sharing-rules', 'admin', { object: ids.object, name: 'all', criteria: { '==': [1, 1] }, roleId: ids.role, access: 'edit' }],
    ['DELETE', `/api/v1/security/sharing-rules/${ids.rule}`, 'admin'],
    ['GET', '/api/v1/audit/log', 'admin'],
    ['GET', '/api/v1/audit/tracked-fields', 'admin'],
    ['PUT', `/api/v1/audit/tracked-fields/${ids.object}`, 'admin', { fields: [] }],
  ];
}

/** The problem with names and ids taken out: what a caller learns from it. */
function learned(result: HttpResult, ids: Ids): string {
  let text = JSON.stringify(problemShape(result));
  for (const value of Object.values(ids)) text = text.replaceAll(value, 'X');
  return text;
}

describe.each(kinds)('route sweep on %s', (kind) => {
  let server: SecurityServer;
  let acme: TenantAdmin;
  let globex: TenantAdmin;
  let acmeIds: Ids;
  let globexIds: Ids;
  let nobody: Credentials;
  const acmeCredentials: Record<string, Credentials> = {};

  async function seed(admin: TenantAdmin, object: string): Promise<Ids> {
    const role = await admin.role('staff');
    const set = await admin.permissionSet('staff', {});
    const user = await admin.user(`owner@${admin.tenant}.example.com`, { roleId: role });
    const record = (await admin.call<{ id: string }>('POST', `/api/v1/objects/${object}/records`, { name: SECRET, owner_id: user })).id;
    const rule = (
      await admin.call<{ id: string }>('POST', '/api/v1/security/sharing-rules', {
        object,
        name: 'everything',
        criteria: { '!=': [{ var: 'name' }, ''] },
        roleId: role,
        access: 'read',
      })
    ).id;
    await admin.call('PUT', `/api/v1/audit/tracked-fields/${object}`, { fields: ['name'] });
    await admin.call('PATCH', `/api/v1/objects/${object}/records/${record}`, { name: `${SECRET}-2` });
    return { object, record, user, role, set, rule };
  }

  beforeAll(async () => {
    server = await startSecurityServer(kind);
    acme = new TenantAdmin(server, 'acme', await server.createTenant('acme'));
    globex = new TenantAdmin(server, 'globex', await server.createTenant('globex'));
    await acme.call('POST', '/api/v1/metadata/apply', crmBundle);
    await globex.call('POST', '/api/v1/metadata/apply', { ...accountObject, apiName: 'vault', labels: { en: 'Vault' } });
    await globex.call('POST', '/api/v1/metadata/apply', accountObject);
    acmeIds = await seed(acme, 'opportunity');
    globexIds = await seed(globex, 'vault');
    await acme.user('nobody@acme.example.com');
    nobody = { cookie: await acme.signIn('nobody@acme.example.com') };
    await acme.user('boss@acme.example.com', { admin: true });
    acmeCredentials.integration = { token: acme.token };
    acmeCredentials.userToken = { token: await acme.userToken('boss@acme.example.com') };
    acmeCredentials.session = { cookie: await acme.signIn('boss@acme.example.com') };
  });

  afterAll(async () => {
    await server?.close();
  });

  it('gives a user without permissions 403 or 404 on every route, and nothing else', async () => {
    const unknownIds = { ...acmeIds, object: 'zzzz' };
    const unknownRoutes = routes(unknownIds);
    for (const [i, [method, path, expectation, body]] of routes(acmeIds).entries()) {
      const result = await server.request(method, path, { ...nobody, body });
      const label = `${method} ${path}: ${result.status} ${result.text.slice(0, 300)}`;
      expect(result.text, label).not.toContain(SECRET);
      if (expectation === 'admin') {
        expect(result.status, label).toBe(403);
        expect(result.body.code, label).toBe('TSR302');
      } else {
        // An object without read permission answers exactly like an object that does not exist.
        const [, unknownPath, , unknownBody] = unknownRoutes[i] as [string, string, Expectation, unknown?];
        const unknown = await server.request(method, unknownPath, { ...nobody, body: unknownBody });
        expect(result.status, label).toBe(404);
        expect(result.body.code, label).toBe('TSR110');
        expect(learned(result, acmeIds), label).toBe(learned(unknown, unknownIds));
      }
    }
    // What a user may always read says nothing about the objects: no objects, no paths.
    const metadata = await server.request('GET', '/api/v1/metadata', nobody);
    expect(metadata.body.objects).toEqual([]);
    const openapi = await server.request('GET', '/api/v1/openapi.json', nobody);
    expect(Object.keys(openapi.body.paths).filter((path) => path.startsWith('/api/v1/objects/'))).toEqual([]);
    expect(openapi.body.paths['/api/v1/metadata/apply']).toBeUndefined();
    const me = await server.request('GET', '/api/v1/auth/me', nobody);
    expect(me.body.objects).toEqual({});
    // The same routes work for the tenant's administrator.
    expect((await server.request('GET', `/api/v1/objects/opportunity/records/${acmeIds.record}`, acmeCredentials.session)).body.name).toBe(`${SECRET}-2`);
  });

  it("never reaches tenant B with any of tenant A's credentials", async () => {
    for (const [kindOfCredential, credentials] of Object.entries(acmeCredentials)) {
      for (const [method, path, , body] of routes(globexIds)) {
        const result = await server.request(method, path, { ...credentials, body });
        const label = `${kindOfCredential} ${method} ${path}: ${result.status} ${result.text.slice(0, 300)}`;
        expect(result.text, label).not.toContain(SECRET);
        // Tenant A has no `vault` and none of globex's ids: 404s (or 422s for bodies naming
        // them, 409s when an earlier credential already created the same thing in acme).
        // Routes without names or ids answer, but only with acme's own data.
        if (result.status < 300) {
          expect(path.includes('vault') || path.includes(globexIds.user) || path.includes(globexIds.role), label).toBe(false);
          for (const value of Object.values(globexIds)) expect(result.text, label).not.toContain(value);
        } else {
          expect([404, 409, 422], label).toContain(result.status);
        }
      }
      // globex's account records by id from acme: not found.
      const globexAccount = await globex.call<{ id: string }>('POST', '/api/v1/objects/account/records', { name: SECRET });
      const probe = await server.request('GET', `/api/v1/objects/account/records/${globexAccount.id}`, credentials);
      expect(probe.status).toBe(404);
      expect(probe.body.code).toBe('TSR111');
    }
  });

  it("refuses tenant A's user credentials relabelled as tenant B's", async () => {
    const token = String(acmeCredentials.userToken?.token);
    const forgedToken = token.replace('tsu_acme.', 'tsu_globex.');
    const forgedCookie = String(acmeCredentials.session?.cookie).replace('tessera_session=acme.', 'tessera_session=globex.');
    for (const credentials of [{ token: forgedToken }, { cookie: forgedCookie }]) {
      const result = await server.request('GET', '/api/v1/objects/vault/records', credentials);
      expect(result.status).toBe(401);
      expect(result.body.code).toBe('TSR301');
    }
    // Signing in to B with A's user fails like any wrong password.
    const crossSignIn = await server.request('POST', '/api/v1/auth/sign-in', {
      body: { tenant: 'globex', email: 'boss@acme.example.com', password: 'correct horse battery' },
    });
    expect(crossSignIn.status).toBe(401);
  });
});
