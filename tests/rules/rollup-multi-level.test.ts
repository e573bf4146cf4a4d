// Issue #21: roll-ups of a formula and of roll-ups, three levels deep (quote lines → quote →
// opportunity → account), over HTTP. Each level follows child writes, is backfilled (lower levels
// first) when added to existing data, and stays exact under 20 concurrent writers creating,
// updating, deleting, restoring and re-parenting quote lines — checked against a hand-written SQL
// recomputation from the line table (not the product's SQL) at every level.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDriverKinds } from '../../runtime/src/db/test-database.ts';
import { quoteRollupObjects } from '../fixtures/quote-rollups.ts';
import { startTestServer, type TenantClient, type TestServer } from '../support/test-server.ts';
import { NOW, type Rec } from './rules-fixtures.ts';

const kinds = await testDriverKinds();
/** How often the concurrent round runs (TESSERA_ROLLUP_ROUNDS=20 to hunt deadlocks locally). */
const ROUNDS = Number(process.env.TESSERA_ROLLUP_ROUNDS ?? 1);
const records = (object: string) => `/api/v1/objects/${object}/records`;

describe.each(kinds)('three levels of roll-ups over a line formula on %s', (kind) => {
  let server: TestServer;
  let api: TenantClient;

  beforeAll(async () => {
    server = await startTestServer(kind, { clock: () => NOW });
    api = server.tenant(await server.createTenant('quotes'));
    const applied = await api.apply({ objects: quoteRollupObjects() });
    expect(applied.status, applied.text).toBe(200);
  }, 120_000);
  afterAll(async () => server?.close());

  const created = async (object: string, body: Rec): Promise<Rec> => {
    const response = await api.post(records(object), body);
    expect(response.status, response.text).toBe(201);
    return response.body;
  };
  const read = async (object: string, id: string): Promise<Rec> => (await api.get(`${records(object)}/${id}`)).body;

  /**
   * Every level straight from the line table, by hand: a line is worth quantity × unit price ×
   * (1 − discount/100) rounded to cents; live lines of live quotes of live opportunities count.
   */
  const independent = async () => {
    const { rows } = await sql<{ level: string; id: string; total: string; lines: string; largest: string | null; net: string }>`
      with line as (
        select quote, round(quantity * unit_price * (1 - coalesce(nullif(discount, 0), 0) / 100), 2) as amount
        from t_quotes.quote_line where deleted_at is null
      ), q as (
        select q.id, q.opportunity, coalesce(sum(l.amount), 0) as total, count(l.quote) as lines, max(l.amount) as largest
        from t_quotes.quote q left join line l on l.quote = q.id group by q.id
      ), o as (
        select o.id, o.account,
               coalesce((select sum(q.total) from q join t_quotes.quote s on s.id = q.id and s.deleted_at is null where q.opportunity = o.id), 0) as quoted,
               coalesce((select sum(round(q.total * 0.9, 2)) from q join t_quotes.quote s on s.id = q.id and s.deleted_at is null where q.opportunity = o.id), 0) as net
        from t_quotes.opportunity o
      )
      select 'quote' as level, id::text, total::text, lines::text, largest::text, '0' as net from q
      union all select 'opportunity', id::text, quoted::text, '0', null, net::text from o
      union all select 'account', a.id::text,
        coalesce((select sum(o.quoted) from o join t_quotes.opportunity s on s.id = o.id and s.deleted_at is null where o.account = a.id), 0)::text, '0', null, '0'
      from t_quotes.account a`.execute(server.database.db);
    return rows.map((row) => ({
      ...row,
      total: Number(row.total),
      lines: Number(row.lines),
      largest: row.largest === null ? null : Number(row.largest),
      net: Number(row.net),
    }));
  };
  /** The same numbers as the API serves them. */
  const served = async () => {
    const expected = await independent();
    const actual = [];
    for (const row of expected) {
      const record = await read(row.level, row.id);
      if (row.level === 'quote') actual.push({ ...row, total: record.total, lines: record.lines, largest: record.largest_line });
      if (row.level === 'opportunity') actual.push({ ...row, total: record.quoted, net: record.quoted_net });
      if (row.level === 'account') actual.push({ ...row, total: record.pipeline });
    }
    return { expected, actual };
  };

  it('follow a line write up through every level', async () => {
    const account = await created('account', { name: '华为' });
    const opportunity = await created('opportunity', { name: '5G', account: account.id });
    const quote = await created('quote', { name: 'Q1', opportunity: opportunity.id });
    const line = await created('quote_line', { product: 'A', quote: quote.id, quantity: 3, unit_price: 10.5, discount: 10 });
    expect(line.amount).toBe(28.35);
    expect(await read('quote', quote.id)).toMatchObject({ total: 28.35, lines: 1, largest_line: 28.35, net: 25.52 });
    expect(await read('opportunity', opportunity.id)).toMatchObject({ quoted: 28.35, quoted_net: 25.52 });
    expect((await read('account', account.id)).pipeline).toBe(28.35);
    expect((await api.patch(`${records('quote_line')}/${line.id}`, { quantity: 4 })).status).toBe(200);
    expect((await read('account', account.id)).pipeline).toBe(37.8);
    expect((await api.delete(`${records('quote_line')}/${line.id}`)).status).toBe(204);
    expect(await read('quote', quote.id)).toMatchObject({ total: 0, lines: 0, largest_line: null });
    expect((await read('account', account.id)).pipeline).toBe(0);
  });

  it('are backfilled lowest level first when added over existing data', async () => {
    const [account, opportunity, quote, line] = quoteRollupObjects() as unknown as [Rec, Rec, Rec, Rec];
    const plain = (object: Rec) => ({ ...object, fields: object.fields.filter((field: Rec) => field.type !== 'rollup' && field.apiName !== 'net') });
    const tenant = server.tenant(await server.createTenant('backfill3'));
    expect((await tenant.apply({ objects: [plain(account), plain(opportunity), plain(quote), line] })).status).toBe(200);
    const post = async (object: string, body: Rec) => (await tenant.post(records(object), body)).body as Rec;
    const a = await post('account', { name: 'A' });
    const o = await post('opportunity', { name: 'O', account: a.id });
    const q = await post('quote', { name: 'Q', opportunity: o.id });
    await post('quote_line', { product: 'x', quote: q.id, quantity: 2, unit_price: 5 });
    await post('quote_line', { product: 'y', quote: q.id, quantity: 1, unit_price: 1.25, discount: 20 });
    const definition = { objects: [account, opportunity, quote, line] };
    const planned = await tenant.post('/api/v1/metadata/plan', definition);
    expect(planned.status, planned.text).toBe(200);
    const backfills = planned.body.steps.filter((step: Rec) => step.kind === 'backfill_rollup');
    expect(backfills.map((step: Rec) => `${step.object}.${step.field}`)).toEqual([
      'quote.total',
      'quote.lines',
      'quote.largest_line',
      'opportunity.quoted',
      'opportunity.quoted_net',
      'account.pipeline',
    ]);
    // quote.total rewrites 1 quote and, through the triggers above, up to 1 opportunity and 1 account.
    expect(backfills[0]).toMatchObject({ risk: 'touches_data', rows: 3 });
    expect(planned.body.actions).toContainEqual(expect.objectContaining({ kind: 'backfill_rollup', field: 'total', cascades: ['account', 'opportunity'] }));
    const applied = await tenant.post('/api/v1/metadata/apply', { definition, planHash: planned.body.planHash });
    expect(applied.status, applied.text).toBe(200);
    expect((await tenant.get(`${records('quote')}/${q.id}`)).body).toMatchObject({ total: 11, lines: 2, net: 9.9 });
    expect((await tenant.get(`${records('account')}/${a.id}`)).body.pipeline).toBe(11);
  });

  for (let round = 1; round <= ROUNDS; round++) {
    it(`stay exact under 20 concurrent line writers (round ${round})`, async () => {
      const accounts = [await created('account', { name: `A${round}` }), await created('account', { name: `B${round}` })];
      const opportunities = [];
      for (let i = 0; i < 4; i++) opportunities.push(await created('opportunity', { name: `o${i}`, account: accounts[i % 2]?.id }));
      const quotes: Rec[] = [];
      for (let i = 0; i < 6; i++) quotes.push(await created('quote', { name: `q${i}`, opportunity: opportunities[i % 4]?.id }));
      const lines: Rec[] = [];
      for (let i = 0; i < 12; i++) {
        lines.push(
          await created('quote_line', { product: `p${i}`, quote: quotes[i % 6]?.id, quantity: i + 1, unit_price: 9.99 * (i + 1), discount: i % 3 ? 5 * i : 0 }),
        );
      }
      await api.delete(`${records('quote_line')}/${lines[11]?.id}`);
      const id = (i: number) => lines[i]?.id as string;
      const quote = (i: number) => quotes[i]?.id as string;
      const patch = (i: number, body: Rec) => () => api.patch(`${records('quote_line')}/${id(i)}`, body);
      const writes = [
        ...Array.from(
          { length: 5 },
          (_, i) => () => api.post(records('quote_line'), { product: `n${i}`, quote: quote((i * 5) % 6), quantity: 2, unit_price: 3.33 * (i + 1) }),
        ),
        ...[0, 1, 2].map((i) => patch(i, { quantity: 7 * (i + 1), unit_price: 0.07 * (i + 1) })),
        // Re-parents across quotes of different opportunities and accounts, in both directions.
        ...[3, 4, 5, 6].map((i) => patch(i, { quote: quote((i + 3) % 6) })),
        patch(7, { quote: quote(0) }),
        patch(0, { quote: quote(5) }),
        ...[8, 9].map((i) => () => api.delete(`${records('quote_line')}/${id(i)}`)),
        () => api.post(`${records('quote_line')}/${id(11)}/restore`),
        patch(10, { discount: 50 }),
        patch(1, { quote: null }),
        patch(2, { discount: 0 }),
      ];
      expect(writes).toHaveLength(20);
      const statuses = (await Promise.all(writes.map((write) => write()))).map((response) => response.status);
      expect(statuses.filter((status) => status >= 300)).toEqual([]);
      const { expected, actual } = await served();
      expect(actual).toEqual(expected);
      expect(expected.filter((row) => row.level === 'account' && row.total > 0).length).toBeGreaterThan(0);
    }, 120_000);
  }
});
