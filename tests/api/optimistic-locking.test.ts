// Optimistic locking: If-Match or a body `version` must name the current version; a stale one is a
// 409 with the current version, a malformed If-Match a 400, and of concurrent writers exactly one wins.
import { testDriverKinds } from '@tessera/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crmBundle } from '../fixtures/crm-objects.ts';
import { expectProblem, MISSING_ID } from '../support/api-assertions.ts';
import { startTestServer, type TenantClient, type TestServer } from '../support/test-server.ts';

const kinds = await testDriverKinds();
const OPPORTUNITIES = '/api/v1/objects/opportunity/records';

describe.each(kinds)('optimistic locking on %s', (kind) => {
  let server: TestServer;
  let api: TenantClient;

  beforeAll(async () => {
    server = await startTestServer(kind);
    api = server.tenant(await server.createTenant('locks'));
    expect((await api.apply(crmBundle)).status).toBe(200);
  });

  afterAll(async () => {
    await server?.close();
  });

  const create = async (name: string) => {
    const created = await api.post(OPPORTUNITIES, { name, amount: 1 });
    expect(created.status).toBe(201);
    return `${OPPORTUNITIES}/${created.body.id}`;
  };

  it('accepts the current version in If-Match and answers version + 1', async () => {
    const url = await create('if-match');
    const first = await api.patch(url, { amount: 2 }, { 'if-match': '"1"' });
    expect(first.status, first.text).toBe(200);
    expect(first.body).toMatchObject({ amount: 2, version: 2 });
    expect(first.headers.get('etag')).toBe('"2"');
    const weak = await api.patch(url, { amount: 3 }, { 'if-match': 'W/"2"' });
    expect(weak.body.version).toBe(3);
  });

  it('refuses a stale If-Match with 409 TSR112 naming the current version, and changes nothing', async () => {
    const url = await create('stale header');
    expect((await api.patch(url, { amount: 5 }, { 'if-match': '"1"' })).status).toBe(200);
    const stale = await api.patch(url, { amount: 99 }, { 'if-match': '"1"' });
    expectProblem(stale, 409, 'TSR112', [{ path: '/version', code: 'TSR112' }], true);
    expect(stale.body.detail).toMatch(/version 2\b/);
    expect(stale.body.errors[0].message).toMatch(/current version is 2/);
    const future = await api.patch(url, { amount: 99 }, { 'if-match': '"7"' });
    expectProblem(future, 409, 'TSR112');
    const current = await api.get(url);
    expect(current.body).toMatchObject({ amount: 5, version: 2 });
  });

  it('accepts and checks the version in the body too', async () => {
    const url = await create('body version');
    const ok = await api.patch(url, { amount: 7, version: 1 });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body).toMatchObject({ amount: 7, version: 2 });
    const stale = await api.patch(url, { amount: 8, version: 1 });
    expectProblem(stale, 409, 'TSR112', [{ path: '/version', code: 'TSR112' }], true);
    expect(stale.body.detail).toMatch(/version 2\b/);
    expect((await api.get(url)).body).toMatchObject({ amount: 7, version: 2 });
    // Both given and equal: fine; both given and different: 400.
    expect((await api.patch(url, { amount: 9, version: 2 }, { 'if-match': '"2"' })).status).toBe(200);
    expectProblem(await api.patch(url, { amount: 10, version: 3 }, { 'if-match': '"2"' }), 400, 'TSR113', [{ path: '/version', code: 'TSR113' }]);
    expect((await api.get(url)).body).toMatchObject({ amount: 9, version: 3 });
  });

  it('refuses malformed If-Match headers with 400 TSR113', async () => {
    const url = await create('malformed');
    for (const header of ['abc', '"one"', '"1", "2"', '*', '-1', '"1.5"', '"9999999999"']) {
      expectProblem(await api.patch(url, { amount: 2 }, { 'if-match': header }), 400, 'TSR113', [{ path: 'If-Match', code: 'TSR113' }], true);
    }
    expectProblem(await api.delete(url, { 'if-match': 'nope' }), 400, 'TSR113');
    expect((await api.get(url)).body).toMatchObject({ amount: 1, version: 1 });
  });

  it('patches without any version when none is sent (last write wins)', async () => {
    const url = await create('unlocked');
    expect((await api.patch(url, { amount: 2 })).body.version).toBe(2);
    expect((await api.patch(url, { amount: 3 })).body.version).toBe(3);
  });

  it('lets exactly one of concurrent patches with the same If-Match win', async () => {
    const url = await create('race');
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => api.patch(url, { amount: 100 + i }, { 'if-match': '"1"' })));
    const statuses = results.map((result) => result.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
    const winner = results.find((result) => result.status === 200);
    for (const loser of results.filter((result) => result.status === 409)) expectProblem(loser, 409, 'TSR112');
    const current = await api.get(url);
    expect(current.body.version).toBe(2);
    expect(current.body.amount).toBe(winner?.body.amount);
  });

  it('checks If-Match on delete too', async () => {
    const url = await create('delete');
    expect((await api.patch(url, { amount: 2 })).status).toBe(200);
    expectProblem(await api.delete(url, { 'if-match': '"1"' }), 409, 'TSR112');
    expect((await api.get(url)).status).toBe(200);
    expect((await api.delete(url, { 'if-match': '"2"' })).status).toBe(204);
    expectProblem(await api.get(url), 404, 'TSR111');
  });

  it('answers 404, not 409, for a missing or deleted record', async () => {
    expectProblem(await api.patch(`${OPPORTUNITIES}/${MISSING_ID}`, { amount: 1 }, { 'if-match': '"1"' }), 404, 'TSR111');
    const url = await create('gone');
    expect((await api.delete(url)).status).toBe(204);
    expectProblem(await api.patch(url, { amount: 1 }, { 'if-match': '"2"' }), 404, 'TSR111');
  });
});
