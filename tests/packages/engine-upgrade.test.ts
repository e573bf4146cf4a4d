// Package upgrade as a three-way merge over HTTP: the tenant's own changes to a package object
// (a field with data, a relabelled package field, a new picklist value, a field hidden from the
// layout) survive an upgrade while the new version's additions arrive; a real conflict is refused
// naming both sides and accepted with an explicit resolution; downgrades and dependency problems
// are refused; uninstall is refused while depended on or holding data, and purges on request.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testDriverKinds } from '@tessera/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../support/api-assertions.ts';
import { startTestServer, type TenantClient, type TestServer } from '../support/test-server.ts';
import { bundleSource, expectUnchanged, fixture, freshTenant, reviewed } from './engine-support.ts';

const kinds = await testDriverKinds();
const V1 = () => bundleSource(fixture('gadgets-v1'));
const V2 = () => bundleSource(fixture('gadgets-v2'));
const gizmoV1 = (): any => JSON.parse(readFileSync(join(fixture('gadgets-v1'), 'objects/gizmo.json'), 'utf8'));
const fieldOf = (object: any, name: string): any => object.fields.find((field: any) => field.apiName === name);
const layoutFields = (object: any): string[] => object.layouts[0].sections.flatMap((section: any) => section.fields.map((item: any) => item.field));

/** The tenant's customisation of the package object: what the upgrade must keep. */
function customised(): any {
  const gizmo = gizmoV1();
  gizmo.fields.push({ apiName: 'serial', type: 'text', labels: { en: 'Serial' } });
  fieldOf(gizmo, 'name').labels.en = 'Gizmo name';
  fieldOf(gizmo, 'status').values.push({ apiName: 'tenant_special', labels: { en: 'Special' } });
  gizmo.layouts[0].sections[0].fields = gizmo.layouts[0].sections[0].fields.filter((item: any) => item.field !== 'weight');
  return gizmo;
}

describe.each(kinds)('package engine: upgrade and uninstall on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(async () => server?.close());

  async function installedV1(): Promise<{ api: TenantClient; schema: string }> {
    const tenant = await freshTenant(server);
    await reviewed(tenant.api, 'install', { source: V1() });
    return tenant;
  }

  it('keeps the tenant-owned changes (field with data, relabel, picklist value, hidden field) and brings v2', async () => {
    const { api, schema } = await installedV1();
    const applied = await api.apply(customised());
    expect(applied.status, applied.text).toBe(200);
    const serial = await api.post('/api/v1/objects/gizmo/records', { name: 'Mine', serial: 'SN-1', status: 'tenant_special', notes: 'old notes' });
    expect(serial.status, serial.text).toBe(201);

    // A plain apply that changes package-owned parts is refused, naming each path and the owner.
    const owned = customised();
    fieldOf(owned, 'weight').scale = 4;
    owned.fields = owned.fields.filter((field: any) => field.apiName !== 'notes');
    owned.layouts[0].sections[0].fields = owned.layouts[0].sections[0].fields.filter((item: any) => item.field !== 'notes');
    const refused = await expectUnchanged(server, schema, () => api.apply(owned));
    expectProblem(refused, 409, 'TSR606', [
      { path: '/fields/2', code: 'TSR606' },
      { path: '', code: 'TSR606' },
    ]);
    expect(refused.body.errors.map((error: any) => error.message)).toEqual([
      'gizmo.weight.scale (changed) belongs to package gad',
      'gizmo.notes (removed) belongs to package gad',
    ]);
    expectProblem(await expectUnchanged(server, schema, () => api.post('/api/v1/metadata/apply', { objects: [], remove: ['gizmo'] })), 409, 'TSR606', [
      { path: '/remove/0', code: 'TSR606' },
    ]);

    const plan = await api.post('/api/v1/packages/plan', { source: V2() });
    expect(plan.status, plan.text).toBe(200);
    expect(plan.body).toMatchObject({
      operation: 'upgrade',
      namespace: 'gad',
      from: '1.0.0',
      to: '1.1.0',
      conflicts: [],
      deprecated: ['/gizmo/fields/notes'],
      sampleData: { records: 0 },
    });
    const upgraded = await api.post('/api/v1/packages/upgrade', { source: V2(), planHash: plan.body.planHash });
    expect(upgraded.status, upgraded.text).toBe(200);
    expect(upgraded.body).toMatchObject({ operation: 'upgrade', namespace: 'gad', version: '1.1.0', records: 0 });

    const gizmo = (await api.get('/api/v1/metadata/objects/gizmo')).body;
    expect(fieldOf(gizmo, 'serial')).toBeDefined();
    expect(fieldOf(gizmo, 'name').labels).toEqual({ en: 'Gizmo name', zh: '名称' });
    expect(fieldOf(gizmo, 'status').values.map((value: any) => value.apiName)).toEqual(['new', 'used', 'tenant_special', 'refurbished']);
    expect(layoutFields(gizmo)).toEqual(['name', 'status']);
    // v2's changes: a relabel, a new field, a new object; notes was removed while holding data: kept, off the layout.
    expect(fieldOf(gizmo, 'weight').labels.en).toBe('Weight (kg)');
    expect(fieldOf(gizmo, 'color')).toBeDefined();
    expect(fieldOf(gizmo, 'notes')).toBeDefined();
    expect((await api.get('/api/v1/metadata/objects/gizmo_part')).status).toBe(200);
    const record = (await api.get(`/api/v1/objects/gizmo/records/${serial.body.id}`)).body;
    expect(record).toMatchObject({ serial: 'SN-1', status: 'tenant_special', notes: 'old notes', color: null });
    const row = (await api.get('/api/v1/packages')).body.data[0];
    expect(row).toMatchObject({ namespace: 'gad', version: '1.1.0', objects: ['gizmo', 'gizmo_part'], deprecated: ['/gizmo/fields/notes'] });
    expect(typeof row.upgradedAt).toBe('string');

    // Downgrade and same-version upgrades are refused; nothing changes.
    expectProblem(await expectUnchanged(server, schema, () => api.post('/api/v1/packages/upgrade', { source: V1() })), 409, 'TSR604', [
      { path: '/manifest/version', code: 'TSR604' },
    ]);
    expectProblem(await expectUnchanged(server, schema, () => api.post('/api/v1/packages/plan', { source: V2() })), 409, 'TSR616');
  });

  it('refuses a real conflict naming both sides, and accepts it with an explicit resolution', async () => {
    const { api, schema } = await installedV1();
    const gizmo = gizmoV1();
    fieldOf(gizmo, 'weight').labels.en = 'Mass';
    expect((await api.apply(gizmo)).status).toBe(200);
    for (const route of ['plan', 'upgrade']) {
      const refused = await expectUnchanged(server, schema, () => api.post(`/api/v1/packages/${route}`, { source: V2() }));
      expectProblem(refused, 409, 'TSR605', [{ path: '/gizmo/fields/weight/labels/en', code: 'TSR605' }], true);
      expect(refused.body.conflicts).toEqual([
        { path: '/gizmo/fields/weight/labels/en', object: 'gizmo', field: 'weight', property: 'labels.en', package: 'Weight (kg)', tenant: 'Mass' },
      ]);
    }
    const resolutions = [{ path: '/gizmo/fields/weight/labels/en', take: 'tenant' }];
    await reviewed(api, 'upgrade', { source: V2(), resolutions });
    const weight = fieldOf((await api.get('/api/v1/metadata/objects/gizmo')).body, 'weight');
    expect(weight.labels).toEqual({ en: 'Mass', zh: '重量' });
  });

  it('resolves dependencies by semver: missing, conflicting and cyclic ones are refused with every reason', async () => {
    const { api, schema } = await freshTenant(server);
    const addons = bundleSource(fixture('gadget-addons'));
    const missing = await expectUnchanged(server, schema, () => api.post('/api/v1/packages/install', { source: addons }));
    expectProblem(
      missing,
      422,
      'TSR601',
      [
        { path: '/manifest/dependencies/gad', code: 'TSR601' },
        { path: '/files/objects/addon.json/fields/1/target', code: 'TSR600' },
      ],
      true,
    );
    await reviewed(api, 'install', { source: V1() });
    const installed = await reviewed(api, 'install', { source: addons });
    expect(installed.plan.dependencies).toEqual([{ namespace: 'gad', range: '^1.0.0', installed: '1.0.0', ok: true }]);
    const major = bundleSource(fixture('gadgets-v2'), (files) => {
      files['tessera.json'].version = '2.0.0';
      files['tessera.json'].dependencies = { gadx: '*' };
    });
    const refused = await expectUnchanged(server, schema, () => api.post('/api/v1/packages/upgrade', { source: major }));
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body.errors.map((error: any) => `${error.code} ${error.path}`)).toEqual(['TSR602 /manifest/version', 'TSR603 /manifest/dependencies']);
    expect(refused.body.errors[1].message).toBe('dependency cycle: gad → gadx → gad');
  });

  it('refuses to uninstall while depended on or holding data, and purges when asked with the reviewed plan', async () => {
    const { api, schema } = await installedV1();
    await reviewed(api, 'install', { source: bundleSource(fixture('gadget-addons')) });
    const depended = await expectUnchanged(server, schema, () => api.delete('/api/v1/packages/gad'));
    expectProblem(
      depended,
      409,
      'TSR610',
      [
        { path: '/dependants/gadx', code: 'TSR610' },
        { path: '/objects/gizmo', code: 'TSR611' },
      ],
      true,
    );
    const addonPlan = await api.post('/api/v1/packages/plan', { uninstall: 'gadx' });
    expect(addonPlan.body).toMatchObject({ operation: 'uninstall', namespace: 'gadx', from: '1.0.0', to: null, destructive: false });
    expect((await api.delete('/api/v1/packages/gadx')).status).toBe(200);

    expectProblem(
      await expectUnchanged(server, schema, () => api.delete('/api/v1/packages/gad')),
      409,
      'TSR611',
      [{ path: '/objects/gizmo', code: 'TSR611' }],
      true,
    );
    const plan = await api.post('/api/v1/packages/plan', { uninstall: 'gad', purge: true });
    expect(plan.status, plan.text).toBe(200);
    expect(plan.body).toMatchObject({ operation: 'uninstall', destructive: true, requiresPlanHash: true });
    expect(plan.body.steps).toEqual([expect.objectContaining({ kind: 'drop_table', object: 'gizmo', risk: 'destructive', rows: 2 })]);
    expectProblem(await expectUnchanged(server, schema, () => api.delete('/api/v1/packages/gad?purge=true')), 428, 'TSR219');
    const purged = await api.delete(`/api/v1/packages/gad?purge=true&planHash=${plan.body.planHash}`);
    expect(purged.status, purged.text).toBe(200);
    expect(purged.body).toMatchObject({ operation: 'uninstall', namespace: 'gad', version: null });
    expect((await api.get('/api/v1/packages')).body.data).toEqual([]);
    expectProblem(await api.get('/api/v1/objects/gizmo/records'), 404, 'TSR110');
    const roles = (await api.get('/api/v1/security/roles')).body.data.map((role: any) => role.name);
    expect(roles).not.toContain('gad_keeper');
    expectProblem(await api.delete('/api/v1/packages/gad'), 404, 'TSR608');
    // A purge is the planner's destructive drop: recoverable until `tessera metadata purge`, so a
    // reinstall restores the table and its records like any re-added object.
    const again = await reviewed(api, 'install', { source: V1(), sampleData: false });
    expect(again.plan.steps.map((step: any) => step.kind)).toContain('restore_table');
    expect((await api.list('gizmo')).body.data).toHaveLength(2);
  });
});
