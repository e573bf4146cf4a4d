// Issue #21: the avg and count_distinct roll-ups over HTTP. They start empty (avg null,
// count_distinct 0), follow each child write, are backfilled, and stay exact under 20 concurrent
// child writes (creates, amount and stage changes, re-parents, deletes, restores), checked against
// an independent SQL aggregate over the child table.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDriverKinds } from '../../runtime/src/db/test-database.ts';
import { startTestServer, type TenantClient, type TestServer } from '../support/test-server.ts';
import { account, NOW, opportunity, type Rec, v } from './rules-fixtures.ts';

const kinds = await testDriverKinds();
const rollup = (apiName: string, fn: string, aggregateField: string, filter?: unknown) => ({
  type: 'rollup',
  apiName,
  labels: { en: apiName, zh: '汇总' },
  childObject: 'opportunity',
  childField: 'account',
  function: fn,
  aggregateField,
  ...(filter ? { filter } : {}),
});
const ROLLUPS = [
  rollup('avg_amount', 'avg', 'amount'),
  rollup('avg_won', 'avg', 'amount', { '==': [v('stage'), 'won'] }),
  rollup('stages', 'count_distinct', 'stage'),
  rollup('close_dates', 'count_distinct', 'close_date'),
];
type Summary = { avg_amount: number | null; avg_won: number | null; stages: number; close_dates: number };

describe.each(kinds)('avg and count_distinct roll-ups on %s', (kind) => {
  let server: TestServer;
  let api: TenantClient;
  const records = (object: string) => `/api/v1/objects/${object}/records`;

  beforeAll(async () => {
    server = await startTestServer(kind, { clock: () => NOW });
    api = server.tenant(await server.createTenant('avgdistinct'));
    const applied = await api.apply({ objects: [account(ROLLUPS), opportunity()] });
    expect(applied.status, applied.text).toBe(200);
  }, 120_000);
  afterAll(async () => server?.close());

  const created = async (object: string, body: Rec): Promise<Rec> => {
    const response = await api.post(records(object), body);
    expect(response.status, response.text).toBe(201);
    return response.body;
  };
  const summaryOf = async (id: string): Promise<Summary> => {
    const record = (await api.get(`${records('account')}/${id}`)).body;
    return { avg_amount: record.avg_amount, avg_won: record.avg_won, stages: record.stages, close_dates: record.close_dates };
  };
  /** The same numbers straight from the child table: avg rounded to the roll-up's 4 decimals (currency's 2 + 2). */
  const independent = async (id: string): Promise<Summary> => {
    const { rows } = await sql<Record<keyof Summary, string | null>>`
      select round(avg(amount), 4)::text as avg_amount, round(avg(amount) filter (where stage = 'won'), 4)::text as avg_won,
             count(distinct stage)::text as stages, count(distinct close_date)::text as close_dates
      from t_avgdistinct.opportunity where account = ${id}::uuid and deleted_at is null`.execute(server.database.db);
    const row = rows[0] as Record<keyof Summary, string | null>;
    const num = (text: string | null) => (text === null ? null : Number(text));
    return { avg_amount: num(row.avg_amount), avg_won: num(row.avg_won), stages: Number(row.stages), close_dates: Number(row.close_dates) };
  };

  it('start empty and follow each child write', async () => {
    const parent = (await created('account', { name: 'Avg Co' })).id as string;
    expect(await summaryOf(parent)).toEqual({ avg_amount: null, avg_won: null, stages: 0, close_dates: 0 });
    const one = await created('opportunity', { name: 'o1', account: parent, amount: 1, stage: 'won', close_date: '2026-05-01' });
    await created('opportunity', { name: 'o2', account: parent, amount: 2, stage: 'won', close_date: '2026-05-01' });
    await created('opportunity', { name: 'o3', account: parent, amount: 2, stage: 'lost', close_date: '2026-06-01' });
    expect(await summaryOf(parent)).toEqual({ avg_amount: 1.6667, avg_won: 1.5, stages: 2, close_dates: 2 });
    expect((await api.delete(`${records('opportunity')}/${one.id}`)).status).toBe(204);
    expect(await summaryOf(parent)).toEqual({ avg_amount: 2, avg_won: 2, stages: 2, close_dates: 2 });
    expect(await summaryOf(parent)).toEqual(await independent(parent));
  });

  it('stay exact under 20 concurrent child writes', async () => {
    const [a, b] = [(await created('account', { name: 'A' })).id as string, (await created('account', { name: 'B' })).id as string];
    const children: Rec[] = [];
    for (let i = 0; i < 10; i++) {
      const stage = ['prospecting', 'proposal', 'won', 'lost'][i % 4];
      children.push(
        await created('opportunity', { name: `c${i}`, account: i % 2 ? a : b, amount: 10.25 * (i + 1), stage, close_date: `2026-0${(i % 3) + 1}-15` }),
      );
    }
    await api.delete(`${records('opportunity')}/${children[0]?.id}`);
    const id = (i: number) => children[i]?.id as string;
    const patch = (i: number, body: Rec) => () => api.patch(`${records('opportunity')}/${id(i)}`, body);
    const writes = [
      ...Array.from(
        { length: 6 },
        (_, i) => () =>
          api.post(records('opportunity'), { name: `n${i}`, account: i % 2 ? a : b, amount: 3.33 * (i + 1), stage: 'won', close_date: `2025-12-0${i + 1}` }),
      ),
      ...[1, 2, 3].map((i) => patch(i, { amount: 0.07 * (i + 1) })),
      ...[4, 5, 6].map((i) => patch(i, { account: i % 2 ? b : a })),
      ...[7, 8].map((i) => () => api.delete(`${records('opportunity')}/${id(i)}`)),
      () => api.post(`${records('opportunity')}/${id(0)}/restore`),
      patch(9, { stage: 'won' }),
      patch(1, { stage: 'lost' }),
      patch(3, { close_date: '2020-01-01' }),
      patch(5, { account: null }),
      patch(1, { amount: null }),
    ];
    expect(writes).toHaveLength(20);
    const statuses = (await Promise.all(writes.map((write) => write()))).map((response) => response.status);
    expect(statuses.filter((status) => status >= 300)).toEqual([]);
    for (const parent of [a, b]) expect(await summaryOf(parent)).toEqual(await independent(parent));
  });

  it('are backfilled when added to existing data', async () => {
    const parent = (await created('account', { name: 'Backfill' })).id as string;
    for (const [amount, stage] of [
      [4, 'won'],
      [5, 'won'],
      [5, 'lost'],
    ] as const)
      await created('opportunity', { name: 'b', account: parent, amount, stage });
    // Recomputing every account touches data: applied with the reviewed plan's hash.
    const definition = { objects: [account([...ROLLUPS, rollup('amounts', 'count_distinct', 'amount')]), opportunity()] };
    const planned = await api.post('/api/v1/metadata/plan', definition);
    const applied = await api.post('/api/v1/metadata/apply', { definition, planHash: planned.body.planHash });
    expect(applied.status, applied.text).toBe(200);
    expect((await api.get(`${records('account')}/${parent}`)).body.amounts).toBe(2);
  });
});
