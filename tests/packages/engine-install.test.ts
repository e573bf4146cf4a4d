// The package engine over HTTP: install from a folder's files and from an npm pack tarball (one
// transaction: metadata, roles and permission sets, sample data through the record service,
// _packages), the plan of each operation, and the refusals, each leaving the database identical.
import { testDriverKinds } from '@tessera/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../support/api-assertions.ts';
import { responseChecker } from '../support/openapi-responses.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { bundleSource, expectUnchanged, fixture, freshTenant, reviewed, tarballSource } from './engine-support.ts';

const kinds = await testDriverKinds();

describe.each(kinds)('package engine: install on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(async () => server?.close());

  it('plans and installs a package from its files: metadata, security, sample data and the _packages row in one go', async () => {
    const { api } = await freshTenant(server);
    const source = bundleSource(fixture('gadgets-v1'));
    const plan = await api.post('/api/v1/packages/plan', { source });
    expect(plan.status, plan.text).toBe(200);
    expect(plan.body).toMatchObject({
      operation: 'install',
      namespace: 'gad',
      from: null,
      to: '1.0.0',
      dependencies: [],
      destructive: false,
      requiresPlanHash: false,
      conflicts: [],
      deprecated: [],
      sampleData: { records: 2 },
    });
    expect(plan.body.steps.map((step: any) => step.kind)).toContain('create_table');
    expect(plan.body.planHash).toMatch(/^[0-9a-f]{64}$/);
    // The plan wrote nothing.
    expect((await api.get('/api/v1/packages')).body.data).toEqual([]);

    const installed = await api.post('/api/v1/packages/install', { source, planHash: plan.body.planHash });
    expect(installed.status, installed.text).toBe(200);
    expect(installed.body).toMatchObject({ operation: 'install', namespace: 'gad', version: '1.0.0', records: 2 });
    const list = await api.get('/api/v1/packages');
    expect(list.body.data).toEqual([
      expect.objectContaining({
        namespace: 'gad',
        name: 'gadgets',
        version: '1.0.0',
        objects: ['gizmo'],
        dependencies: {},
        upgradedAt: null,
        labels: { en: 'Gadgets', zh: '小工具包' },
      }),
    ]);
    // Every answer matches the schema the tenant's OpenAPI document gives for it.
    const check = responseChecker((await api.get('/api/v1/openapi.json')).body);
    check('/api/v1/packages/plan', 'post', '200', plan.body);
    check('/api/v1/packages/install', 'post', '200', installed.body);
    check('/api/v1/packages', 'get', '200', list.body);
    check('/api/v1/packages/available', 'get', '200', (await api.get('/api/v1/packages/available')).body);
    const gizmos = await api.list('gizmo', { sort: 'name' });
    expect(gizmos.body.data.map((record: any) => [record.name, record.status, record.weight])).toEqual([
      ['Flange', 'new', 0.25],
      ['Sprocket', 'used', 1.5],
    ]);
    const roles = (await api.get('/api/v1/security/roles')).body.data;
    const chief = roles.find((role: any) => role.name === 'gad_chief');
    expect(roles.find((role: any) => role.name === 'gad_keeper')).toMatchObject({ parentId: chief.id });
    expect((await api.get('/api/v1/security/permission-sets')).body.data).toContainEqual(
      expect.objectContaining({ name: 'gad_user', objects: { gizmo: { create: true, read: true, edit: true } } }),
    );
    expect((await api.get('/api/v1/security/object-access')).body.data).toContainEqual({ object: 'gizmo', defaultAccess: 'read', managerAccess: 'edit' });
  });

  it('installs from an npm pack tarball, and without sample data when asked', async () => {
    const { api } = await freshTenant(server);
    const installed = await api.post('/api/v1/packages/install', { source: tarballSource(fixture('gadgets-v1')), sampleData: false });
    expect(installed.status, installed.text).toBe(200);
    expect(installed.body).toMatchObject({ namespace: 'gad', version: '1.0.0', records: 0 });
    expect((await api.list('gizmo')).body.data).toEqual([]);
  });

  it('refuses an invalid package naming each file and path, a broken tarball, and a second install; the database is unchanged', async () => {
    const { api, schema } = await freshTenant(server);
    const broken = bundleSource(fixture('gadgets-v1'), (files) => {
      files['tessera.json'].version = 'one';
      files['objects/gizmo.json'].fields[2].type = 'money';
      files['data/gizmos.json'].records[1].parent = { $ref: 'nobody' };
    });
    const refused = await expectUnchanged(server, schema, () => api.post('/api/v1/packages/install', { source: broken }));
    expectProblem(refused, 422, 'TSR600');
    const paths = refused.body.errors.map((error: any) => `${error.code} ${error.path}`);
    expect(paths).toEqual(expect.arrayContaining(['TSR600 /manifest/version', 'TSR615 /files/data/gizmos.json/records/1/parent/$ref']));
    expect(paths.some((path: string) => path.startsWith('TSR600 /files/objects/gizmo.json/fields/2'))).toBe(true);
    expectProblem(
      await expectUnchanged(server, schema, () => api.post('/api/v1/packages/plan', { source: { kind: 'tarball', base64: 'bm90IGEgdGFyYmFsbA==' } })),
      400,
      'TSR614',
    );
    expectProblem(
      await expectUnchanged(server, schema, () => api.post('/api/v1/packages/plan', { source: { kind: 'available', name: 'no-such-package' } })),
      404,
      'TSR608',
    );
    expectProblem(await api.post('/api/v1/packages/plan', { source: { kind: 'disk' }, extra: 1 }), 400, 'TSR100');

    await reviewed(api, 'install', { source: bundleSource(fixture('gadgets-v1')) });
    const again = await expectUnchanged(server, schema, () => api.post('/api/v1/packages/install', { source: bundleSource(fixture('gadgets-v1')) }));
    expectProblem(again, 409, 'TSR609');
  });

  it('refuses an object name the tenant owns (TSR607) with both owners named, and a sample record the rules refuse, leaving everything as it was', async () => {
    const { api, schema } = await freshTenant(server);
    expect(
      (await api.apply({ apiName: 'gizmo', labels: { en: 'Our gizmo' }, fields: [{ apiName: 'name', type: 'text', labels: { en: 'Name' } }] })).status,
    ).toBe(200);
    const collided = await expectUnchanged(server, schema, () => api.post('/api/v1/packages/plan', { source: bundleSource(fixture('gadgets-v1')) }));
    expectProblem(collided, 409, 'TSR607', [{ path: '/files/objects/gizmo.json/apiName', code: 'TSR607' }]);
    expect(collided.body.errors[0].message).toMatch(/belongs to the tenant; package gad brings one/);

    const other = await freshTenant(server);
    const badRecord = bundleSource(fixture('gadgets-v1'), (files) => (files['data/gizmos.json'].records[0].status = 'broken'));
    const refused = await expectUnchanged(server, other.schema, () => other.api.post('/api/v1/packages/install', { source: badRecord }));
    expectProblem(refused, 422, 'TSR615');
    expect(refused.body.errors[0].path).toMatch(/^\/files\/data\/gizmos\.json\/records\/0\/status/);
    expect((await other.api.get('/api/v1/packages')).body.data).toEqual([]);
    expectProblem(await other.api.get('/api/v1/objects/gizmo/records'), 404, 'TSR110');
  });

  it('lists the bundled packages as available, and refuses non-admins (403)', async () => {
    const { api } = await freshTenant(server);
    const schema = await server.request('GET', '/api/v1/metadata/schemas/package.schema.json');
    expect(schema.status).toBe(200);
    expect(JSON.parse(schema.text)).toMatchObject({
      $id: 'https://tessera.dev/schemas/v1/package.schema.json',
      required: ['namespace', 'name', 'version', 'labels', 'contents'],
    });
    const available = await api.get('/api/v1/packages/available');
    expect(available.status, available.text).toBe(200);
    expect(available.body.data).toContainEqual(expect.objectContaining({ name: 'crm-core', namespace: 'crm', source: 'bundled', installed: null }));
    const slug = `pk_user_${process.pid % 10000}`;
    const tenantToken = await server.createTenant(slug);
    const created = await server.request('POST', '/api/v1/security/users', {
      token: tenantToken,
      body: { email: 'rep@example.com', name: 'rep', password: 'correct horse battery' },
    });
    expect(created.status, created.text).toBe(201);
    const signedIn = await server.request('POST', '/api/v1/auth/sign-in', {
      body: { tenant: slug, email: 'rep@example.com', password: 'correct horse battery' },
    });
    expect(signedIn.status, signedIn.text).toBe(200);
    const cookie = /tessera_session=[^;]+/.exec(signedIn.headers.get('set-cookie') ?? '')?.[0] as string;
    for (const [method, path] of [
      ['GET', '/api/v1/packages'],
      ['GET', '/api/v1/packages/available'],
      ['POST', '/api/v1/packages/plan'],
      ['POST', '/api/v1/packages/install'],
      ['DELETE', '/api/v1/packages/gad'],
    ]) {
      const body = method === 'POST' ? { body: { source: { kind: 'available', name: 'crm-core' } } } : {};
      expectProblem(await server.request(method as string, path as string, { headers: { cookie }, ...body }), 403, 'TSR302');
    }
  });
});
