// Rules over HTTP on PostgreSQL and PGlite, with an injected clock: formulas in lists (filter,
// sort, cursor), validation rules (422, every failure, en/zh, previous.*), expression defaults,
// roll-ups kept consistent under 20 concurrent child writes, and 查重 under concurrent creates.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDriverKinds } from '../../runtime/src/db/test-database.ts';
import { startTestServer, type TenantClient, type TestServer } from '../support/test-server.ts';
import { NOW, v, account, ROLLUPS, DUPLICATE_RULES, opportunity, type Rec } from './rules-fixtures.ts';

const kinds = await testDriverKinds();
// The account's roll-ups as the live metadata has them (the backfill test adds one).
let accountRollups: unknown[] = ROLLUPS;

describe.each(kinds)('rules over HTTP on %s', (kind) => {
  let server: TestServer;
  let api: TenantClient;
  let db: TestServer['database']['db'];

  beforeAll(async () => {
    accountRollups = ROLLUPS;
    server = await startTestServer(kind, { clock: () => NOW });
    api = server.tenant(await server.createTenant('rules'));
    db = server.database.db;
    const applied = await api.apply({ objects: [account(ROLLUPS, { duplicateRules: DUPLICATE_RULES }), opportunity()] });
    expect(applied.status, applied.text).toBe(200);
    // A formula has no column; a roll-up is a real one.
    const actions = applied.body.actions.map(
      (action: { kind: string; object: string; field?: { apiName: string } }) => `${action.kind} ${action.object}.${action.field?.apiName ?? ''}`,
    );
    expect(actions.filter((action: string) => action.includes('weighted'))).toEqual([]);
  });

  afterAll(async () => {
    await server?.close();
  });

  const create = async (object: string, body: Record<string, unknown>, headers?: Record<string, string>) =>
    api.post(`/api/v1/objects/${object}/records`, body, headers);
  const created = async (object: string, body: Record<string, unknown>) => {
    const response = await create(object, body);
    expect(response.status, response.text).toBe(201);
    return response.body as Rec;
  };

  describe('formulas', () => {
    let acme: string;
    beforeAll(async () => {
      acme = (await created('account', { name: 'Formula Co' })).id;
      for (const [name, amount, probability, close] of [
        ['small', 100, 50, '2026-03-20'],
        ['big soon', 20000, 10, '2026-04-01'],
        ['big late', 50000, 80, '2026-12-31'],
        ['no amount', null, 50, '2026-03-16'],
        ['certain', 1500, 100, '2026-03-15'],
      ] as const) {
        await created('opportunity', { name, account: acme, amount, probability, close_date: close });
      }
    });

    it('returns formula values computed with the injected clock', async () => {
      const list = await api.list('opportunity', { filter: JSON.stringify({ '==': [v('account'), acme] }), sort: 'name' });
      expect(list.body.data.map((r: Rec) => [r.name, r.weighted, r.days_left, r.hot, r.title])).toEqual([
        ['big late', 40000, 291, false, 'big late (prospecting)'],
        ['big soon', 2000, 17, true, 'big soon (prospecting)'],
        ['certain', 1500, 0, true, 'certain (prospecting)'],
        ['no amount', null, 1, false, 'no amount (prospecting)'],
        ['small', 50, 5, false, 'small (prospecting)'],
      ]);
    });

    it('filters and sorts a list by formulas, with cursor pagination over the formula sort', async () => {
      const filter = JSON.stringify({ and: [{ '==': [v('account'), acme] }, { '>=': [v('weighted'), 50] }] });
      const first = await api.list('opportunity', { filter, sort: '-weighted', limit: 2 });
      expect(first.status, first.text).toBe(200);
      expect(first.body.data.map((r: Rec) => r.name)).toEqual(['big late', 'big soon']);
      const second = await api.list('opportunity', { filter, sort: '-weighted', limit: 2, cursor: first.body.nextCursor as string });
      expect(second.body.data.map((r: Rec) => r.name)).toEqual(['certain', 'small']);
      expect(second.body.nextCursor).toBeNull();
      const hot = await api.list('opportunity', { filter: JSON.stringify({ and: [{ '==': [v('account'), acme] }, v('hot')] }), sort: 'days_left' });
      expect(hot.body.data.map((r: Rec) => r.name)).toEqual(['certain', 'big soon']);
      const soon = await api.list('opportunity', {
        filter: JSON.stringify({ and: [{ '==': [v('account'), acme] }, { '<': [v('close_date'), { add_days: [{ today: [] }, 3] }] }] }),
        sort: 'close_date',
      });
      expect(soon.body.data.map((r: Rec) => r.name)).toEqual(['certain', 'no amount']);
      const nulls = await api.list('opportunity', { filter: JSON.stringify({ and: [{ '==': [v('account'), acme] }, { '==': [v('weighted'), null] }] }) });
      expect(nulls.body.data.map((r: Rec) => r.name)).toEqual(['no amount']);
    });

    it('adds, changes and removes a formula on a live object without touching the table', async () => {
      const withExtra = (expression: unknown) =>
        opportunity({
          fields: [
            ...(opportunity().fields as unknown[]),
            { type: 'formula', apiName: 'amount_k', labels: { en: 'Amount (k)' }, returns: 'number', scale: 1, expression },
          ],
        });
      const added = await api.apply({ objects: [account(accountRollups, { duplicateRules: DUPLICATE_RULES }), withExtra({ '/': [v('amount'), 1000] })] });
      expect(added.status, added.text).toBe(200);
      expect(added.body.actions).toEqual([expect.objectContaining({ kind: 'update_metadata', object: 'opportunity', field: 'amount_k', changes: ['added'] })]);
      const list = async () =>
        (await api.list('opportunity', { filter: JSON.stringify({ '==': [v('account'), acme] }), sort: '-amount_k', limit: 2 })).body.data.map((r: Rec) => [
          r.name,
          r.amount_k,
        ]);
      expect(await list()).toEqual([
        ['big late', 50],
        ['big soon', 20],
      ]);
      expect(
        (await api.apply({ objects: [account(accountRollups, { duplicateRules: DUPLICATE_RULES }), withExtra({ '/': [v('amount'), 100] })] })).status,
      ).toBe(200);
      expect(await list()).toEqual([
        ['big late', 500],
        ['big soon', 200],
      ]);
      const removed = await api.apply({ objects: [account(accountRollups, { duplicateRules: DUPLICATE_RULES }), opportunity()] });
      expect(removed.status, removed.text).toBe(200);
      const columns = await sql<{
        n: number;
      }>`select count(*)::int as n from information_schema.columns where table_schema = 't_rules' and table_name = 'opportunity' and column_name in ('amount_k', 'weighted')`.execute(
        db,
      );
      expect(columns.rows[0]?.n).toBe(0);
    });

    it('refuses a formula the SQL compiler cannot run, before anything changes', async () => {
      const bad = opportunity({
        fields: [
          ...(opportunity().fields as unknown[]),
          { type: 'formula', apiName: 'odd', labels: { en: 'Odd' }, returns: 'boolean', expression: { '==': [v('name'), 5] } },
        ],
      });
      const refused = await api.apply({ objects: [account(accountRollups, { duplicateRules: DUPLICATE_RULES }), bad] });
      expect(refused.status).toBe(422);
      expect(refused.body.errors).toEqual([expect.objectContaining({ path: '/objects/1/fields/10/expression/==', code: 'TSR503' })]);
    });

    it('refuses writes to formulas and roll-ups, and bad filters on them', async () => {
      const write = await create('opportunity', { name: 'x', amount: 5, weighted: 1 });
      expect(write.status).toBe(400);
      expect(write.body.errors).toEqual([expect.objectContaining({ path: '/weighted', code: 'TSR409' })]);
      const rollup = await api.patch(`/api/v1/objects/account/records/${acme}`, { won_total: 1 });
      expect(rollup.status).toBe(400);
      expect(rollup.body.errors).toEqual([expect.objectContaining({ path: '/won_total', code: 'TSR409' })]);
      const badFilter = await api.list('opportunity', { filter: JSON.stringify({ starts_with: [v('weighted'), 'x'] }) });
      expect(badFilter.status).toBe(400);
      expect((badFilter.body as unknown as { code: string }).code).toBe('TSR115');
    });
  });

  describe('defaults and validation rules', () => {
    it('fills defaults from expressions, and an explicit value wins', async () => {
      expect((await created('opportunity', { name: 'default close', amount: 10 })).close_date).toBe('2026-04-14');
      expect((await created('opportunity', { name: 'own close', amount: 10, close_date: '2027-01-01' })).close_date).toBe('2027-01-01');
      expect((await created('opportunity', { name: 'null close', amount: 10, close_date: null })).close_date).toBeNull();
    });

    it('reports every failing rule at once with 422 TSR500 and saves nothing', async () => {
      const before = await db
        .selectFrom('t_rules.opportunity' as never)
        .select(sql`count(*)::int`.as('n'))
        .executeTakeFirst();
      const refused = await create('opportunity', { name: 'bad', amount: -1, probability: 150 });
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('TSR500');
      expect(refused.body.errors).toEqual([
        { path: '/amount', code: 'TSR500', message: 'Amount must be greater than zero' },
        { path: '/probability', code: 'TSR500', message: 'Probability is between 0 and 100' },
      ]);
      expect(refused.body.rules.map((rule: { apiName: string; message: { zh: string } }) => [rule.apiName, rule.message.zh])).toEqual([
        ['amount_positive', '金额必须大于零'],
        ['probability_range', '赢率必须在 0 到 100 之间'],
      ]);
      const after = await db
        .selectFrom('t_rules.opportunity' as never)
        .select(sql`count(*)::int`.as('n'))
        .executeTakeFirst();
      expect(after).toEqual(before);
    });

    it('answers in Chinese when the request prefers it', async () => {
      const refused = await create('opportunity', { name: 'bad', amount: 0 }, { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' });
      expect(refused.status).toBe(422);
      expect(refused.body.errors).toEqual([{ path: '/amount', code: 'TSR500', message: '金额必须大于零' }]);
      const english = await create('opportunity', { name: 'bad', amount: 0 }, { 'accept-language': 'en-GB,zh;q=0.5' });
      expect(english.body.errors[0].message).toBe('Amount must be greater than zero');
    });

    it('sees previous values on update: a won opportunity cannot be reopened', async () => {
      const won = await created('opportunity', { name: 'won deal', amount: 10, stage: 'won' });
      const reopened = await api.patch(`/api/v1/objects/opportunity/records/${won.id}`, { stage: 'proposal' });
      expect(reopened.status).toBe(422);
      expect(reopened.body.errors).toEqual([{ path: '', code: 'TSR500', message: 'A won opportunity cannot be reopened' }]);
      const stored = await api.get(`/api/v1/objects/opportunity/records/${won.id}`);
      expect(stored.body).toMatchObject({ stage: 'won', version: 1 });
      // Rules see the merged record: a patch that does not touch amount still needs a valid one.
      const renamed = await api.patch(`/api/v1/objects/opportunity/records/${won.id}`, { name: 'won deal, renamed' });
      expect(renamed.status, renamed.text).toBe(200);
      const open = await created('opportunity', { name: 'open deal', amount: 10 });
      expect((await api.patch(`/api/v1/objects/opportunity/records/${open.id}`, { stage: 'won' })).status).toBe(200);
    });
  });

  describe('roll-ups', () => {
    const independent = async (accountId: string) => {
      const result = await sql<{ won_total: string; deal_count: string; largest: string | null; first_close: string | null }>`
        select coalesce(sum(amount) filter (where stage = 'won'), 0)::text as won_total, count(*)::text as deal_count,
               max(amount)::text as largest, min(close_date)::text as first_close
        from t_rules.opportunity where account = ${accountId}::uuid and deleted_at is null`.execute(db);
      const row = result.rows[0] as { won_total: string; deal_count: string; largest: string | null; first_close: string | null };
      return {
        won_total: Number(row.won_total),
        deal_count: Number(row.deal_count),
        largest: row.largest === null ? null : Number(row.largest),
        first_close: row.first_close,
      };
    };
    const rollupsOf = async (accountId: string) => {
      const record = (await api.get(`/api/v1/objects/account/records/${accountId}`)).body;
      return { won_total: record.won_total, deal_count: record.deal_count, largest: record.largest, first_close: record.first_close };
    };

    it('start at count 0, sum 0, min/max null and follow each child write', async () => {
      const parent = (await created('account', { name: 'Rollup Start' })).id;
      expect(await rollupsOf(parent)).toEqual({ won_total: 0, deal_count: 0, largest: null, first_close: null });
      const child = await created('opportunity', { name: 'c1', account: parent, amount: 100, stage: 'won', close_date: '2026-05-01' });
      expect(await rollupsOf(parent)).toEqual({ won_total: 100, deal_count: 1, largest: 100, first_close: '2026-05-01' });
      await api.patch(`/api/v1/objects/opportunity/records/${child.id}`, { amount: 250 });
      expect(await rollupsOf(parent)).toEqual({ won_total: 250, deal_count: 1, largest: 250, first_close: '2026-05-01' });
      expect((await api.delete(`/api/v1/objects/opportunity/records/${child.id}`)).status).toBe(204);
      expect(await rollupsOf(parent)).toEqual({ won_total: 0, deal_count: 0, largest: null, first_close: null });
      expect((await api.post(`/api/v1/objects/opportunity/records/${child.id}/restore`)).status).toBe(200);
      expect(await rollupsOf(parent)).toEqual({ won_total: 250, deal_count: 1, largest: 250, first_close: '2026-05-01' });
      // A roll-up change is not an edit of the parent: its version stays, so open forms do not conflict.
      expect((await api.get(`/api/v1/objects/account/records/${parent}`)).body.version).toBe(1);
    });

    it('stay consistent under 20 concurrent child writes: creates, updates, re-parents, deletes and restores', async () => {
      const [a, b] = [(await created('account', { name: 'Parent A' })).id, (await created('account', { name: 'Parent B' })).id];
      const children: Rec[] = [];
      for (let i = 0; i < 10; i++) {
        children.push(
          await created('opportunity', {
            name: `child ${i}`,
            account: i % 2 ? a : b,
            amount: 100 * (i + 1),
            stage: i % 3 ? 'won' : 'proposal',
            close_date: `2026-0${(i % 9) + 1}-15`,
          }),
        );
      }
      await Promise.all([0, 1].map((i) => api.delete(`/api/v1/objects/opportunity/records/${children[i]?.id}`)));
      const writes = [
        ...Array.from(
          { length: 6 },
          (_, i) => () => create('opportunity', { name: `new ${i}`, account: i % 2 ? a : b, amount: 1000 + i, stage: 'won', close_date: `2025-12-0${i + 1}` }),
        ),
        ...[2, 3, 4].map((i) => () => api.patch(`/api/v1/objects/opportunity/records/${children[i]?.id}`, { amount: 7 * (i + 1) })),
        ...[5, 6, 7].map((i) => () => api.patch(`/api/v1/objects/opportunity/records/${children[i]?.id}`, { account: i % 2 ? b : a })),
        ...[8, 9].map((i) => () => api.delete(`/api/v1/objects/opportunity/records/${children[i]?.id}`)),
        ...[0, 1].map((i) => () => api.post(`/api/v1/objects/opportunity/records/${children[i]?.id}/restore`)),
        () => api.patch(`/api/v1/objects/opportunity/records/${children[3]?.id}`, { stage: 'won' }),
        () => api.patch(`/api/v1/objects/opportunity/records/${children[6]?.id}`, { stage: 'lost' }),
        () => api.patch(`/api/v1/objects/opportunity/records/${children[6]?.id}`, { account: null }),
        () => api.patch(`/api/v1/objects/opportunity/records/${children[7]?.id}`, { close_date: '2020-01-01' }),
      ];
      expect(writes).toHaveLength(20);
      const responses = await Promise.all(writes.map((write) => write()));
      // Parents are locked in id order with a lock the children's foreign-key checks do not conflict
      // with, so no writer deadlocks or has to retry: every write succeeds.
      expect(responses.map((response) => response.status)).toEqual([...Array(6).fill(201), ...Array(6).fill(200), 204, 204, 200, 200, 200, 200, 200, 200]);
      for (const parent of [a, b]) expect(await rollupsOf(parent)).toEqual(await independent(parent));
      const totals = await Promise.all([a, b].map(async (parent) => (await independent(parent)).deal_count));
      // 10 + 6 created, 2 deleted (the 2 deleted earlier are restored), and child 6 moved to no
      // account — unless its concurrent re-parent landed after that patch (two patches of one field
      // of one record without If-Match: either order is a correct outcome).
      const six = (await api.get(`/api/v1/objects/opportunity/records/${children[6]?.id}`)).body as Rec;
      expect((totals[0] ?? 0) + (totals[1] ?? 0)).toBe(six.account === null ? 13 : 14);
    });

    it('follow deletes of the parent that cascade, and setNull re-parenting by the database', async () => {
      const parent = (await created('account', { name: 'Deleted parent' })).id;
      await created('opportunity', { name: 'orphan-to-be', account: parent, amount: 5, stage: 'won' });
      expect((await rollupsOf(parent)).deal_count).toBe(1);
      // Children keep or lose the lookup by onDelete (setNull here): the parent's roll-up follows.
      expect((await api.delete(`/api/v1/objects/account/records/${parent}`)).status).toBe(204);
      const stored = await sql<{ deal_count: string }>`select deal_count::text from t_rules.account where id = ${parent}::uuid`.execute(db);
      expect(Number(stored.rows[0]?.deal_count)).toBe((await independent(parent)).deal_count);
    });

    it('are backfilled when a roll-up field is added to existing data', async () => {
      const parent = (await created('account', { name: 'Backfill Co' })).id;
      await created('opportunity', { name: 'b1', account: parent, amount: 10, stage: 'won' });
      await created('opportunity', { name: 'b2', account: parent, amount: 32, stage: 'lost' });
      const extra = {
        type: 'rollup',
        apiName: 'lost_total',
        labels: { en: 'Lost total' },
        childObject: 'opportunity',
        childField: 'account',
        function: 'sum',
        aggregateField: 'amount',
        filter: { '==': [v('stage'), 'lost'] },
      };
      accountRollups = [...ROLLUPS, extra];
      // Recomputing every account touches data: a planned step, applied with the reviewed plan's hash.
      const definition = { objects: [account(accountRollups, { duplicateRules: DUPLICATE_RULES }), opportunity()] };
      const planned = await api.post('/api/v1/metadata/plan', definition);
      expect(planned.body.steps).toContainEqual(expect.objectContaining({ kind: 'backfill_rollup', field: 'lost_total', risk: 'touches_data' }));
      const applied = await api.post('/api/v1/metadata/apply', { definition, planHash: planned.body.planHash });
      expect(applied.status, applied.text).toBe(200);
      expect((await api.get(`/api/v1/objects/account/records/${parent}`)).body.lost_total).toBe(32);
      await created('opportunity', { name: 'b3', account: parent, amount: 8, stage: 'lost' });
      expect((await api.get(`/api/v1/objects/account/records/${parent}`)).body.lost_total).toBe(40);
    });

    it('keep their triggers through an apply that leaves roll-ups alone (no lock on the child table)', async () => {
      const triggers = async () =>
        (
          await sql<{ oid: number; name: string }>`
            select t.oid::int as oid, t.tgname as name from pg_trigger t
            where t.tgrelid = 't_rules.opportunity'::regclass and t.tgname like 'tsr_rollup_%' order by t.tgname`.execute(db)
        ).rows;
      const before = await triggers();
      expect(before.map((trigger) => trigger.name)).toEqual(['tsr_rollup_delete', 'tsr_rollup_insert', 'tsr_rollup_update']);
      const relabelled = await api.apply({
        objects: [account(accountRollups, { duplicateRules: DUPLICATE_RULES, labels: { en: 'Customer', zh: '客户' } }), opportunity()],
      });
      expect(relabelled.status, relabelled.text).toBe(200);
      expect(relabelled.body.changed).toBe(true);
      // Same trigger rows (a re-created trigger gets a new oid), and they still work.
      expect(await triggers()).toEqual(before);
      const parent = (await created('account', { name: 'Relabelled Co' })).id;
      await created('opportunity', { name: 'r1', account: parent, amount: 5, stage: 'lost' });
      expect((await api.get(`/api/v1/objects/account/records/${parent}`)).body.deal_count).toBe(1);
    });
  });

  describe('duplicate rules (查重)', () => {
    it('blocks a name that matches after width, case, space and punctuation folding, and names the duplicate', async () => {
      const original = await created('account', { name: '华为技术有限公司' });
      for (const variant of ['华为 技术有限公司', '华为技术有限公司。', '（华为）技术　有限公司']) {
        const refused = await create('account', { name: variant });
        expect(refused.status, variant).toBe(409);
        expect(refused.body.code).toBe('TSR510');
        expect(refused.body.errors).toEqual([{ path: '', code: 'TSR510', message: 'An account with this name exists' }]);
        expect(refused.body.duplicates).toEqual([
          {
            rule: 'same_name',
            action: 'block',
            message: { en: 'An account with this name exists', zh: '已存在同名客户' },
            records: [{ id: original.id, name: '华为技术有限公司' }],
            hidden: 0,
          },
        ]);
      }
      const latin = await created('account', { name: 'ＨＵＡＷＥＩ Technologies' });
      const folded = await create('account', { name: 'huawei technologies' }, { 'accept-language': 'zh' });
      expect(folded.status).toBe(409);
      expect(folded.body.errors[0].message).toBe('已存在同名客户');
      expect(folded.body.duplicates[0].records).toEqual([{ id: latin.id, name: 'ＨＵＡＷＥＩ Technologies' }]);
      expect((await create('account', { name: '华为' })).status).toBe(201);
    });

    it('lets exactly one of ten simultaneous creates of the same duplicate through', async () => {
      const variants = [
        '小米科技',
        '小米 科技',
        '小米科技。',
        'x小米科技'.slice(1),
        '小米　科技',
        '小米科技 ',
        ' 小米科技',
        '小米-科技',
        '小米科技！',
        '小米·科技',
      ];
      const responses = await Promise.all(variants.map((name) => create('account', { name })));
      const statuses = responses.map((response) => response.status).sort();
      expect(statuses).toEqual([201, ...Array(9).fill(409)]);
      for (const response of responses.filter((r) => r.status === 409)) expect(response.body.code).toBe('TSR510');
      const stored = await sql<{ n: number }>`select count(*)::int as n from t_rules.account where name like '%小米%' and deleted_at is null`.execute(db);
      expect(stored.rows[0]?.n).toBe(1);
    });

    it('warns on a possible duplicate and saves it once confirmed', async () => {
      const first = await created('account', { name: 'Phone One', phone: '+86 138 0013 8000' });
      const warned = await create('account', { name: 'Phone Two', phone: '86-138-0013-8000' });
      expect(warned.status).toBe(409);
      expect(warned.body.code).toBe('TSR511');
      expect(warned.body.duplicates).toEqual([expect.objectContaining({ rule: 'same_phone', action: 'warn', records: [{ id: first.id, name: 'Phone One' }] })]);
      expect((await api.list('account', { filter: JSON.stringify({ '==': [v('name'), 'Phone Two'] }) })).body.data).toEqual([]);
      const confirmed = await create('account', { name: 'Phone Two', phone: '86-138-0013-8000' }, { 'x-confirm-duplicates': 'true' });
      expect(confirmed.status, confirmed.text).toBe(201);
    });

    it("checks updates, frees a deleted record's name and refuses restoring it over a new holder", async () => {
      const first = await created('account', { name: 'Delta Ltd' });
      const second = await created('account', { name: 'Epsilon Ltd' });
      const clash = await api.patch(`/api/v1/objects/account/records/${second.id}`, { name: 'DELTA ltd' });
      expect(clash.status).toBe(409);
      expect(clash.body.code).toBe('TSR510');
      expect((await api.patch(`/api/v1/objects/account/records/${second.id}`, { name: 'Epsilon Limited' })).status).toBe(200);
      expect((await api.delete(`/api/v1/objects/account/records/${first.id}`)).status).toBe(204);
      const successor = await create('account', { name: 'delta LTD' });
      expect(successor.status, successor.text).toBe(201);
      const restore = await api.post(`/api/v1/objects/account/records/${first.id}/restore`);
      expect(restore.status).toBe(409);
      expect(restore.body.code).toBe('TSR510');
    });

    it('refuses a new blocking rule while existing records break it', async () => {
      await created('opportunity', { name: 'Twin', amount: 1 });
      await created('opportunity', { name: 'twin', amount: 2 });
      const rule = { apiName: 'same_name', fields: [{ field: 'name', normalise: ['case'] }], action: 'block' };
      const refused = await api.apply({ objects: [account(accountRollups, { duplicateRules: DUPLICATE_RULES }), opportunity({ duplicateRules: [rule] })] });
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('TSR506');
      expect(refused.body.errors[0].message).toContain("duplicate rule 'same_name' blocks duplicates, but 1 existing record duplicate");
      const warn = await api.apply({
        objects: [account(accountRollups, { duplicateRules: DUPLICATE_RULES }), opportunity({ duplicateRules: [{ ...rule, action: 'warn' }] })],
      });
      expect(warn.status, warn.text).toBe(200);
      expect((await create('opportunity', { name: 'TWIN', amount: 3 })).body.code).toBe('TSR511');
    });
  });

  it('refuses metadata whose rules name unknown fields, with pointers', async () => {
    const bad = opportunity({ validationRules: [{ apiName: 'r', condition: { '>': [v('amount_typo'), 0] }, message: { en: 'x' } }] });
    const refused = await api.apply({ objects: [account(accountRollups, { duplicateRules: DUPLICATE_RULES }), bad] });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: '/objects/1/validationRules/0/condition/>/0/var', code: 'TSR502' })]);
  });
});
