// fields= projection (id always present, unknown names refused) and expand= (a lookup replaced by
// its target record; null when empty or deleted; non-lookups refused).
import { testDriverKinds } from '@tessera/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crmBundle } from '../fixtures/crm-objects.ts';
import { expectProblem } from '../support/api-assertions.ts';
import { startTestServer, type TenantClient, type TestServer } from '../support/test-server.ts';

const kinds = await testDriverKinds();
const OPPORTUNITIES = '/api/v1/objects/opportunity/records';

describe.each(kinds)('fields and expand on %s', (kind) => {
  let server: TestServer;
  let api: TenantClient;
  let account: Record<string, any>;
  let withAccount: Record<string, any>;
  let without: Record<string, any>;
  let orphan: Record<string, any>;

  beforeAll(async () => {
    server = await startTestServer(kind);
    api = server.tenant(await server.createTenant('shape'));
    expect((await api.apply(crmBundle)).status).toBe(200);
    account = (await api.post('/api/v1/objects/account/records', { name: '华为', industry: 'tech' })).body;
    withAccount = (await api.post(OPPORTUNITIES, { name: 'A', amount: 10, tags: ['vip'], account: account.id })).body;
    without = (await api.post(OPPORTUNITIES, { name: 'B', amount: 20 })).body;
    // A separate account, deleted later through the API (soft delete; setNull clears, so re-point by SQL).
    const doomed = (await api.post('/api/v1/objects/account/records', { name: 'Doomed' })).body;
    orphan = (await api.post(OPPORTUNITIES, { name: 'C', account: doomed.id })).body;
    await server.database.db.updateTable('t_shape.account').set({ deleted_at: new Date() }).where('id', '=', doomed.id).execute();
  });

  afterAll(async () => {
    await server?.close();
  });

  const list = async (query: Record<string, string>) => {
    const result = await api.list('opportunity', { sort: 'name', ...query });
    expect(result.status, result.text).toBe(200);
    return result.body.data as Array<Record<string, any>>;
  };

  it('projects fields= in the given order with id always first', async () => {
    const rows = await list({ fields: 'amount,name' });
    expect(rows).toEqual([
      { id: withAccount.id, amount: 10, name: 'A' },
      { id: without.id, amount: 20, name: 'B' },
      { id: orphan.id, amount: null, name: 'C' },
    ]);
    expect(Object.keys(rows[0] as object)).toEqual(['id', 'amount', 'name']);
    expect((await list({ fields: 'id' }))[0]).toEqual({ id: withAccount.id });
    expect((await list({ fields: 'tags,version,deleted_at' }))[0]).toEqual({ id: withAccount.id, tags: ['vip'], version: 1, deleted_at: null });
    expect((await list({ fields: 'name,name' }))[0]).toEqual({ id: withAccount.id, name: 'A' });
  });

  it('refuses unknown names in fields= with 400 TSR106 at fields', async () => {
    for (const fields of ['nope', 'name,nope', 'Name']) {
      expectProblem(await api.list('opportunity', { fields }), 400, 'TSR106', [{ path: 'fields', code: 'TSR106' }], true);
    }
  });

  it('replaces an expanded lookup by the target record, null when empty or deleted', async () => {
    const rows = await list({ expand: 'account' });
    expect(rows[0]?.account).toEqual(account);
    expect(rows[1]?.account).toBeNull();
    expect(rows[2]?.account).toBeNull();
    expect(rows[0]).toMatchObject({ name: 'A', amount: 10 });
    const single = await api.get(`${OPPORTUNITIES}/${withAccount.id}?expand=account`);
    expect(single.status).toBe(200);
    expect(single.body).toEqual({ ...withAccount, account });
    expect((await api.get(`${OPPORTUNITIES}/${orphan.id}?expand=account`)).body.account).toBeNull();
    // Without expand the lookup stays an id, also for the deleted target.
    expect((await api.get(`${OPPORTUNITIES}/${orphan.id}`)).body.account).toBe(orphan.account);
  });

  it('combines fields= and expand=', async () => {
    const rows = await list({ fields: 'name', expand: 'account' });
    expect(rows[0]).toEqual({ id: withAccount.id, name: 'A', account });
    expect(Object.keys(rows[0] as object)).toEqual(['id', 'name', 'account']);
  });

  it('refuses expand= of non-lookup or unknown fields with 400 TSR106 at expand', async () => {
    for (const expand of ['name', 'tags', 'nope', 'id']) {
      expectProblem(await api.list('opportunity', { expand }), 400, 'TSR106', [{ path: 'expand', code: 'TSR106' }], true);
      expectProblem(await api.get(`${OPPORTUNITIES}/${withAccount.id}?expand=${expand}`), 400, 'TSR106', [{ path: 'expand', code: 'TSR106' }], true);
    }
  });
});
