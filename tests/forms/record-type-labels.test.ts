// Issue #21: picklist labels written in place of api names still meet the record type's subset.
// 'direct' deals do not offer negotiation: writing its label ("谈判", "NEGOTIATION") is refused the
// same way as its api name, naming the record type and what it allows; 'partner' deals accept it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companyDef, dealDef } from '../fixtures/form-objects.ts';
import { startTestServer, type TenantClient, type TestServer } from '../support/test-server.ts';

const DEALS = '/api/v1/objects/deal/records';
let server: TestServer;
let api: TenantClient;

beforeAll(async () => {
  server = await startTestServer();
  api = server.tenant(await server.createTenant('type_labels'));
  const applied = await api.apply({ objects: [companyDef, dealDef] });
  expect(applied.status, applied.text).toBe(200);
});
afterAll(async () => server?.close());

describe('labels and record type subsets', () => {
  it.each(['negotiation', '谈判', 'NEGOTIATION'])('a direct deal refuses %s, naming its record type and allowed values', async (stage) => {
    const refused = await api.post(DEALS, { name: 'D', stage });
    expect(refused.status, refused.text).toBe(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: '/stage', code: 'TSR405', allowed: expect.not.arrayContaining(['negotiation']) })]);
    expect(refused.body.errors[0].message).toContain("record type 'direct'");
  });

  it.each(['谈判', 'Negotiation'])('a partner deal stores %s as negotiation', async (stage) => {
    const created = await api.post(DEALS, { name: 'P', record_type: 'partner', stage });
    expect(created.status, created.text).toBe(201);
    expect(created.body.stage).toBe('negotiation');
  });
});
