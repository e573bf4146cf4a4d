// Issue #20, mass actions: POST /objects/:object/records/mass updates, transfers (with the related
// records the previous owner also owned) or deletes the records chosen by ids or by a list filter,
// through the write pipeline (rules, history, security) in one transaction, with one audit entry.
// Bad requests name their paths and change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crmBundle } from '../fixtures/crm-objects.ts';
import { type RunningSecurityServer, startSecurityServer, TenantAdmin } from '../security/security-server.ts';
import { expectProblem } from '../support/api-assertions.ts';

type Rec = Record<string, unknown>;
const MASS = (object: string) => `/api/v1/objects/${object}/records/mass`;
const OPPS = '/api/v1/objects/opportunity/records';

describe('mass actions', () => {
  let server: RunningSecurityServer;
  let admin: TenantAdmin;
  let repA: string;
  let repB: string;
  let repC: string;
  let repCookie: string;

  const create = async (object: string, body: Rec): Promise<string> => (await admin.call('POST', `/api/v1/objects/${object}/records`, body)).id;
  const get = (object: string, id: string): Promise<Rec> => admin.call('GET', `/api/v1/objects/${object}/records/${id}`);
  const everything = async () => ({
    opps: (await admin.call('GET', `${OPPS}?limit=200&sort=id`)).data,
    accounts: (await admin.call('GET', '/api/v1/objects/account/records?limit=200&sort=id')).data,
  });

  beforeAll(async () => {
    server = await startSecurityServer('postgres');
    admin = new TenantAdmin(server, 'mass', await server.createTenant('mass'));
    await admin.call('POST', '/api/v1/metadata/apply', {
      ...crmBundle,
      objects: crmBundle.objects.map((object) =>
        object.apiName === 'opportunity'
          ? {
              ...object,
              validationRules: [
                {
                  apiName: 'no_big_qty',
                  condition: { '<=': [{ var: 'quantity' }, { var: 'probability' }] },
                  message: { en: 'quantity above probability', zh: '数量超过赢率' },
                },
              ],
            }
          : object,
      ),
    });
    await admin.call('PUT', '/api/v1/audit/tracked-fields/opportunity', { fields: ['stage', 'amount'] });
    const sales = await admin.permissionSet('sales', {
      account: { read: true, edit: true },
      opportunity: { create: true, read: true, edit: true },
    });
    repA = await admin.user('a@example.com', { permissionSetIds: [sales] });
    repB = await admin.user('b@example.com', { permissionSetIds: [sales] });
    repC = await admin.user('c@example.com', { permissionSetIds: [sales] });
    repCookie = await admin.signIn('a@example.com');
  }, 120_000);
  afterAll(async () => server?.close());

  it('updates the chosen records through the write pipeline, with history and one audit entry', async () => {
    const ids = [await create('opportunity', { name: 'M1', amount: 10 }), await create('opportunity', { name: 'M2', amount: 20 })];
    const done = await server.request('POST', MASS('opportunity'), {
      token: admin.token,
      body: { action: 'update', ids, values: { stage: 'proposal', amount: 99 } },
    });
    expect(done.status, done.text).toBe(200);
    expect(done.body.counts).toEqual({ created: 0, updated: 2, deleted: 0, failed: 0 });
    for (const id of ids) {
      const record = await get('opportunity', id);
      expect([record.stage, record.amount]).toEqual(['proposal', 99]);
      const history = (await admin.call('GET', `${OPPS}/${id}/history`)).data as Rec[];
      expect(history.map((entry) => entry.field).sort()).toEqual(expect.arrayContaining(['amount', 'stage']));
    }
    const audit = (await admin.call('GET', '/api/v1/audit/log?limit=50')).data as Rec[];
    const entry = audit.find((each) => each.event === 'records.mass_update');
    expect(entry?.target).toBe('opportunity');
    expect((entry?.detail as Rec | undefined)?.counts).toEqual(done.body.counts);
    expect((entry?.detail as Rec | undefined)?.fields).toEqual(['stage', 'amount']);
  });

  it('all-or-nothing: one record failing a rule changes nothing; partial keeps the others', async () => {
    const ok = await create('opportunity', { name: 'R1', probability: 90 });
    const low = await create('opportunity', { name: 'R2', probability: 5 });
    const before = await everything();
    const refused = await server.request('POST', MASS('opportunity'), {
      token: admin.token,
      body: { action: 'update', ids: [ok, low], values: { quantity: 50 } },
    });
    expectProblem(refused, 422, 'TSR141');
    expect(refused.body.failed).toEqual([1]);
    expect(await everything()).toEqual(before);
    const partial = await server.request('POST', MASS('opportunity'), {
      token: admin.token,
      body: { action: 'update', ids: [ok, low], values: { quantity: 50 }, mode: 'partial' },
    });
    expect(partial.status, partial.text).toBe(200);
    expect(partial.body.results.map((result: Rec) => result.status)).toEqual(['updated', 'failed']);
    expect((await get('opportunity', ok)).quantity).toBe(50);
    expect((await get('opportunity', low)).quantity).toBeNull();
  });

  it('chooses by filter: every visible matching record, and refuses a filter matching none', async () => {
    for (const name of ['F-1', 'F-2', 'F-3']) await create('opportunity', { name, code: name });
    const filter = { starts_with: [{ var: 'code' }, 'F-'] };
    const done = await server.request('POST', MASS('opportunity'), { token: admin.token, body: { action: 'update', filter, values: { is_priority: true } } });
    expect(done.status, done.text).toBe(200);
    expect(done.body.counts.updated).toBe(3);
    const listed = (await admin.call('GET', `${OPPS}?filter=${encodeURIComponent(JSON.stringify(filter))}`)).data as Rec[];
    expect(listed.map((record) => record.is_priority)).toEqual([true, true, true]);
    expectProblem(
      await server.request('POST', MASS('opportunity'), {
        token: admin.token,
        body: { action: 'update', filter: { '==': [{ var: 'code' }, 'none'] }, values: { is_priority: true } },
      }),
      422,
      'TSR145',
      [{ path: '/filter', code: 'TSR145' }],
    );
    const bad = await server.request('POST', MASS('opportunity'), {
      token: admin.token,
      body: { action: 'update', filter: { '==': [{ var: 'nope' }, 1] }, values: { is_priority: true } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toMatch(/^\/filter/);
  });

  it('a sales rep reaches only what they may see: by filter their own records, by id others answer 404 per record', async () => {
    const own = await create('opportunity', { name: 'Own', code: 'OWN-1', owner_id: repA });
    const other = await create('opportunity', { name: 'Other', code: 'OWN-2', owner_id: repB });
    const byFilter = await server.request('POST', MASS('opportunity'), {
      cookie: repCookie,
      body: { action: 'update', filter: { starts_with: [{ var: 'code' }, 'OWN-'] }, values: { amount: 5 } },
    });
    expect(byFilter.status, byFilter.text).toBe(200);
    expect(byFilter.body.results).toEqual([{ index: 0, id: own, status: 'updated', errors: [] }]);
    expect((await get('opportunity', other)).amount).toBeNull();
    const byIds = await server.request('POST', MASS('opportunity'), {
      cookie: repCookie,
      body: { action: 'update', ids: [own, other], values: { amount: 6 }, mode: 'partial' },
    });
    expect(byIds.body.results[1]).toEqual({ index: 1, id: null, status: 'failed', errors: [expect.objectContaining({ path: '/records/1', code: 'TSR111' })] });
    expect((await get('opportunity', other)).amount).toBeNull();
    // No delete permission: refused, nothing deleted.
    expectProblem(await server.request('POST', MASS('opportunity'), { cookie: repCookie, body: { action: 'delete', ids: [own] } }), 422, 'TSR141');
    expect((await get('opportunity', own)).name).toBe('Own');
  });

  it("transfers accounts with the related opportunities their previous owner owned, not a colleague's", async () => {
    const acme = await create('account', { name: 'Acme', owner_id: repA });
    const globex = await create('account', { name: 'Globex', owner_id: repA });
    const aDeal = await create('opportunity', { name: 'A deal', account: acme, owner_id: repA });
    const cDeal = await create('opportunity', { name: 'C deal', account: acme, owner_id: repC });
    const gDeal = await create('opportunity', { name: 'G deal', account: globex, owner_id: repA });
    const elsewhere = await create('opportunity', { name: 'Unrelated', owner_id: repA });
    const done = await server.request('POST', MASS('account'), {
      token: admin.token,
      body: { action: 'transfer', ids: [acme, globex], owner: { email: 'b@example.com' }, related: [{ object: 'opportunity', field: 'account' }] },
    });
    expect(done.status, done.text).toBe(200);
    expect(done.body.counts.updated).toBe(2);
    expect(done.body.related).toEqual([
      expect.objectContaining({ object: 'opportunity', field: 'account', counts: expect.objectContaining({ updated: 2, failed: 0 }) }),
    ]);
    for (const id of [acme, globex]) expect((await get('account', id)).owner_id).toBe(repB);
    for (const id of [aDeal, gDeal]) expect((await get('opportunity', id)).owner_id).toBe(repB);
    expect((await get('opportunity', cDeal)).owner_id).toBe(repC);
    expect((await get('opportunity', elsewhere)).owner_id).toBe(repA);
    const audit = (await admin.call('GET', '/api/v1/audit/log?limit=50')).data as Rec[];
    const entry = audit.find((each) => each.event === 'records.mass_transfer');
    expect((entry?.detail as Rec | undefined)?.related).toEqual([{ object: 'opportunity', field: 'account', counts: expect.objectContaining({ updated: 2 }) }]);
  });

  it('deletes the chosen records (restorable)', async () => {
    const ids = [await create('opportunity', { name: 'D1' }), await create('opportunity', { name: 'D2' })];
    const done = await server.request('POST', MASS('opportunity'), { token: admin.token, body: { action: 'delete', ids } });
    expect(done.status, done.text).toBe(200);
    expect(done.body.counts.deleted).toBe(2);
    for (const id of ids) expect((await server.request('GET', `${OPPS}/${id}`, { token: admin.token })).status).toBe(404);
    await admin.call('POST', `${OPPS}/${ids[0]}/restore`);
    expect((await get('opportunity', ids[0] as string)).name).toBe('D1');
  });

  it('refuses bad requests naming each path, and changes nothing', async () => {
    const id = await create('opportunity', { name: 'Bad' });
    const before = await everything();
    const cases: Array<[unknown, number, string[]]> = [
      [[], 400, ['']],
      [{ action: 'paint', ids: [id] }, 400, ['/action']],
      [{ action: 'update', ids: [id], filter: {}, values: { amount: 1 } }, 400, ['/ids']],
      [{ action: 'update', ids: [id] }, 400, ['/values']],
      [{ action: 'update', ids: [id], values: { id: 'x', version: 3 } }, 400, ['/values/id', '/values/version']],
      [{ action: 'update', ids: ['not-an-id'], values: { amount: 1 } }, 400, ['/ids/0']],
      [{ action: 'delete', ids: [id], values: { amount: 1 }, colour: 'red' }, 400, ['/colour', '/values']],
      [{ action: 'transfer', ids: [id] }, 400, ['/owner']],
      [
        {
          action: 'transfer',
          ids: [id],
          owner: { email: 'b@example.com' },
          related: [
            { object: 'account', field: 'name' },
            { object: 'nope', field: 'x' },
          ],
        },
        400,
        ['/related/0/field', '/related/1/object'],
      ],
      [{ action: 'update', ids: [id], values: { amount: 'lots' } }, 422, ['/records/0/amount']],
      [{ action: 'transfer', ids: [id], owner: { email: 'nobody@example.com' } }, 422, ['/records/0/owner_id']],
    ];
    for (const [body, status, paths] of cases) {
      const refused = await server.request('POST', MASS('opportunity'), { token: admin.token, body });
      expect(refused.status, `${JSON.stringify(body)} → ${refused.text}`).toBe(status);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(refused.body.errors.map((error: Rec) => error.path)).toEqual(expect.arrayContaining(paths));
    }
    const many = Array.from({ length: 2001 }, (_, index) => `01900000-0000-7000-8000-${String(index).padStart(12, '0')}`);
    expectProblem(await server.request('POST', MASS('opportunity'), { token: admin.token, body: { action: 'delete', ids: many } }), 413, 'TSR140', [
      { path: '/ids', code: 'TSR140' },
    ]);
    expect(await everything()).toEqual(before);
  });
});
