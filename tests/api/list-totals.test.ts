// List totals (issue #18): GET /objects/:object/totals counts and sums exactly the rows the list
// returns for the same filter or saved view, under the caller's row access; a field the caller
// cannot read cannot be summed (refused like an unknown field), nor can a non-numeric one; bad
// filters are refused with the list's own codes and paths. In the OpenAPI document.
import type { ObjectDef } from '@tessera/metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDriverKinds } from '../../runtime/src/db/test-database.ts';
import { type RunningSecurityServer, startSecurityServer, TenantAdmin } from '../security/security-server.ts';
import { labels } from '../security/stage-picklist.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are dynamic JSON
type Json = Record<string, any>;
const kinds = await testDriverKinds();

const deal: ObjectDef = {
  apiName: 'deal',
  labels: labels('Deal'),
  fields: [
    { apiName: 'name', type: 'text', labels: labels('Name'), required: true },
    { apiName: 'amount', type: 'currency', labels: labels('Amount') },
    { apiName: 'margin', type: 'number', labels: labels('Margin') },
  ],
};

const AMOUNTS = [10, 500, 9000, 123.45];

describe.each(kinds)('list totals on %s', (kind) => {
  let server: RunningSecurityServer;
  const tokens: Record<string, string> = {};
  const call = (who: string, path: string) => server.request<Json>('GET', path, { token: tokens[who] });
  const totals = (who: string, query: Record<string, string>) => call(who, `/api/v1/objects/deal/totals?${new URLSearchParams(query)}`);
  const list = async (who: string, query: Record<string, string>) =>
    (await call(who, `/api/v1/objects/deal/records?${new URLSearchParams(query)}&limit=200`)).body.data as Json[];

  beforeAll(async () => {
    server = await startSecurityServer(kind, { rateLimit: false });
    tokens.tenant = await server.createTenant('totals');
    const admin = new TenantAdmin(server, 'totals', tokens.tenant);
    await admin.call('POST', '/api/v1/metadata/apply', { objects: [deal] });
    // Sellers read only their own deals (private default access) and never the margin.
    const sellers = await admin.permissionSet('sellers', { deal: { read: true, create: true, edit: true, fields: { margin: 'none' } } });
    await admin.user('ann@example.com', { permissionSetIds: [sellers] });
    await admin.user('bob@example.com', { permissionSetIds: [sellers] });
    await admin.call('PUT', '/api/v1/security/object-access/deal', { defaultAccess: 'private' });
    for (const who of ['ann', 'bob']) tokens[who] = await admin.userToken(`${who}@example.com`);
    // Ann owns the four AMOUNTS deals; Bob owns one big deal Ann must never count.
    for (const [index, amount] of AMOUNTS.entries()) {
      const created = await server.request('POST', '/api/v1/objects/deal/records', { token: tokens.ann, body: { name: `ann-${index}`, amount } });
      expect(created.status, created.text).toBe(201);
    }
    expect((await server.request('POST', '/api/v1/objects/deal/records', { token: tokens.bob, body: { name: 'bob-1', amount: 1_000_000 } })).status).toBe(201);
    expect((await server.request('POST', '/api/v1/objects/deal/records', { token: tokens.tenant, body: { name: 'no-amount', margin: 3 } })).status).toBe(201);
  }, 120_000);
  afterAll(async () => server?.close());

  it('counts and sums the rows the list returns, under row access', async () => {
    const mine = await totals('ann', { sum: 'amount' });
    expect(mine.status, mine.text).toBe(200);
    const listed = await list('ann', {});
    expect(mine.body.count).toBe(listed.length);
    expect(mine.body.count).toBe(AMOUNTS.length);
    expect(mine.body.sums.amount).toBeCloseTo(
      AMOUNTS.reduce((sum, value) => sum + value, 0),
      6,
    );
    // The integration token sees every row: Bob's deal and the one without an amount count too.
    const all = await totals('tenant', { sum: 'amount,margin' });
    expect(all.body).toEqual({ count: AMOUNTS.length + 2, sums: { amount: AMOUNTS.reduce((sum, value) => sum + value, 0) + 1_000_000, margin: 3 } });
  });

  it('applies the filter and a saved view exactly as the list does', async () => {
    const filter = JSON.stringify({ '>': [{ var: 'amount' }, 100] });
    const filtered = await totals('ann', { filter, sum: 'amount' });
    const rows = await list('ann', { filter });
    expect(filtered.body.count).toBe(rows.length);
    expect(filtered.body.sums.amount).toBeCloseTo(
      rows.reduce((sum, row) => sum + Number(row.amount), 0),
      6,
    );
    const view = await server.request<Json>('POST', '/api/v1/objects/deal/views', {
      token: tokens.ann,
      body: { labels: { en: 'Small' }, definition: { filter: { '<': [{ var: 'amount' }, 200] }, sort: '-amount' } },
    });
    expect(view.status, view.text).toBe(201);
    const viewed = await totals('ann', { view: view.body.id, sum: 'amount' });
    expect(viewed.body).toEqual({ count: 2, sums: { amount: 133.45 } });
    expect((await totals('bob', { view: view.body.id })).body.code).toBe('TSR121');
    // Nothing matches: a count of 0 and a null sum, not an error.
    const none = await totals('ann', { filter: JSON.stringify({ '>': [{ var: 'amount' }, 10_000_000] }), sum: 'amount' });
    expect(none.body).toEqual({ count: 0, sums: { amount: null } });
  });

  it('refuses to sum a field the caller cannot read, exactly like an unknown one', async () => {
    const hidden = await totals('ann', { sum: 'margin' });
    const unknown = await totals('ann', { sum: 'ghost' });
    expect(hidden.status).toBe(400);
    expect(hidden.body.code).toBe('TSR106');
    expect(hidden.body.errors).toEqual([{ path: 'sum', code: 'TSR106', message: "unknown field 'margin'" }]);
    expect(unknown.body.errors[0]).toMatchObject({ path: 'sum', code: 'TSR106' });
    // Nor filter on it to learn its values through the count.
    const probing = await totals('ann', { filter: JSON.stringify({ '>': [{ var: 'margin' }, 0] }) });
    expect(probing.status).toBe(400);
    expect(probing.body.errors[0].path).toMatch(/^filter/);
  });

  it('refuses a non-numeric sum and a bad filter, every problem with its path', async () => {
    const bad = await totals('ann', { sum: 'name', filter: '{"nope": [1]}', deleted: 'sometimes' });
    expect(bad.status, bad.text).toBe(400);
    expect(bad.body.code).toBe('TSR102');
    const paths = (bad.body.errors as Json[]).map((error) => error.path).sort();
    expect(paths).toEqual(expect.arrayContaining(['deleted', 'sum']));
    expect(paths.some((path) => path.startsWith('filter'))).toBe(true);
    expect((await totals('ann', { sum: 'amount', colour: 'red' })).body.errors).toEqual([expect.objectContaining({ path: 'colour', code: 'TSR102' })]);
    expect((await call('ann', '/api/v1/objects/ghost/totals')).body.code).toBe('TSR110');
  });

  it('is in the OpenAPI document with its parameters and problem responses', async () => {
    const document = (await call('tenant', '/api/v1/openapi.json')).body;
    const operation = document.paths['/api/v1/objects/{object}/totals']?.get;
    expect(operation?.operationId).toBe('listTotals');
    expect(operation.parameters.map((parameter: Json) => parameter.name)).toEqual(['object', 'filter', 'view', 'deleted', 'sum']);
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '400', '404']));
  });
});
