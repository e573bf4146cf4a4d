// Read → change → send back: every object of every shipped package, read with
// `GET /metadata/objects/:object?as=definition`, applies unchanged as a no-op (changed: false).
// The normalised form the route answers by default carries storage names (sequence, constraint)
// that apply refuses, so a client that sent it back was refused (found writing the crm-core
// upgrade test). Objects come from the packages, so a new package or object joins by itself.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { testDriverKinds } from '@tessera/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../support/api-assertions.ts';
import { startTestServer, type TenantClient, type TestServer } from '../support/test-server.ts';

const kinds = await testDriverKinds();
const PACKAGES = fileURLToPath(new URL('../../packages/', import.meta.url));
// Dependencies first: crm-core, then the packages that need it.
const packageNames = readdirSync(PACKAGES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort((a, b) => (a === 'crm-core' ? -1 : b === 'crm-core' ? 1 : a.localeCompare(b)));

describe.each(kinds)('metadata read as a definition applies back unchanged on %s', (kind) => {
  let server: TestServer;
  let api: TenantClient;
  let objects: string[] = [];
  beforeAll(async () => {
    server = await startTestServer(kind);
    api = server.tenant(await server.createTenant('roundtrip'));
    for (const name of packageNames) {
      const body = { source: { kind: 'available', name } };
      const plan = await api.post('/api/v1/packages/plan', body);
      expect(plan.status, plan.text).toBe(200);
      const installed = await api.post('/api/v1/packages/install', { ...body, planHash: plan.body.planHash });
      expect(installed.status, installed.text).toBe(200);
    }
    objects = (await api.get('/api/v1/metadata')).body.objects.map((object: { apiName: string }) => object.apiName);
  });
  afterAll(async () => server?.close());

  it('covers every object of every package', () => {
    console.log(`metadata round trip: ${objects.length} objects from ${packageNames.join(', ')}`);
    expect(packageNames).toContain('crm-core');
    expect(objects.length).toBeGreaterThanOrEqual(packageNames.length * 2);
  });

  it('applies each definition back as a no-op', async () => {
    const refused: string[] = [];
    for (const name of objects) {
      const definition = await api.get(`/api/v1/metadata/objects/${name}?as=definition`);
      expect(definition.status, definition.text).toBe(200);
      const applied = await api.apply(definition.body);
      if (applied.status !== 200 || applied.body.changed !== false) refused.push(`${name}: ${applied.status} ${applied.text.slice(0, 400)}`);
    }
    expect(refused).toEqual([]);
  });

  it("refuses an unknown 'as' with 400 naming the parameter", async () => {
    expectProblem(await api.get('/api/v1/metadata/objects/account?as=yaml'), 400, 'TSR102', [{ path: 'as', code: 'TSR102' }]);
  });
});
