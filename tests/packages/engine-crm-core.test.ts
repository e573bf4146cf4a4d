// The shipped packages/crm-core through the engine: installed by name (the repository's packages/
// folder) and from its `npm pack` tarball, with its roles, permission sets and sample data in one
// transaction; then uninstall is refused while its objects hold data.
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
});
