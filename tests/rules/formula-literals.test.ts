// Formulas whose expressions hold literals (numbers, text with quotes and backslashes, `in` lists)
// and read nothing from the request (no `today`/`now`/`$user`) are compiled into the revision's
// record renderer once, with their constants written into the SQL. Issue #15, defect 1: every
// read of such an object answered 500 TSR900 ("precompile: fragment has bound parameters").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDriverKinds } from '../../runtime/src/db/test-database.ts';
import { expectProblem, listAll } from '../support/api-assertions.ts';
import { startTestServer, type TenantClient, type TestServer } from '../support/test-server.ts';

const kinds = await testDriverKinds();
const labels = (en: string, zh: string) => ({ en, zh });

const DEAL = {
  apiName: 'deal',
  labels: labels('Deal', '交易'),
  fields: [
    { apiName: 'name', type: 'text', labels: labels('Name', '名称'), required: true },
    { apiName: 'amount', type: 'currency', labels: labels('Amount', '金额') },
    { apiName: 'probability', type: 'percent', labels: labels('Probability', '概率') },
    {
      apiName: 'stage',
      type: 'picklist',
      labels: labels('Stage', '阶段'),
      values: ['new', 'won', 'lost'].map((value) => ({ apiName: value, labels: labels(value, value) })),
    },
    // The README's own example: a number literal.
    {
      apiName: 'weighted',
      type: 'formula',
      returns: 'currency',
      labels: labels('Weighted', '加权金额'),
      expression: { '/': [{ '*': [{ var: 'amount' }, { var: 'probability' }] }, 100] },
    },
    // Text literals with a quote, a backslash, a `$1` and 中文: none may be read as SQL.
    { apiName: 'title', type: 'formula', returns: 'text', labels: labels('Title', '标题'), expression: { cat: [{ var: 'name' }, " (it's \\ $1 标)"] } },
    { apiName: 'closed', type: 'formula', returns: 'boolean', labels: labels('Closed', '已关闭'), expression: { in: [{ var: 'stage' }, ['won', 'lost']] } },
    { apiName: 'big', type: 'formula', returns: 'boolean', labels: labels('Big', '大单'), expression: { '>': [{ var: 'weighted' }, 1000.5] } },
  ],
};

const expected = (record: { name: string; amount: number | null; probability: number | null; stage: string | null }) => {
  // json-logic-js's `*` reads null as NaN (parseFloat), which a formula returns as null.
  const weighted = record.amount === null || record.probability === null ? null : Math.round(record.amount * record.probability) / 100;
  return {
    weighted,
    title: `${record.name} (it's \\ $1 标)`,
    closed: record.stage === 'won' || record.stage === 'lost',
    big: (weighted ?? 0) > 1000.5,
  };
};

describe.each(kinds)('formulas with literals on %s', (kind) => {
  let server: TestServer;
  let api: TenantClient;
  const records = [
    { name: 'alpha', amount: 12000, probability: 50, stage: 'new' },
    { name: "O'Brien", amount: 1500, probability: 10, stage: 'won' },
    { name: '华为', amount: null, probability: 30, stage: 'lost' },
    { name: 'zero', amount: 0, probability: null, stage: null },
  ];
  const ids: string[] = [];

  beforeAll(async () => {
    server = await startTestServer(kind);
    api = server.tenant(await server.createTenant('literals'));
    const applied = await api.apply({ objects: [DEAL] });
    expect(applied.status, applied.text).toBe(200);
  });
  afterAll(async () => server?.close());

  it('creates records and returns the formulas computed', async () => {
    for (const record of records) {
      const created = await api.post('/api/v1/objects/deal/records', record);
      expect(created.status, created.text).toBe(201);
      expect(created.body).toMatchObject(expected(record));
      ids.push(created.body.id);
    }
  });

  it('gets each record with its formulas', async () => {
    for (const [i, id] of ids.entries()) {
      const got = await api.get(`/api/v1/objects/deal/records/${id}`);
      expect(got.status, got.text).toBe(200);
      expect(got.body).toMatchObject(expected(records[i] as (typeof records)[number]));
    }
  });

  it('lists, filters and sorts on the formulas', async () => {
    const all = await listAll(api, 'deal', { limit: 2, sort: '-weighted' });
    // Nulls last, ties in id (creation) order.
    expect(all.map((record) => record.name)).toEqual(['alpha', "O'Brien", '华为', 'zero']);
    const closed = await api.list('deal', { filter: JSON.stringify({ '==': [{ var: 'closed' }, true] }), sort: 'name' });
    expect(closed.status, closed.text).toBe(200);
    expect(closed.body.data.map((record) => record.name)).toEqual(["O'Brien", '华为']);
    const titled = await api.list('deal', { filter: JSON.stringify({ in: ["it's \\ $1", { var: 'title' }] }), fields: 'title' });
    expect(titled.status, titled.text).toBe(200);
    expect(titled.body.data).toHaveLength(records.length);
  });
});

describe.each(kinds)('formula literals PostgreSQL cannot hold, on %s', (kind) => {
  let server: TestServer;
  let api: TenantClient;
  beforeAll(async () => {
    server = await startTestServer(kind);
    api = server.tenant(await server.createTenant('nul'));
  });
  afterAll(async () => server?.close());

  // Refused at the edge for every body and query, before any rule is compiled.
  it('refuses a NUL character in a rule literal, in metadata and in a filter', async () => {
    const field = { apiName: 'bad', type: 'formula', returns: 'text', labels: labels('Bad', '坏'), expression: { cat: [{ var: 'name' }, 'a\u0000b'] } };
    const applied = await api.apply({ objects: [{ ...DEAL, fields: [...DEAL.fields, field] }] });
    expectProblem(applied, 400, 'TSR120', [{ path: `/objects/0/fields/${DEAL.fields.length}/expression/cat/1`, code: 'TSR120' }], true);
    expect((await api.apply({ objects: [DEAL] })).status).toBe(200);
    const filtered = await api.list('deal', { filter: JSON.stringify({ '==': [{ var: 'name' }, 'a\u0000b'] }) });
    expect(filtered.status, filtered.text).toBe(400);
  });
});
