// Issue #19's defect: re-applying a newer definition of an object through plain POST /metadata/apply
// must not drop a field the customer added (and filled) without asking. Every drop of a field or
// object that holds data, in any record (recycle bin included) and of any stored type, is planned
// as destructive: it needs the plan hash and allowDestructive.
import { testDriverKinds } from '@tessera/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../support/api-assertions.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const kinds = await testDriverKinds();

const v1 = () => ({
  apiName: 'gadget',
  labels: { en: 'Gadget' },
  fields: [{ apiName: 'name', type: 'text', labels: { en: 'Name' }, required: true }],
});

const customerFields = [
  { apiName: 'c_text', type: 'text', labels: { en: 'Text' } },
  { apiName: 'c_flag', type: 'boolean', labels: { en: 'Flag' } },
  { apiName: 'c_tags', type: 'multipicklist', labels: { en: 'Tags' }, values: [{ apiName: 'a', labels: { en: 'A' } }] },
  { apiName: 'c_amount', type: 'number', labels: { en: 'Amount' } },
];

const values: Record<string, unknown> = { c_text: '', c_flag: false, c_tags: [], c_amount: 0 };

describe.each(kinds)('destructive drops through plain metadata/apply on %s', (kind) => {
  let server: TestServer;
  let tenants = 0;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(async () => server?.close());

  async function tenantWithCustomerField(field: (typeof customerFields)[number], deleted: boolean) {
    tenants += 1;
    const api = server.tenant(await server.createTenant(`drop_${process.pid % 10000}_${tenants}`));
    const customised = { ...v1(), fields: [...v1().fields, field] };
    expect((await api.apply(customised)).status).toBe(200);
    const created = await api.post('/api/v1/objects/gadget/records', { name: 'kept', [field.apiName]: values[field.apiName] });
    expect(created.status, created.text).toBe(201);
    if (deleted) expect((await api.delete(`/api/v1/objects/gadget/records/${created.body.id}`)).status).toBe(204);
    return api;
  }

  for (const field of customerFields) {
    for (const deleted of [false, true]) {
      it(`a newer definition without ${field.type} ${field.apiName} holding ${JSON.stringify(values[field.apiName])}${deleted ? ' (record in the recycle bin)' : ''} is planned as destructive`, async () => {
        const api = await tenantWithCustomerField(field, deleted);
        const newer = { ...v1(), labels: { en: 'Gadget v2' } };
        const planned = await api.post('/api/v1/metadata/plan', newer);
        expect(planned.status, planned.text).toBe(200);
        expect(planned.body.steps).toContainEqual(expect.objectContaining({ kind: 'drop_column', field: field.apiName, risk: 'destructive', rows: 1 }));
        expect(planned.body).toMatchObject({ destructive: true, requiresPlanHash: true });
        expectProblem(await api.apply(newer), 428, 'TSR219');
        expectProblem(await api.post('/api/v1/metadata/apply', { definition: newer, planHash: planned.body.planHash }), 422, 'TSR220');
        const fields = (await api.get('/api/v1/metadata/objects/gadget')).body.fields.map((f: { apiName: string }) => f.apiName);
        expect(fields).toContain(field.apiName);
      });
    }
  }

  it('removing an object whose records are all in the recycle bin is destructive', async () => {
    const api = await tenantWithCustomerField(customerFields[0]!, true);
    const planned = await api.post('/api/v1/metadata/plan', { objects: [], remove: ['gadget'] });
    expect(planned.status, planned.text).toBe(200);
    expect(planned.body.steps).toEqual([expect.objectContaining({ kind: 'drop_table', risk: 'destructive', rows: 1 })]);
  });
});
