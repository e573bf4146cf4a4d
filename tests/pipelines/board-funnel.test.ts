// Board, funnel and forecast of a pipeline on PostgreSQL and PGlite, every figure checked against
// SQL written independently here (GROUP BY with a VALUES table of probabilities, self-joins of
// the history) over 60 deals moved through the stages at controlled times by three owners.
import { Validator } from '@seriousme/openapi-schema-validator';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDriverKinds } from '../../runtime/src/db/test-database.ts';
import { expectProblem } from '../support/api-assertions.ts';
import { responseChecker } from '../support/openapi-responses.ts';
import { startTestServer, type TenantClient, type TestServer } from '../support/test-server.ts';
import { dealObject, SALES_PROBABILITY, SALES_STAGES } from './pipeline-fixtures.ts';

// biome-ignore lint/suspicious/noExplicitAny: records are dynamic JSON
type Rec = Record<string, any>;
const HOUR = 3_600_000;
const kinds = await testDriverKinds();
const PROBABILITIES = sql.raw(
  `(values ${Object.entries(SALES_PROBABILITY)
    .map(([stage, p]) => `('${stage}', ${p})`)
    .join(', ')}) as p(stage, prob)`,
);
const POSITIONS = (alias: string) => sql.raw(`(values ${SALES_STAGES.map((stage, index) => `('${stage}', ${index})`).join(', ')}) as ${alias}(stage, pos)`);
const close = (a: number | null, b: number | null) => {
  if (a === null || b === null) expect(a).toBe(b);
  else expect(a).toBeCloseTo(b, 6);
};

describe.each(kinds)('board, funnel and forecast on %s', (kind) => {
  let server: TestServer;
  let api: TenantClient;
  const t0 = Math.floor(Date.now() / 1000) * 1000;
  let now = t0;
  const owners: string[] = [];
  const base = '/api/v1/objects/deal';
  const db = () => server.database.db;

  beforeAll(async () => {
    server = await startTestServer(kind, { clock: () => new Date(now) });
    api = server.tenant(await server.createTenant('board'));
    expect((await api.apply(dealObject)).status).toBe(200);
    for (const name of ['ana', 'bo', 'chen']) {
      const user = await api.post('/api/v1/security/users', { email: `${name}@example.com`, name });
      expect(user.status, user.text).toBe(201);
      owners.push(user.body.id);
    }
    // 60 deals: a path length per deal (0 stays in prospecting … 5 ends lost), moves hours apart.
    for (let i = 0; i < 60; i++) {
      now = t0 + i * 60_000;
      const amount = i % 11 === 0 ? null : ((i * 137) % 1000) + 100;
      const created = await api.post(`${base}/records`, {
        name: `Deal ${i}`,
        amount,
        close_date: `2026-0${(i % 6) + 1}-15`,
        next_step: 'call',
        discount: (i % 5) * 6,
        probability: i % 7 === 0 ? 33 : null,
        owner_id: owners[i % 3],
      });
      expect(created.status, created.text).toBe(201);
      const path = amount === null ? Math.min(i % 6, 1) : i % 6;
      const targets = path === 5 ? ['qualification', 'proposal', 'lost'] : ['qualification', 'proposal', 'negotiation', 'won'].slice(0, path);
      for (const [step, stage] of targets.entries()) {
        now += (((i + step) % 4) + 1) * HOUR;
        const moved = await api.post(`${base}/records/${created.body.id}/stage`, stage === 'lost' ? { stage, reason: 'budget' } : { stage });
        if (stage === 'negotiation' && (i % 5) * 6 > 20) {
          expect(moved.status).toBe(422);
          break;
        }
        expect(moved.status, moved.text).toBe(200);
      }
    }
    for (let i = 0; i < 4; i++)
      expect((await api.post(`${base}/records`, { name: `Renewal ${i}`, record_type: 'renewal', stage: 'qualification', amount: 999 })).status).toBe(201);
    const gone = await api.post(`${base}/records`, { name: 'Deleted', amount: 777 });
    expect((await api.delete(`${base}/records/${gone.body.id}`)).status).toBe(204);
    now = t0 + 400 * HOUR;
  }, 180_000);
  afterAll(async () => server?.close());

  /** Independent: GROUP BY stage joined to a VALUES table of probabilities. */
  const expectedTotals = async (where = sql`true`) =>
    (
      await sql<{ stage: string; n: number; amount: number | null; weighted: number | null }>`
        select d.stage, count(*)::int as n, sum(d.amount)::float8 as amount,
               sum(d.amount * coalesce(d.probability, p.prob) / 100.0)::float8 as weighted
        from t_board.deal d join ${PROBABILITIES} using (stage)
        where d.deleted_at is null and d.record_type = 'new_business' and ${where}
        group by d.stage`.execute(db())
    ).rows;

  it('board: count, amount and weighted amount per stage equal an independent GROUP BY', async () => {
    const board = await api.get(`${base}/board?pipeline=sales&limit=3`);
    expect(board.status, board.text).toBe(200);
    expect(board.body.stages.map((stage: Rec) => stage.stage)).toEqual([...SALES_STAGES]);
    const expected = new Map((await expectedTotals()).map((row) => [row.stage, row]));
    expect(expected.size).toBeGreaterThanOrEqual(5);
    for (const column of board.body.stages) {
      const row = expected.get(column.stage);
      expect(column.count, column.stage).toBe(row?.n ?? 0);
      close(column.amount, row ? (row.amount ?? 0) : 0);
      close(column.weightedAmount, row ? (row.weighted ?? 0) : 0);
      expect(column.probability).toBe(SALES_PROBABILITY[column.stage]);
    }
    expect(board.body.stages.reduce((sum: number, column: Rec) => sum + column.count, 0)).toBe(60);
  });

  it('board: the first cards of each stage are the ones an independent window query ranks first', async () => {
    const board = await api.get(`${base}/board?limit=3`);
    const ranked = await sql<{ stage: string; id: string }>`
      select stage, id from (
        select stage, id, row_number() over (partition by stage order by amount desc nulls last, id) as rn
        from t_board.deal where deleted_at is null and record_type = 'new_business') ranked
      where rn <= 3 order by stage, rn`.execute(db());
    for (const column of board.body.stages) {
      const ids = ranked.rows.filter((row) => row.stage === column.stage).map((row) => row.id);
      expect(
        column.cards.map((card: Rec) => card.record.id),
        column.stage,
      ).toEqual(ids);
      for (const card of column.cards) {
        expect(card.record.stage).toBe(column.stage);
        expect(typeof card.enteredAt).toBe('string');
        // Only prospecting has a time limit (48 h); the clock is 400 h after the first deal.
        expect(card.stale).toBe(column.stage === 'prospecting');
      }
    }
  });

  it('board: the list filter applies, renewals follow their own pipeline', async () => {
    const filter = JSON.stringify({ and: [{ '>=': [{ var: 'amount' }, 400] }, { '!=': [{ var: 'owner_id' }, owners[1]] }] });
    const board = await api.get(`${base}/board?pipeline=sales&limit=0&filter=${encodeURIComponent(filter)}`);
    expect(board.status, board.text).toBe(200);
    const expected = new Map((await expectedTotals(sql`d.amount >= 400 and d.owner_id is distinct from ${owners[1]}::uuid`)).map((row) => [row.stage, row]));
    for (const column of board.body.stages) {
      expect(column.count).toBe(expected.get(column.stage)?.n ?? 0);
      close(column.amount, expected.get(column.stage)?.amount ?? 0);
      close(column.weightedAmount, expected.get(column.stage)?.weighted ?? 0);
      expect(column.cards).toEqual([]);
    }
    const renewal = await api.get(`${base}/board?pipeline=renewal`);
    expect(renewal.body.stages.map((column: Rec) => [column.stage, column.count, column.amount, column.weightedAmount])).toEqual([
      ['qualification', 4, 3996, 1998],
      ['won', 0, 0, 0],
      ['lost', 0, 0, 0],
    ]);
  });

  it('board: refuses unknown pipelines, parameters and filters', async () => {
    expectProblem(await api.get(`${base}/board?pipeline=nope`), 404, 'TSR538');
    expectProblem(await api.get(`${base}/board?colour=red`), 400, 'TSR102');
    expectProblem(await api.get(`${base}/board?limit=1000`), 400, 'TSR102');
    expectProblem(await api.get(`${base}/board?filter=${encodeURIComponent('{"==":[{"var":"ghost"},1]}')}`), 400, 'TSR103');
    expectProblem(await api.get('/api/v1/objects/nothing/board'), 404, 'TSR110');
  });

  /** Independent funnel figures straight from `_stage_history` over a period. */
  const expectedFunnel = async (from: string, to: string) => {
    const period = (alias: string) => sql`${sql.ref(`${alias}.moved_at`)} >= ${from}::timestamptz and ${sql.ref(`${alias}.moved_at`)} < ${to}::timestamptz`;
    const live = (alias: string) => sql`exists (select 1 from t_board.deal d where d.id = ${sql.ref(`${alias}.record_id`)} and d.deleted_at is null)`;
    const entered = await sql<{ stage: string; n: number }>`
      select to_stage as stage, count(distinct record_id)::int as n from t_board._stage_history h
      where pipeline = 'sales' and ${period('h')} and ${live('h')} group by to_stage`.execute(db());
    const advanced = await sql<{ stage: string; n: number }>`
      select e.to_stage as stage, count(distinct e.record_id)::int as n
      from t_board._stage_history e
      join t_board._stage_history l on l.record_id = e.record_id and l.pipeline = 'sales'
      join ${POSITIONS('pe')} on pe.stage = e.to_stage
      join ${POSITIONS('pl')} on pl.stage = l.to_stage
      where e.pipeline = 'sales' and ${period('e')} and ${period('l')} and ${live('e')} and pl.pos > pe.pos and l.to_stage <> 'lost'
      group by e.to_stage`.execute(db());
    const exits = await sql<{ stage: string; n: number; avg: number | null }>`
      select from_stage as stage, count(*)::int as n, avg(seconds_in_previous)::float8 as avg from t_board._stage_history h
      where pipeline = 'sales' and from_stage is not null and ${period('h')} and ${live('h')} group by from_stage`.execute(db());
    const byStage = <T extends { stage: string }>(rows: T[]) => new Map(rows.map((row) => [row.stage, row]));
    return { entered: byStage(entered.rows), advanced: byStage(advanced.rows), exits: byStage(exits.rows) };
  };

  it('funnel: entries, conversions, exits and average time in stage equal independent SQL', async () => {
    for (const [from, to] of [
      [new Date(t0 - HOUR).toISOString(), new Date(t0 + 500 * HOUR).toISOString()],
      [new Date(t0 + 3 * HOUR).toISOString(), new Date(t0 + 6 * HOUR).toISOString()],
    ] as const) {
      const funnel = await api.get(`${base}/funnel?pipeline=sales&from=${from}&to=${to}`);
      expect(funnel.status, funnel.text).toBe(200);
      const expected = await expectedFunnel(from, to);
      for (const stage of funnel.body.stages) {
        const entered = expected.entered.get(stage.stage)?.n ?? 0;
        const advanced = expected.advanced.get(stage.stage)?.n ?? 0;
        expect([stage.stage, stage.entered, stage.advanced, stage.exited]).toEqual([stage.stage, entered, advanced, expected.exits.get(stage.stage)?.n ?? 0]);
        close(stage.conversionRate, entered === 0 ? null : advanced / entered);
        close(stage.avgSecondsInStage, expected.exits.get(stage.stage)?.avg ?? null);
      }
    }
    const whole = await api.get(`${base}/funnel?from=${new Date(t0 - HOUR).toISOString()}&to=${new Date(t0 + 500 * HOUR).toISOString()}`);
    expect(whole.body.stages[0]).toMatchObject({ stage: 'prospecting', entered: 60 });
    expect(whole.body.stages[0].avgSecondsInStage).toBeGreaterThan(3600);
  });

  it('funnel: won / lost by owner equal an independent count of closed deals', async () => {
    const funnel = await api.get(`${base}/funnel?from=${new Date(t0 - HOUR).toISOString()}&to=${new Date(t0 + 500 * HOUR).toISOString()}`);
    const expected = await sql<{ owner_id: string; won: number; lost: number; won_amount: number | null }>`
      select owner_id::text, count(*) filter (where stage = 'won')::int as won, count(*) filter (where stage = 'lost')::int as lost,
             (sum(amount) filter (where stage = 'won'))::float8 as won_amount
      from t_board.deal where deleted_at is null and record_type = 'new_business' and stage in ('won', 'lost')
      group by owner_id order by owner_id`.execute(db());
    expect(funnel.body.byOwner.map((row: Rec) => [row.ownerId, row.won, row.lost])).toEqual(expected.rows.map((row) => [row.owner_id, row.won, row.lost]));
    for (const [index, row] of funnel.body.byOwner.entries()) {
      close(row.wonAmount, expected.rows[index]?.won_amount ?? 0);
      close(row.winRate, row.won / (row.won + row.lost));
    }
    expect(funnel.body.won).toBe(expected.rows.reduce((sum, row) => sum + row.won, 0));
    expect(funnel.body.won).toBeGreaterThan(0);
    expect(funnel.body.lost).toBeGreaterThan(0);
  });

  it('forecast: open, weighted and won amounts by close month equal an independent GROUP BY', async () => {
    const forecast = await api.get(`${base}/forecast?pipeline=sales&from=2026-01-01&to=2026-05-01`);
    expect(forecast.status, forecast.text).toBe(200);
    const expected = await sql<{
      month: string;
      open_count: number;
      open_amount: number | null;
      weighted: number | null;
      won_count: number;
      won_amount: number | null;
    }>`
      select to_char(d.close_date, 'YYYY-MM') as month,
        count(*) filter (where d.stage not in ('won', 'lost'))::int as open_count,
        (sum(d.amount) filter (where d.stage not in ('won', 'lost')))::float8 as open_amount,
        (sum(d.amount * coalesce(d.probability, p.prob) / 100.0) filter (where d.stage not in ('won', 'lost')))::float8 as weighted,
        count(*) filter (where d.stage = 'won')::int as won_count,
        (sum(d.amount) filter (where d.stage = 'won'))::float8 as won_amount
      from t_board.deal d join ${PROBABILITIES} using (stage)
      where d.deleted_at is null and d.record_type = 'new_business' and d.stage <> 'lost'
        and d.close_date >= '2026-01-01' and d.close_date < '2026-05-01'
      group by 1 order by 1`.execute(db());
    expect(forecast.body.months.map((month: Rec) => [month.month, month.openCount, month.wonCount])).toEqual(
      expected.rows.map((row) => [row.month, row.open_count, row.won_count]),
    );
    expect(forecast.body.months).toHaveLength(4);
    for (const [index, month] of forecast.body.months.entries()) {
      const row = expected.rows[index];
      close(month.openAmount, row?.open_amount ?? 0);
      close(month.weightedAmount, row?.weighted ?? 0);
      close(month.wonAmount, row?.won_amount ?? 0);
    }
  });

  it('OpenAPI describes the pipeline routes, and the real responses match their schemas', async () => {
    const document = (await api.get('/api/v1/openapi.json')).body;
    const outcome = await new Validator().validate(document);
    expect(outcome.errors ?? []).toEqual([]);
    const paths = document.paths as Rec;
    for (const path of ['board', 'funnel', 'forecast', 'records/{id}/stage', 'records/{id}/stage-history'])
      expect(paths[`${base}/${path}`], path).toBeDefined();
    const pipelineParameter = paths[`${base}/board`].get.parameters.find((parameter: Rec) => parameter.name === 'pipeline');
    expect(pipelineParameter.schema.enum).toEqual(['sales', 'renewal']);
    // Each response, validated against the schema the document gives for it.
    const checkResponse = responseChecker(document);
    const check = (path: string, body: unknown) => checkResponse(path, 'get', '200', body);
    const board = await api.get(`${base}/board?pipeline=sales&limit=2`);
    expect(board.body.stages[0].cards.length).toBeGreaterThan(0);
    check(`${base}/board`, board.body);
    check(`${base}/funnel`, (await api.get(`${base}/funnel?from=${new Date(t0 - HOUR).toISOString()}&to=${new Date(t0 + 500 * HOUR).toISOString()}`)).body);
    check(`${base}/forecast`, (await api.get(`${base}/forecast?pipeline=sales&from=2026-01-01&to=2026-05-01`)).body);
    const card = board.body.stages[0].cards[0].record;
    const history = await api.get(`${base}/records/${card.id}/stage-history`);
    expect(history.body.data.length).toBeGreaterThan(0);
    check(`${base}/records/{id}/stage-history`, history.body);
    // And a response that breaks the schema is caught (the check is real).
    expect(() => check(`${base}/funnel`, { stages: 'none' })).toThrow();
  });
});
