// Every field type round-trips through the API exactly as the contract renders it, defaults and
// autonumbers are applied, and each type's invalid values are refused with the field's pointer and
// code while nothing is written.
import { testDriverKinds } from '@tessera/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crmBundle } from '../fixtures/crm-objects.ts';
import { countRows, expectProblem, MISSING_ID } from '../support/api-assertions.ts';
import { startTestServer, type TenantClient, type TestServer } from '../support/test-server.ts';

const kinds = await testDriverKinds();
const OPPORTUNITIES = '/api/v1/objects/opportunity/records';
const ACCOUNTS = '/api/v1/objects/account/records';
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const OPPORTUNITY_KEYS = [
  'id',
  'number',
  'name',
  'description',
  'amount',
  'quantity',
  'probability',
  'is_priority',
  'close_date',
  'last_contact',
  'contact_email',
  'contact_phone',
  'stage',
  'tags',
  'account',
  'code',
  'owner_id',
  'created_by',
  'created_at',
  'updated_at',
  'version',
  'deleted_at',
];

// [field, value, code, path] for create bodies that are otherwise valid ({ name: 'ok' }).
const INVALID_VALUES: Array<[string, unknown, string, string]> = [
  ['name', 5, 'TSR401', '/name'],
  ['name', '   ', 'TSR402', '/name'],
  ['name', null, 'TSR402', '/name'],
  ['name', 'x'.repeat(256), 'TSR403', '/name'],
  ['description', 'x'.repeat(2001), 'TSR403', '/description'],
  ['description', ['a'], 'TSR401', '/description'],
  ['amount', '12.50', 'TSR401', '/amount'],
  ['amount', -0.01, 'TSR404', '/amount'],
  ['amount', 1.005, 'TSR413', '/amount'],
  ['amount', 1e16, 'TSR413', '/amount'],
  ['quantity', 1.5, 'TSR413', '/quantity'],
  ['quantity', 1e10, 'TSR413', '/quantity'],
  ['quantity', true, 'TSR401', '/quantity'],
  ['probability', 100.01, 'TSR404', '/probability'],
  ['probability', -1, 'TSR404', '/probability'],
  ['is_priority', 'yes', 'TSR401', '/is_priority'],
  ['is_priority', 1, 'TSR401', '/is_priority'],
  ['close_date', '2024-13-01', 'TSR407', '/close_date'],
  ['close_date', '2024-02-30', 'TSR407', '/close_date'],
  ['close_date', '2024-01-01T00:00:00Z', 'TSR407', '/close_date'],
  ['close_date', 20240101, 'TSR401', '/close_date'],
  ['last_contact', '2024-01-01 10:00', 'TSR407', '/last_contact'],
  ['last_contact', '2024-01-01T10:00:00', 'TSR407', '/last_contact'],
  ['contact_email', 'not-an-email', 'TSR407', '/contact_email'],
  ['contact_phone', 'call me', 'TSR407', '/contact_phone'],
  ['stage', 'nope', 'TSR405', '/stage'],
  ['stage', 'Won', 'TSR405', '/stage'],
  ['tags', 'vip', 'TSR401', '/tags'],
  ['tags', ['nope'], 'TSR405', '/tags/0'],
  ['tags', ['vip', 'vip'], 'TSR405', '/tags'],
  ['account', 'not-a-uuid', 'TSR407', '/account'],
  ['account', MISSING_ID, 'TSR411', '/account'],
  ['code', 'x'.repeat(21), 'TSR403', '/code'],
  ['number', 'OPP-9999', 'TSR409', '/number'],
  ['id', MISSING_ID, 'TSR409', '/id'],
  ['created_at', '2024-01-01T00:00:00.000Z', 'TSR409', '/created_at'],
  ['version', 1, 'TSR409', '/version'],
  ['owner_id', 'me', 'TSR407', '/owner_id'],
  ['no_such_field', 1, 'TSR408', '/no_such_field'],
];

describe.each(kinds)('field types on %s', (kind) => {
  let server: TestServer;
  let api: TenantClient;
  let token: string;
  let accountId: string;
  let otherAccountId: string;
  const rows = () => countRows(server, 't_fields', 'opportunity');

  beforeAll(async () => {
    server = await startTestServer(kind);
    token = await server.createTenant('fields');
    api = server.tenant(token);
    expect((await api.apply(crmBundle)).status).toBe(200);
    accountId = (await api.post(ACCOUNTS, { name: '华为 Huawei', industry: 'tech', website: 'https://huawei.example', employees: 1000 })).body.id;
    otherAccountId = (await api.post(ACCOUNTS, { name: 'Acme' })).body.id;
  });

  afterAll(async () => {
    await server?.close();
  });

  it('round-trips every field type: create → get → list → patch → get', async () => {
    const created = await api.post(OPPORTUNITIES, {
      name: '年度合同 Annual deal',
      description: 'Line one\nLine two «quoted» \'single\' "double"',
      amount: 1234567.25,
      quantity: -42,
      probability: 12.5,
      is_priority: true,
      close_date: '2026-03-31',
      last_contact: '2026-03-31T23:59:59.5+08:00',
      contact_email: 'li.lei@example.cn',
      contact_phone: '+86 (10) 1234-5678',
      stage: 'proposal',
      tags: ['vip', 'partner'],
      account: accountId,
      code: 'RT-1',
    });
    expect(created.status, created.text).toBe(201);
    const record = created.body;
    expect(Object.keys(record)).toEqual(OPPORTUNITY_KEYS);
    expect(record).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      number: 'OPP-0001',
      name: '年度合同 Annual deal',
      description: 'Line one\nLine two «quoted» \'single\' "double"',
      amount: 1234567.25,
      quantity: -42,
      probability: 12.5,
      is_priority: true,
      close_date: '2026-03-31',
      last_contact: '2026-03-31T15:59:59.500Z',
      contact_email: 'li.lei@example.cn',
      contact_phone: '+86 (10) 1234-5678',
      stage: 'proposal',
      tags: ['vip', 'partner'],
      account: accountId,
      code: 'RT-1',
      owner_id: null,
      created_by: null,
      created_at: expect.stringMatching(ISO_MS),
      updated_at: expect.stringMatching(ISO_MS),
      version: 1,
      deleted_at: null,
    });
    // Numbers are JSON numbers in the raw text, not strings.
    expect(created.text).toMatch(/"amount"\s*:\s*1234567\.25\b/);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.headers.get('location')).toBe(`${OPPORTUNITIES}/${record.id}`);

    const fetched = await api.get(`${OPPORTUNITIES}/${record.id}`);
    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual(record);
    expect(fetched.headers.get('etag')).toBe('"1"');

    const listed = await api.list('opportunity', { filter: JSON.stringify({ '==': [{ var: 'id' }, record.id] }) });
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual({ data: [record], nextCursor: null });

    const patched = await api.patch(`${OPPORTUNITIES}/${record.id}`, {
      description: null,
      amount: 0,
      quantity: 0,
      probability: null,
      is_priority: false,
      close_date: null,
      last_contact: '2027-01-01T00:00:00Z',
      contact_email: null,
      stage: 'won',
      tags: [],
      account: otherAccountId,
    });
    expect(patched.status, patched.text).toBe(200);
    const expected = {
      ...record,
      description: null,
      amount: 0,
      quantity: 0,
      probability: null,
      is_priority: false,
      close_date: null,
      last_contact: '2027-01-01T00:00:00.000Z',
      contact_email: null,
      stage: 'won',
      tags: [],
      account: otherAccountId,
      version: 2,
      updated_at: expect.stringMatching(ISO_MS),
    };
    expect(patched.body).toEqual(expected);
    expect(patched.headers.get('etag')).toBe('"2"');
    const refetched = await api.get(`${OPPORTUNITIES}/${record.id}`);
    expect(refetched.body).toEqual(expected);
    expect(refetched.body.updated_at >= record.updated_at).toBe(true);
    expect(refetched.body.created_at).toBe(record.created_at);
  });

  it('applies defaults and numbers autonumbers in sequence', async () => {
    const first = await api.post(OPPORTUNITIES, { name: 'Defaults only' });
    expect(first.status, first.text).toBe(201);
    expect(first.body).toMatchObject({
      number: 'OPP-0002',
      stage: 'prospecting', // picklist default
      is_priority: false, // boolean default
      tags: null,
      amount: null,
      account: null,
      close_date: null,
      last_contact: null,
      version: 1,
    });
    const second = await api.post(OPPORTUNITIES, { name: 'Second', stage: 'lost', is_priority: true });
    expect(second.body).toMatchObject({ number: 'OPP-0003', stage: 'lost', is_priority: true });
    const third = await api.post(OPPORTUNITIES, { name: 'Third' });
    expect(third.body.number).toBe('OPP-0004');
    // The autonumber cannot be changed afterwards.
    const rewrite = await api.patch(`${OPPORTUNITIES}/${third.body.id}`, { number: 'OPP-0001' });
    expectProblem(rewrite, 400, 'TSR400', [{ path: '/number', code: 'TSR409' }], true);
    expect((await api.get(`${OPPORTUNITIES}/${third.body.id}`)).body.number).toBe('OPP-0004');
  });

  it('keeps exact decimals and extreme in-range numbers', async () => {
    const created = await api.post(OPPORTUNITIES, { name: 'Edges', amount: 12345678901234.56, quantity: 9999999999, probability: 100 });
    expect(created.status, created.text).toBe(201);
    expect(created.text).toMatch(/"amount"\s*:\s*12345678901234\.56\b/);
    expect(created.body).toMatchObject({ quantity: 9999999999, probability: 100 });
    const small = await api.post(OPPORTUNITIES, { name: 'Small', amount: 0.01, quantity: -9999999999, probability: 0 });
    expect(small.body).toMatchObject({ amount: 0.01, quantity: -9999999999, probability: 0 });
  });

  it('accepts every two-decimal currency amount, also above one million', async () => {
    // Each of these is a valid currency value (scale 2, far below 16 integer digits).
    const amounts = [0.07, 19.99, 999999.99, 1234567.89, 10000001.37, 1000000017.81];
    const refused: string[] = [];
    for (const amount of amounts) {
      const result = await api.post(OPPORTUNITIES, { name: `Amount ${amount}`, amount });
      if (result.status !== 201) refused.push(`${amount}: ${result.status} ${JSON.stringify(result.body.errors)}`);
      else expect(result.body.amount).toBe(amount);
    }
    expect(refused).toEqual([]);
  });

  const invalidCases = INVALID_VALUES.map(([field, value, code, path]) => ({
    field,
    value,
    code,
    path,
    label: `${field} = ${JSON.stringify(value).slice(0, 28)}`,
  }));
  it.each(invalidCases)('refuses $label with $code at $path, writing nothing', async ({ field, value, code, path }) => {
    const before = await rows();
    const result = await api.post(OPPORTUNITIES, { name: 'ok', [field]: value });
    const umbrella = code === 'TSR411' ? 'TSR411' : 'TSR400';
    expectProblem(result, 400, umbrella, [{ path, code }], true);
    expect(await rows()).toBe(before);
  });

  it('reports every invalid field of one body at once', async () => {
    const before = await rows();
    const result = await api.post(OPPORTUNITIES, { amount: 'x', stage: 'nope', tags: ['nope'], close_date: 'soon', unknown: 1 });
    expectProblem(result, 400, 'TSR400', [
      { path: '/name', code: 'TSR402' },
      { path: '/amount', code: 'TSR401' },
      { path: '/stage', code: 'TSR405' },
      { path: '/tags/0', code: 'TSR405' },
      { path: '/close_date', code: 'TSR407' },
      { path: '/unknown', code: 'TSR408' },
    ]);
    expect(result.body.errors).toHaveLength(6);
    expect(await rows()).toBe(before);
  });

  it('refuses invalid values on account fields (inactive picklist value, URL, minimum)', async () => {
    const before = await countRows(server, 't_fields', 'account');
    const result = await api.post(ACCOUNTS, { name: 'Bad', industry: 'retail', website: 'ftp://example.com', employees: -1 });
    expectProblem(result, 400, 'TSR400', [
      { path: '/industry', code: 'TSR406' },
      { path: '/website', code: 'TSR407' },
      { path: '/employees', code: 'TSR404' },
    ]);
    expect(result.body.errors).toHaveLength(3);
    expect(await countRows(server, 't_fields', 'account')).toBe(before);
  });

  it('refuses invalid patches and leaves the record unchanged', async () => {
    const created = await api.post(OPPORTUNITIES, { name: 'Patch target', amount: 10, tags: ['vip'] });
    const url = `${OPPORTUNITIES}/${created.body.id}`;
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ name: null }, '/name', 'TSR402'],
      [{ name: '' }, '/name', 'TSR402'],
      [{ amount: -5 }, '/amount', 'TSR404'],
      [{ tags: ['vip', 'gold'] }, '/tags/1', 'TSR405'],
      [{ close_date: '31/12/2024' }, '/close_date', 'TSR407'],
      [{ id: MISSING_ID }, '/id', 'TSR409'],
      [{ version: 'one' }, '/version', 'TSR401'],
      [{ whatever: true }, '/whatever', 'TSR408'],
    ];
    for (const [body, path, code] of cases) {
      expectProblem(await api.patch(url, body), 400, 'TSR400', [{ path, code }], true);
    }
    expectProblem(await api.patch(url, { account: MISSING_ID }), 400, 'TSR411', [{ path: '/account', code: 'TSR411' }], true);
    const after = await api.get(url);
    expect(after.body).toEqual(created.body);
  });

  it('refuses bodies that are not JSON objects', async () => {
    const before = await rows();
    expectProblem(await api.post(OPPORTUNITIES, [{ name: 'x' }]), 400, 'TSR400', [{ path: '', code: 'TSR401' }], true);
    expectProblem(await api.post(OPPORTUNITIES, 'just text'), 400, 'TSR400', [{ path: '', code: 'TSR401' }], true);
    expectProblem(
      await server.request('POST', OPPORTUNITIES, { token: token, rawBody: '{"name": ', headers: { 'content-type': 'application/json' } }),
      400,
      'TSR101',
    );
    expectProblem(await server.request('POST', OPPORTUNITIES, { token: token, rawBody: '', headers: { 'content-type': 'application/json' } }), 400, 'TSR101');
    expectProblem(
      await server.request('POST', OPPORTUNITIES, { token: token, rawBody: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
      415,
      'TSR109',
    );
    expect(await rows()).toBe(before);
  });

  it('answers 404 for unknown objects and records', async () => {
    expectProblem(await api.post('/api/v1/objects/nothing/records', { name: 'x' }), 404, 'TSR110');
    expectProblem(await api.get(`${OPPORTUNITIES}/${MISSING_ID}`), 404, 'TSR111');
    expectProblem(await api.get(`${OPPORTUNITIES}/not-an-id`), 404, 'TSR111');
    expectProblem(await api.patch(`${OPPORTUNITIES}/${MISSING_ID}`, { name: 'x' }), 404, 'TSR111');
  });
});
