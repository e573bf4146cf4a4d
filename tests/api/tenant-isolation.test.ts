// Tenants are isolated: a token of tenant A never reaches tenant B's objects, records, metadata or
// OpenAPI; missing and bad tokens are 401s; tenant and admin tokens do not open each other's routes.
import { testDriverKinds } from '@tessera/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountObject, crmBundle } from '../fixtures/crm-objects.ts';
import { expectProblem, listAll } from '../support/api-assertions.ts';
import { ADMIN_TOKEN, startTestServer, type TenantClient, type TestServer } from '../support/test-server.ts';

const kinds = await testDriverKinds();
const ACCOUNTS = '/api/v1/objects/account/records';

describe.each(kinds)('tenant isolation on %s', (kind) => {
  let server: TestServer;
  let acme: TenantClient;
  let globex: TenantClient;
  let acmeToken: string;
  let globexAccount: { id: string; name: string; version: number };

  beforeAll(async () => {
    server = await startTestServer(kind);
    acmeToken = await server.createTenant('acme');
    acme = server.tenant(acmeToken);
    globex = server.tenant(await server.createTenant('globex'));
    expect((await acme.apply(crmBundle)).status).toBe(200);
    expect((await globex.apply(accountObject)).status).toBe(200);
    expect(
      (await globex.apply({ apiName: 'widget', labels: { en: 'Widget' }, fields: [{ apiName: 'name', type: 'text', labels: { en: 'Name' } }] })).status,
    ).toBe(200);
    await acme.post(ACCOUNTS, { name: 'Acme own' });
    globexAccount = (await globex.post(ACCOUNTS, { name: 'Globex secret' })).body;
    await globex.post('/api/v1/objects/widget/records', { name: 'Globex widget' });
  });

  afterAll(async () => {
    await server?.close();
  });

  it("does not show tenant B's objects to tenant A", async () => {
    expectProblem(await acme.get('/api/v1/objects/widget/records'), 404, 'TSR110');
    expectProblem(await acme.post('/api/v1/objects/widget/records', { name: 'x' }), 404, 'TSR110');
    expectProblem(await acme.get('/api/v1/metadata/objects/widget'), 404, 'TSR110');
    // And the other way round: globex has no opportunity.
    expectProblem(await globex.get('/api/v1/objects/opportunity/records'), 404, 'TSR110');
  });

  it("does not read, change or delete tenant B's records through a shared object name", async () => {
    const acmeAccounts = await listAll(acme, 'account');
    expect(acmeAccounts.map((row) => row.name)).toEqual(['Acme own']);
    const path = `${ACCOUNTS}/${globexAccount.id}`;
    expectProblem(await acme.get(path), 404, 'TSR111');
    expectProblem(await acme.patch(path, { name: 'hijacked' }), 404, 'TSR111');
    expectProblem(await acme.delete(path), 404, 'TSR111');
    expectProblem(await acme.post(`${path}/restore`), 404, 'TSR111');
    const filtered = await acme.list('account', { filter: JSON.stringify({ '==': [{ var: 'id' }, globexAccount.id] }) });
    expect(filtered.body.data).toEqual([]);
    // A lookup cannot point across tenants either.
    const crossLookup = await acme.post('/api/v1/objects/opportunity/records', { name: 'x', account: globexAccount.id });
    expectProblem(crossLookup, 400, 'TSR411', [{ path: '/account', code: 'TSR411' }]);
    const untouched = await globex.get(path);
    expect(untouched.body).toMatchObject({ name: 'Globex secret', version: 1, deleted_at: null });
  });

  it("keeps each tenant's metadata and OpenAPI to itself", async () => {
    const acmeMeta = await acme.get('/api/v1/metadata');
    expect(acmeMeta.body.objects.map((object: { apiName: string }) => object.apiName).sort()).toEqual(['account', 'opportunity']);
    const globexMeta = await globex.get('/api/v1/metadata');
    expect(globexMeta.body.objects.map((object: { apiName: string }) => object.apiName).sort()).toEqual(['account', 'widget']);
    const acmeOpenApi = await acme.get('/api/v1/openapi.json');
    expect(Object.keys(acmeOpenApi.body.paths)).not.toContain('/api/v1/objects/widget/records');
    expect(acmeOpenApi.text).not.toContain('globex');
    const globexOpenApi = await globex.get('/api/v1/openapi.json');
    expect(Object.keys(globexOpenApi.body.paths)).toContain('/api/v1/objects/widget/records');
    expect(Object.keys(globexOpenApi.body.paths)).not.toContain('/api/v1/objects/opportunity/records');
  });

  it('does not let tenant A apply metadata into tenant B', async () => {
    const applied = await acme.apply({ apiName: 'gadget', labels: { en: 'Gadget' }, fields: [] });
    expect(applied.status).toBe(200);
    expectProblem(await globex.get('/api/v1/objects/gadget/records'), 404, 'TSR110');
    expect((await globex.get('/api/v1/metadata')).body.revision).toBe(2);
  });

  it('answers 401 TSR300 without a token and 401 TSR301 with a bad one', async () => {
    for (const path of ['/api/v1/objects/account/records', '/api/v1/metadata', '/api/v1/openapi.json', `${ACCOUNTS}/${globexAccount.id}`]) {
      expectProblem(await server.request('GET', path), 401, 'TSR300');
      expectProblem(await server.request('GET', path, { token: 'tsr_not_a_real_token' }), 401, 'TSR301');
      expectProblem(await server.request('GET', path, { token: `${acmeToken}x` }), 401, 'TSR301');
      expectProblem(await server.request('GET', path, { headers: { authorization: `Basic ${acmeToken}` } }), 401, 'TSR300');
    }
    expectProblem(await server.request('POST', '/api/v1/metadata/apply', { body: accountObject }), 401, 'TSR300');
    expectProblem(await server.request('POST', ACCOUNTS, { body: { name: 'anon' } }), 401, 'TSR300');
    expect((await listAll(acme, 'account')).map((row) => row.name)).toEqual(['Acme own']);
  });

  it('keeps tenant tokens off /admin and the admin token off tenant routes', async () => {
    expectProblem(await acme.get('/api/v1/admin/tenants'), 401, 'TSR301');
    expectProblem(await acme.post('/api/v1/admin/tenants', { slug: 'evil' }), 401, 'TSR301');
    expectProblem(await acme.post('/api/v1/admin/tenants/globex/tokens', { label: 'steal' }), 401, 'TSR301');
    expectProblem(await server.request('GET', '/api/v1/admin/tenants'), 401, 'TSR300');
    const admin = server.tenant(ADMIN_TOKEN);
    expectProblem(await admin.get('/api/v1/objects/account/records'), 401, 'TSR301');
    expectProblem(await admin.get('/api/v1/metadata'), 401, 'TSR301');
    expectProblem(await admin.get('/api/v1/openapi.json'), 401, 'TSR301');
    const tenants = await admin.get('/api/v1/admin/tenants');
    expect(tenants.status).toBe(200);
    expect(tenants.body.data.map((tenant: { tenant: string }) => tenant.tenant).sort()).toEqual(['acme', 'globex']);
  });
});
