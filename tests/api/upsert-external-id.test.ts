// Issue #20: `externalId: true` on a live field. Adding it plans the unique index (visible in the
// plan with its row count) and is refused while records share a value, naming them (TSR217);
// once the data is unique it applies, and the value is unique among live records only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TenantClient, type TestServer } from '../support/test-server.ts';

const labels = { en: 'Product', zh: '产品' };
const product = (externalId: boolean) => ({
  apiName: 'product',
  labels,
  fields: [
    { apiName: 'name', type: 'text', labels: { en: 'Name', zh: '名称' } },
    { apiName: 'sku', type: 'text', labels: { en: 'SKU', zh: '货号' }, ...(externalId ? { externalId: true } : {}) },
  ],
});
const RECORDS = '/api/v1/objects/product/records';

describe('externalId on a live field', () => {
  let server: TestServer;
  let api: TenantClient;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer('postgres');
    token = await server.createTenant('extid');
    api = server.tenant(token);
    expect((await api.apply({ objects: [product(false)] })).status).toBe(200);
  }, 120_000);
  afterAll(async () => server?.close());

  it('is refused while two live records share a value, naming them; applies once unique', async () => {
    const first = await api.post(RECORDS, { name: 'One', sku: 'S-1' });
    const second = await api.post(RECORDS, { name: 'Two', sku: 'S-1' });
    // Both the plan and the apply refuse, naming the records that share a value.
    for (const refused of [await api.post('/api/v1/metadata/plan', { objects: [product(true)] }), await api.apply({ objects: [product(true)] })]) {
      expect(refused.status).toBe(422);
      const problem = refused.body.errors.find((error: { code: string }) => error.code === 'TSR217');
      expect(problem.path).toBe('/objects/0/fields/1/unique');
      expect(problem.message).toContain(first.body.id);
      expect(problem.message).toContain(second.body.id);
    }
    // A deleted record does not count: unique among live records. The plan then shows the index with its row count.
    expect((await api.delete(`${RECORDS}/${second.body.id}`)).status).toBe(204);
    const plan = await api.post('/api/v1/metadata/plan', { objects: [product(true)] });
    expect(plan.status, plan.text).toBe(200);
    expect(JSON.stringify(plan.body)).toContain('add_unique');
    const applied = await api.apply({ objects: [product(true)] });
    expect(applied.status, applied.text).toBe(200);
    const again = await api.post(RECORDS, { name: 'Three', sku: 'S-1' });
    expect(again.status).toBe(409);
    expect(again.body.errors).toEqual([expect.objectContaining({ path: '/sku' })]);
    const upsert = await server.request('PUT', '/api/v1/objects/product/records/by/sku/S-1', { token, body: { name: 'One, renamed' } });
    expect(upsert.status, upsert.text).toBe(200);
    expect(upsert.body.id).toBe(first.body.id);
  });
});
