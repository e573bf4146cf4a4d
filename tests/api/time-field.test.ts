// Issue #21, time of day: what the API takes (HH:MM, HH:MM:SS) and prints (HH:MM:SS), what it
// refuses (24:00, 25:61, fractions, garbage: 400 naming the field, nothing saved), filters with
// every comparison agreeing with json-logic-js on the API values, sort, and the planner's
// conversions text → time (refused, naming the count, while a value is not a time) and time → text.
import { applyRule, isTruthy } from '@tessera/metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TenantClient, type TestServer } from '../support/test-server.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are dynamic JSON
type Json = Record<string, any>;
const RECORDS = '/api/v1/objects/shift/records';
const shift = (opensType: 'time' | 'text', extra: Json[] = []) => ({
  apiName: 'shift',
  labels: { en: 'Shift', zh: '班次' },
  fields: [
    { type: 'text', apiName: 'name', labels: { en: 'Name', zh: '名称' } },
    { type: 'time', apiName: 'starts', labels: { en: 'Starts', zh: '开始时间' } },
    { type: opensType, apiName: 'opens', labels: { en: 'Opens', zh: '开门时间' } },
    ...extra,
  ],
});
const WRITTEN = ['00:00', '08:59:59', '09:00', '09:30:15', '12:00', '23:59:59', null];

describe('time fields', () => {
  let server: TestServer;
  let api: TenantClient;
  let listed: Json[] = [];
  const count = async () => (await api.list('shift', { limit: 200 })).body.data.length;

  beforeAll(async () => {
    server = await startTestServer('postgres');
    api = server.tenant(await server.createTenant('timeofday'));
    const applied = await api.apply({ objects: [shift('text')] });
    expect(applied.status, applied.text).toBe(200);
    for (const [index, starts] of WRITTEN.entries()) {
      const created = await api.post(RECORDS, { name: `s${index}`, starts, opens: index === 0 ? 'not a time' : index === 1 ? '7:05' : '07:05' });
      expect(created.status, created.text).toBe(201);
    }
    listed = (await api.list('shift', { limit: 200 })).body.data;
  }, 120_000);
  afterAll(async () => server?.close());

  it('prints HH:MM:SS whether HH:MM or HH:MM:SS was written', () => {
    const printed = WRITTEN.map((time) => listed.find((record) => record.name === `s${WRITTEN.indexOf(time)}`)?.starts);
    expect(printed).toEqual(['00:00:00', '08:59:59', '09:00:00', '09:30:15', '12:00:00', '23:59:59', null]);
  });

  it.each(['24:00', '25:61', '9:30', '09:30:00.5', 'noon', '', 930, '23:60'])('refuses %j with a 400 naming /starts; nothing is saved', async (bad) => {
    const before = await count();
    const refused = await api.post(RECORDS, { name: 'bad', starts: bad });
    expect(refused.status, refused.text).toBe(400);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.errors.map((error: Json) => error.path)).toContain('/starts');
    expect(await count()).toBe(before);
  });

  const rules: unknown[] = [
    { '==': [{ var: 'starts' }, '09:00:00'] },
    { '!=': [{ var: 'starts' }, '09:00:00'] },
    { '<': [{ var: 'starts' }, '09:00:00'] },
    { '<=': [{ var: 'starts' }, '09:00:00'] },
    { '>': [{ var: 'starts' }, '09:00'] },
    { '>=': [{ var: 'starts' }, '12:00:00'] },
    { '<=': ['08:00:00', { var: 'starts' }, '12:00:00'] },
    { '<': ['00:00:00', { var: 'starts' }, '23:59:59'] },
    { in: [{ var: 'starts' }, ['00:00:00', '23:59:59', '09:30']] },
    { '==': [{ var: 'starts' }, null] },
    { '!=': [{ var: 'starts' }, null] },
    { '!': { var: 'starts' } },
  ];
  it.each(rules.map((rule) => [JSON.stringify(rule), rule]))('filter %s selects what json-logic-js selects', async (_name, rule) => {
    const page = await api.list('shift', { filter: JSON.stringify(rule), limit: 200 });
    expect(page.status, page.text).toBe(200);
    const expected = listed.filter((record) => isTruthy(applyRule(rule, record))).map((record) => record.name);
    expect(page.body.data.map((record: Json) => record.name).sort()).toEqual(expected.sort());
  });

  it('sorts by time of day, nulls last both ways', async () => {
    const ascending = await api.list('shift', { sort: 'starts', limit: 200 });
    expect(ascending.body.data.map((record: Json) => record.starts)).toEqual(['00:00:00', '08:59:59', '09:00:00', '09:30:15', '12:00:00', '23:59:59', null]);
    const descending = await api.list('shift', { sort: '-starts', limit: 200 });
    expect(descending.body.data.map((record: Json) => record.starts)).toEqual(['23:59:59', '12:00:00', '09:30:15', '09:00:00', '08:59:59', '00:00:00', null]);
  });

  it('a text field becomes a time only when every value is one; then back to text as HH:MM:SS', async () => {
    const refused = await api.apply({ objects: [shift('time')] });
    expect(refused.status, refused.text).toBe(422);
    const problem = refused.body.errors.find((error: Json) => error.code === 'TSR217');
    expect(problem?.path, refused.text).toBe('/objects/0/fields/2/type');
    // 'not a time' and '7:05' (PostgreSQL would read it; the API would not) are counted.
    expect(problem.message).toContain('2 records');
    for (const [name, opens] of [
      ['s0', ' '],
      ['s1', '07:05'],
    ]) {
      const record = listed.find((candidate) => candidate.name === name);
      expect((await api.patch(`${RECORDS}/${record?.id}`, { opens })).status).toBe(200);
    }
    const plan = await api.post('/api/v1/metadata/plan', { objects: [shift('time')] });
    expect(plan.status, plan.text).toBe(200);
    expect(JSON.stringify(plan.body)).toContain('to_time');
    const applied = await api.post('/api/v1/metadata/apply', { definition: { objects: [shift('time')] }, planHash: plan.body.planHash });
    expect(applied.status, applied.text).toBe(200);
    const converted = (await api.list('shift', { limit: 200, sort: 'name' })).body.data.map((record: Json) => record.opens);
    expect(converted).toEqual([null, ...Array(WRITTEN.length - 1).fill('07:05:00')]);
    const backPlan = await api.post('/api/v1/metadata/plan', { objects: [shift('text')] });
    const back = await api.post('/api/v1/metadata/apply', { definition: { objects: [shift('text')] }, planHash: backPlan.body.planHash });
    expect(back.status, back.text).toBe(200);
    const asText = (await api.list('shift', { limit: 200, sort: 'name' })).body.data.map((record: Json) => record.opens);
    expect(asText).toEqual([null, ...Array(WRITTEN.length - 1).fill('07:05:00')]);
  });

  it('a default must be a time of day (TSR206 naming the default)', async () => {
    const refused = await api.apply({
      objects: [shift('text', [{ type: 'time', apiName: 'closes', labels: { en: 'Closes', zh: '关门时间' }, default: '24:00' }])],
    });
    expect(refused.status, refused.text).toBe(422);
    expect(refused.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'TSR206', path: '/objects/0/fields/3/default' })]));
  });
});
