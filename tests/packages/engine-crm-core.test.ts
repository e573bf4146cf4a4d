// The shipped packages/crm-core through the engine: installed by name (the repository's packages/
// folder) and from its `npm pack` tarball, with its roles, permission sets and sample data in one
// transaction; then uninstall is refused while its objects hold data. Its case type controls the
// case reason (a dependent picklist) from the first install.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { testDriverKinds } from '@tessera/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../support/api-assertions.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { expectUnchanged, freshTenant, reviewed, tarballSource } from './engine-support.ts';

const kinds = await testDriverKinds();
const CRM_CORE = fileURLToPath(new URL('../../packages/crm-core/', import.meta.url));
const manifest = JSON.parse(readFileSync(`${CRM_CORE}tessera.json`, 'utf8'));

describe.each(kinds)('packages/crm-core through the engine on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(async () => server?.close());

  for (const [how, source] of [
    ['by name', () => ({ kind: 'available', name: 'crm-core' })],
    ['from its npm pack tarball', () => tarballSource(CRM_CORE)],
  ] as const) {
    it(`installs ${how} with security and sample data in one transaction`, async () => {
      const { api, schema } = await freshTenant(server, 'crm');
      const { plan, applied } = await reviewed(api, 'install', { source: source() });
      expect(plan).toMatchObject({ operation: 'install', namespace: 'crm', to: manifest.version });
      expect(applied).toMatchObject({ namespace: 'crm', version: manifest.version });
      expect(applied.records).toBe(plan.sampleData.records);
      expect(applied.records).toBeGreaterThan(0);
      const installed = (await api.get('/api/v1/packages')).body.data;
      expect(installed).toEqual([expect.objectContaining({ namespace: 'crm', name: 'crm-core', version: manifest.version })]);
      expect(installed[0].objects).toEqual(expect.arrayContaining(['account', 'contact', 'lead', 'opportunity', 'case']));
      expect((await api.list('account')).body.data.length).toBeGreaterThan(0);
      const sets = (await api.get('/api/v1/security/permission-sets')).body.data.map((set: any) => set.name);
      expect(sets).toEqual(expect.arrayContaining(['sales_rep', 'sales_manager']));
      expect((await api.get('/api/v1/packages/available')).body.data).toContainEqual(
        expect.objectContaining({ name: 'crm-core', installed: manifest.version }),
      );
      expectProblem(await expectUnchanged(server, schema, () => api.delete('/api/v1/packages/crm')), 409, 'TSR611');
    });
  }

  it('ships a dependent picklist out of the box: the case type decides the case reasons', async () => {
    const { api } = await freshTenant(server, 'crmdep');
    await reviewed(api, 'install', { source: { kind: 'available', name: 'crm-core' } });
    const cases = (await api.list('case', { limit: 200 })).body.data;
    expect(cases).toContainEqual(expect.objectContaining({ case_type: 'problem', case_reason: 'outage' }));
    const refused = await api.post('/api/v1/objects/case/records', { subject: '发票', case_type: 'question', case_reason: 'outage' });
    expect(refused.status, refused.text).toBe(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: '/case_reason', code: 'TSR415', allowed: ['usage', 'billing'] })]);
    const saved = await api.post('/api/v1/objects/case/records', { subject: '发票', case_type: 'question', case_reason: 'billing' });
    expect(saved.status, saved.text).toBe(201);
    const form = await api.get('/api/v1/forms/case?mode=create');
    expect(form.body.dependencies).toContainEqual(expect.objectContaining({ field: 'case_reason', controllingField: 'case_type' }));
  });
});
