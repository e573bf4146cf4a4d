// A record's name may be a formula (crm-core's opportunity_contact_role is named "contact ·
// opportunity"). Every place that shows or matches a record by its name must read the formula's
// expression, not a stored column t.<name> that does not exist: found when an import's undo, a
// lookup column of an import and a duplicate refusal answered 500 "column t.label does not exist"
// for an object named by formula. Each surface that names records is exercised here, on every driver.
import type { ObjectDef } from '@tessera/metadata';
import { testDriverKinds } from '@tessera/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const labels = (en: string, zh: string) => ({ en, zh });

/** Named by a formula over two stored fields; code is an external id, a duplicate rule refuses the same code. */
const badge: ObjectDef = {
  apiName: 'badge',
  labels: labels('Badge', '徽章'),
  nameField: 'label',
  fields: [
    { apiName: 'code', type: 'text', labels: labels('Code', '代码'), required: true },
    { apiName: 'tier', type: 'text', labels: labels('Tier', '等级') },
    { apiName: 'label', type: 'formula', returns: 'text', labels: labels('Label', '名称'), expression: { cat: [{ var: 'code' }, '-', { var: 'tier' }] } },
  ],
  duplicateRules: [{ apiName: 'same_code', fields: [{ field: 'code' }], action: 'block' }],
};

const ticket: ObjectDef = {
  apiName: 'ticket',
  labels: labels('Ticket', '工单'),
  nameField: 'title',
  fields: [
    { apiName: 'title', type: 'text', labels: labels('Title', '标题'), required: true },
    { apiName: 'badge', type: 'lookup', target: 'badge', labels: labels('Badge', '徽章') },
  ],
};

const kinds = await testDriverKinds();

describe.each(kinds)('an object named by a formula on %s', (kind) => {
  let server: TestServer;
  let token: string;
  let goldId: string;
  const api = () => server.tenant(token);
  const importCsv = async (object: string, csv: string) => {
    const response = await fetch(`${server.baseUrl}/api/v1/imports/${object}?wait=true`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: csv,
    });
    const text = await response.text();
    expect(response.status, text.slice(0, 1000)).toBe(200);
    return JSON.parse(text) as { id: string; status: string; counts: Record<string, number> };
  };

  beforeAll(async () => {
    server = await startTestServer(kind);
    token = await server.createTenant('formulaname');
    const applied = await api().apply({ objects: [badge, ticket] });
    expect(applied.status, applied.text).toBe(200);
    const gold = await api().post('/api/v1/objects/badge/records', { code: 'B1', tier: 'Gold' });
    expect(gold.status, gold.text).toBe(201);
    goldId = gold.body.id;
  }, 120_000);
  afterAll(async () => server?.close());

  it('lookup search and expand show the formula name', async () => {
    const found = await api().get('/api/v1/objects/badge/lookup?q=Gold');
    expect(found.status, found.text).toBe(200);
    expect(JSON.stringify(found.body)).toContain('B1-Gold');
    const created = await api().post('/api/v1/objects/ticket/records', { title: 'printer', badge: goldId });
    expect(created.status, created.text).toBe(201);
    const read = await api().get(`/api/v1/objects/ticket/records/${created.body.id}?expand=badge`);
    expect(read.status, read.text).toBe(200);
    expect(JSON.stringify(read.body)).toContain('B1-Gold');
  });

  it('a duplicate refusal names the existing record by its formula', async () => {
    const again = await api().post('/api/v1/objects/badge/records', { code: 'B1', tier: 'Silver' });
    expect(again.status, again.text).toBe(409);
    expect(again.body.code).toBe('TSR510');
    expect(JSON.stringify(again.body)).toContain('B1-Gold');
  });

  it("an import's lookup column finds the target by its formula name", async () => {
    const run = await importCsv('ticket', 'title,badge\r\nscanner,B1-Gold\r\n');
    expect(run.status).toBe('done');
    const tickets = (await api().list('ticket', { limit: 10 })).body.data;
    expect(tickets.find((record) => record.title === 'scanner')?.badge).toBe(goldId);
  });

  it('an import into it undoes, and an edited record is named by its formula in the refusal', async () => {
    const first = await importCsv('badge', 'code,tier\r\nB2,Silver\r\nB3,Bronze\r\n');
    expect(first.counts.create).toBe(2);
    const undone = await api().post(`/api/v1/imports/${first.id}/undo`);
    expect(undone.status, undone.text).toBe(200);
    expect(undone.body).toMatchObject({ deleted: 2 });

    const second = await importCsv('badge', 'code,tier\r\nB4,Iron\r\n');
    const iron = (await api().list('badge', { limit: 10 })).body.data.find((record) => record.code === 'B4');
    const edited = await api().patch(`/api/v1/objects/badge/records/${iron.id}`, { tier: 'Steel' }, { 'if-match': String(iron.version) });
    expect(edited.status, edited.text).toBe(200);
    const refused = await api().post(`/api/v1/imports/${second.id}/undo`);
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body.code).toBe('TSR155');
    expect(JSON.stringify(refused.body)).toContain('B4-Steel');
  });
});
