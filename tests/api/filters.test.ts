// Every filter operator through `GET …/records?filter=` agrees with json-logic-js evaluated on the
// same records as the API renders them; malformed filters are refused with a code and a filter path.
import { registerTesseraOperators } from '@tessera/metadata';
import { testDriverKinds } from '@tessera/runtime';
import jsonLogic from 'json-logic-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crmBundle } from '../fixtures/crm-objects.ts';
import { expectProblem, listAll } from '../support/api-assertions.ts';
import { startTestServer, type TenantClient, type TestServer } from '../support/test-server.ts';

registerTesseraOperators(jsonLogic);

const kinds = await testDriverKinds();
const v = (name: string) => ({ var: name });
const pick = <T>(values: T[], index: number): T => values[index % values.length] as T;

const names = [
  'Acme',
  'acme corp',
  'ACME Corp',
  '华为 Huawei',
  'huawei',
  '华为',
  'Zebra',
  'zebra',
  '5',
  '10',
  "O'Brien",
  'Ünïcode',
  'abc',
  'Ab',
  '北京 Beijing',
];
const descriptions = [null, '', 'First deal', 'first DEAL', '续约 renewal', 'Partner-led'];
const amounts = [null, 0, 5, 5.5, 10, 100, 1000000, 0.01, 50, 2, 7, null, 3.25];
const quantities = [null, 0, -1, -100, 1, 2, 10, 5, -3];
const probabilities = [null, 0, 10, 50, 75.5, 100];
const priorities = [null, true, false];
const closeDates = [null, '2024-01-01', '2023-12-31', '2024-02-29', '2024-12-31', '1999-01-01', '2030-06-15'];
const contacts = [
  null,
  '2024-01-01T00:00:00.000Z',
  '2023-12-31T23:59:59.999Z',
  '2024-06-15T12:30:00.500Z',
  '2025-01-01T00:00:00.000Z',
  '2024-01-01T00:00:00.001Z',
];
const stages = ['prospecting', 'qualification', 'proposal', 'won', 'lost', null];
const tagSets = [null, [], ['vip'], ['vip', 'renewal'], ['partner'], ['renewal'], ['partner', 'vip', 'renewal']];

describe.each(kinds)('list filters on %s', (kind) => {
  let server: TestServer;
  let api: TenantClient;
  let rows: Array<Record<string, any>>;
  let accounts: string[];

  beforeAll(async () => {
    server = await startTestServer(kind);
    api = server.tenant(await server.createTenant('filters'));
    expect((await api.apply(crmBundle)).status).toBe(200);
    accounts = [];
    for (const name of ['Alpha', 'Beta', 'Gamma']) accounts.push((await api.post('/api/v1/objects/account/records', { name })).body.id);
    for (let i = 0; i < 32; i++) {
      const created = await api.post('/api/v1/objects/opportunity/records', {
        name: pick(names, i),
        description: pick(descriptions, i * 5),
        amount: pick(amounts, i * 7),
        quantity: pick(quantities, i * 5),
        probability: pick(probabilities, i * 7),
        is_priority: pick(priorities, i),
        close_date: pick(closeDates, i * 3),
        last_contact: pick(contacts, i * 5),
        stage: pick(stages, i),
        tags: pick(tagSets, i * 3),
        account: pick([null, ...accounts], i),
        code: i % 4 === 0 ? null : `C-${i}`,
      });
      expect(created.status, created.text).toBe(201);
    }
    rows = await listAll(api, 'opportunity', { limit: 200 });
    expect(rows).toHaveLength(32);
  });

  afterAll(async () => {
    await server?.close();
  });

  const filters = (): unknown[] => [
    // number / currency / percent
    { '==': [v('amount'), 5] },
    { '==': [v('amount'), 0] },
    { '!=': [v('amount'), 0] },
    { '===': [v('amount'), 5.5] },
    { '!==': [v('amount'), 5] },
    { '==': [v('amount'), null] },
    { '!=': [v('amount'), null] },
    { '<': [v('amount'), 5] },
    { '<=': [v('amount'), 5] },
    { '>': [v('amount'), 5] },
    { '>=': [v('amount'), 50] },
    { '<': [0, v('amount'), 100] },
    { '<=': [5, v('amount'), 100] },
    { '<': [v('quantity'), 0] },
    { '>=': [v('quantity'), -1] },
    { '==': [v('quantity'), -100] },
    { '<=': [-3, v('quantity'), 1] },
    { '>': [v('probability'), 50] },
    { '==': [v('probability'), 75.5] },
    { '<': [v('amount'), v('quantity')] },
    { '==': [{ var: ['quantity', 0] }, 0] },
    { '>': [{ var: ['amount', 1] }, 0] },
    { in: [v('amount'), [5, 10, 100]] },
    { '!': { in: [v('quantity'), [0, 1, 2]] } },
    // text and picklist
    { '==': [v('name'), 'Acme'] },
    { '!=': [v('name'), 'Acme'] },
    { '===': [v('name'), '华为'] },
    { '!==': [v('name'), 'huawei'] },
    { '<': [v('name'), 'a'] },
    { '>=': [v('name'), '华'] },
    { in: [v('name'), ['Acme', 'Zebra', '华为']] },
    { in: ['cme', v('name')] },
    { in: ['华为', v('name')] },
    { '!': { in: ['Corp', v('name')] } },
    { starts_with: [v('name'), 'Acme'] },
    { starts_with: [v('name'), '华为'] },
    { ends_with: [v('name'), 'Corp'] },
    { ends_with: [v('name'), 'Huawei'] },
    { icontains: [v('name'), 'ACME'] },
    { icontains: [v('name'), 'huawei'] },
    { icontains: [v('description'), 'deal'] },
    { icontains: [v('name'), "o'b"] },
    { '==': [v('description'), ''] },
    { '==': [v('description'), null] },
    v('description'),
    { '!': v('description') },
    { '==': [v('stage'), 'won'] },
    { '!=': [v('stage'), 'won'] },
    { in: [v('stage'), ['won', 'lost']] },
    { '==': [v('stage'), null] },
    { '==': [v('code'), null] },
    { starts_with: [v('code'), 'C-1'] },
    // boolean
    { '==': [v('is_priority'), true] },
    { '==': [v('is_priority'), false] },
    { '===': [v('is_priority'), false] },
    { '!=': [v('is_priority'), true] },
    v('is_priority'),
    { '!': v('is_priority') },
    { '!!': v('is_priority') },
    // date and datetime
    { '==': [v('close_date'), '2024-01-01'] },
    { '<': [v('close_date'), '2024-01-01'] },
    { '>=': [v('close_date'), '2024-02-29'] },
    { '<=': ['2024-01-01', v('close_date'), '2024-12-31'] },
    { '!': { '<=': ['2024-01-01', v('close_date'), '2024-12-31'] } },
    { '==': [v('last_contact'), '2024-01-01T00:00:00.000Z'] },
    { '>': [v('last_contact'), '2024-01-01T00:00:00.000Z'] },
    { '<=': [v('last_contact'), '2023-12-31T23:59:59.999Z'] },
    { '<': ['2024-01-01T00:00:00.000Z', v('last_contact'), '2025-01-01T00:00:00.000Z'] },
    // multipicklist
    { in: ['vip', v('tags')] },
    { '!': { in: ['vip', v('tags')] } },
    { in: ['renewal', v('tags')] },
    { '!!': v('tags') },
    { '==': [v('tags'), null] },
    // lookup
    { '==': [v('account'), accounts[0]] },
    { '!=': [v('account'), accounts[0]] },
    { in: [v('account'), [accounts[1], accounts[2]]] },
    { '==': [v('account'), null] },
    { '!!': v('account') },
    // and / or / not combinations
    { and: [{ '>': [v('amount'), 1] }, v('is_priority')] },
    { or: [{ '==': [v('stage'), 'won'] }, { in: ['vip', v('tags')] }] },
    { '!': { and: [v('is_priority'), { '<': [v('amount'), 10] }] } },
    { or: [{ and: [v('name'), { '!': v('is_priority') }] }, { '==': [v('account'), accounts[1]] }] },
    { and: [{ '>=': [v('close_date'), '2024-01-01'] }, { icontains: [v('name'), 'a'] }, { '!=': [v('quantity'), null] }] },
    { '!': { '!': { '==': [v('stage'), 'proposal'] } } },
    // a bare literal is a JsonLogic rule too: every row or none
    'amount',
    false,
  ];

  it('agrees with json-logic-js on every operator and field type', async () => {
    const list = filters();
    expect(list.length).toBeGreaterThanOrEqual(60);
    const disagreements: string[] = [];
    for (const rule of list) {
      const expected = rows.filter((row) => jsonLogic.truthy(jsonLogic.apply(rule as never, row))).map((row) => row.id as string);
      // Small pages, so filtered paging is exercised too.
      const got = await listAll(api, 'opportunity', { filter: JSON.stringify(rule), limit: 7 });
      const gotIds = got.map((row) => row.id as string);
      expect(new Set(gotIds).size, JSON.stringify(rule)).toBe(gotIds.length);
      if (JSON.stringify([...gotIds].sort()) !== JSON.stringify([...expected].sort())) {
        disagreements.push(`${JSON.stringify(rule)}: api ${gotIds.length} rows, json-logic ${expected.length} rows`);
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('selects something and leaves something out for most filters (the battery is not vacuous)', () => {
    const list = filters();
    const discriminating = list.filter((rule) => {
      const matches = rows.filter((row) => jsonLogic.truthy(jsonLogic.apply(rule as never, row))).length;
      return matches > 0 && matches < rows.length;
    });
    expect(discriminating.length).toBeGreaterThanOrEqual(list.length - 6);
  });

  it('combines a filter with a sort and keeps the filter across cursor pages', async () => {
    const rule = { '!=': [v('amount'), null] };
    const got = await listAll(api, 'opportunity', { filter: JSON.stringify(rule), sort: '-amount,name', limit: 3 });
    const amountsSeen = got.map((row) => row.amount as number);
    expect(amountsSeen).toEqual([...amountsSeen].sort((a, b) => b - a));
    expect(got).toHaveLength(rows.filter((row) => row.amount !== null).length);
  });

  const refusals: Array<[string, string, string, string]> = [
    ['not JSON', '{"==":[{"var":"amount"},5]', 'TSR103', 'filter'],
    ['unknown field', JSON.stringify({ '==': [v('nope'), 1] }), 'TSR103', 'filter/==/0/var'],
    ['unsupported operator', JSON.stringify({ regex: [v('name'), '.*'] }), 'TSR116', 'filter/regex'],
    ['unsupported nested operator', JSON.stringify({ and: [{ '==': [v('amount'), 1] }, { merge: [[1], [2]] }] }), 'TSR116', 'filter/and/1/merge'],
    ['date compared with a number', JSON.stringify({ '==': [v('close_date'), 5] }), 'TSR115', 'filter/=='],
    ['boolean ordered against a date', JSON.stringify({ '<': [v('is_priority'), '2024-01-01'] }), 'TSR115', 'filter/<'],
  ];

  it.each(refusals)('refuses a filter that is %s', async (_label, filter, code, path) => {
    const result = await api.list('opportunity', { filter });
    expectProblem(result, 400, code, [{ path, code }]);
    for (const error of (result.body as unknown as { errors: Array<{ path: string }> }).errors) expect(error.path.startsWith('filter')).toBe(true);
  });

  it('reports every problem of a filter together, under TSR102 when the codes differ', async () => {
    const filter = JSON.stringify({ and: [{ '==': [v('nope'), 1] }, { regex: [v('name'), 'x'] }] });
    const result = await api.list('opportunity', { filter, sort: 'nope' });
    expectProblem(result, 400, 'TSR102', [
      { path: 'filter/and/0/==/0/var', code: 'TSR103' },
      { path: 'filter/and/1/regex', code: 'TSR116' },
      { path: 'sort', code: 'TSR104' },
    ]);
  });

  it('refuses unknown query parameters', async () => {
    expectProblem(await api.list('opportunity', { where: 'amount > 1' }), 400, 'TSR102', [{ path: 'where', code: 'TSR102' }], true);
  });
});
