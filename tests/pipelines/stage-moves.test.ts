// Stage moves over HTTP on PostgreSQL and PGlite, with an injected clock: every refusal reason
// (unknown stage, forbidden transition, missing field, failed entry criteria, missing reason,
// approval, already there, several at once), the same check through PATCH and POST …/stage,
// nothing saved on refusal, stage history with the time spent in each stage, pipeline choice by
// record type, and pipeline metadata refused with JSON pointers.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDriverKinds } from '../../runtime/src/db/test-database.ts';
import { expectProblem } from '../support/api-assertions.ts';
import { startTestServer, type TenantClient, type TestServer } from '../support/test-server.ts';
import { dealObject } from './pipeline-fixtures.ts';

// biome-ignore lint/suspicious/noExplicitAny: records are dynamic JSON
type Rec = Record<string, any>;
const HOUR = 3_600_000;
const kinds = await testDriverKinds();

describe.each(kinds)('stage moves on %s', (kind) => {
  let server: TestServer;
  let api: TenantClient;
  // Whole seconds, so moved_at round-trips through timestamptz(3) exactly.
  let now = Math.floor(Date.now() / 1000) * 1000;
  const base = '/api/v1/objects/deal/records';

  const create = async (body: Rec, status = 201): Promise<Rec> => {
    const created = await api.post(base, body);
    expect(created.status, created.text).toBe(status);
    return created.body;
  };
  const stageOf = async (id: string) => (await api.get(`${base}/${id}`)).body as Rec;
  const history = async (id: string) => (await api.get(`${base}/${id}/stage-history`)).body.data as Rec[];
  const historyRows = async () =>
    Number((await sql<{ n: number }>`select count(*)::int as n from t_moves._stage_history`.execute(server.database.db)).rows[0]?.n);

  beforeAll(async () => {
    server = await startTestServer(kind, { clock: () => new Date(now) });
    api = server.tenant(await server.createTenant('moves'));
    const applied = await api.apply(dealObject);
    expect(applied.status, applied.text).toBe(200);
  });
  afterAll(async () => server?.close());

  it('records the first stage of a new record, with no time in a previous stage', async () => {
    const deal = await create({ name: 'First', amount: 100 });
    expect(deal.stage).toBe('prospecting');
    const entries = await history(deal.id);
    expect(entries).toEqual([
      expect.objectContaining({
        pipeline: 'sales',
        from: null,
        to: 'prospecting',
        secondsInPrevious: null,
        actor: 'integration',
        movedAt: new Date(now).toISOString(),
      }),
    ]);
  });

  it('moves through PATCH and POST …/stage and records the time spent in each stage', async () => {
    const deal = await create({ name: 'Journey', amount: 5000, close_date: '2026-12-31', next_step: 'demo', discount: 10 });
    now += 2 * HOUR;
    const viaPost = await api.post(`${base}/${deal.id}/stage`, { stage: 'qualification', comment: 'call went well' });
    expect(viaPost.status, viaPost.text).toBe(200);
    expect(viaPost.body.stage).toBe('qualification');
    expect(viaPost.headers.get('etag')).toBe('"2"');
    now += 3 * HOUR + 500;
    const viaPatch = await api.patch(`${base}/${deal.id}`, { stage: 'proposal' }, { 'if-match': '"2"' });
    expect(viaPatch.status, viaPatch.text).toBe(200);
    now += 24 * HOUR;
    const lost = await api.post(`${base}/${deal.id}/stage`, { stage: 'lost', reason: 'price too high' });
    expect(lost.status, lost.text).toBe(200);
    expect(lost.body.loss_reason).toBe('price too high');
    const entries = await history(deal.id);
    expect(entries.map((entry) => [entry.from, entry.to, entry.secondsInPrevious, entry.comment, entry.reason])).toEqual([
      ['proposal', 'lost', 86_400, null, 'price too high'],
      ['qualification', 'proposal', 10_800.5, null, null],
      ['prospecting', 'qualification', 7_200, 'call went well', null],
      [null, 'prospecting', null, null, null],
    ]);
    // Durations agree with the moments themselves.
    const moments = entries.map((entry) => Date.parse(entry.movedAt)).reverse();
    expect((moments[1] as number) - (moments[0] as number)).toBe(7_200_000);
    expect((moments[2] as number) - (moments[1] as number)).toBe(10_800_500);
    expect((moments[3] as number) - (moments[2] as number)).toBe(86_400_000);
  });

  it('does not touch history when a patch leaves the stage alone', async () => {
    const deal = await create({ name: 'Quiet', amount: 1 });
    const before = await historyRows();
    const patched = await api.patch(`${base}/${deal.id}`, { amount: 2 });
    expect(patched.status).toBe(200);
    expect(await historyRows()).toBe(before);
  });

  describe('refusals (each through PATCH and POST …/stage, nothing saved)', () => {
    /** Refused both ways with the same errors; the record and the history are unchanged. */
    const refusedBothWays = async (deal: Rec, stage: string, status: number, code: string, errors: { path: string; code: string }[], extra: Rec = {}) => {
      const rows = await historyRows();
      const patch = await api.patch(`${base}/${deal.id}`, { stage, ...extra });
      expectProblem(patch, status, code, errors, true);
      const post = await api.post(`${base}/${deal.id}/stage`, { stage });
      if (Object.keys(extra).length === 0) {
        expectProblem(post, status, code, errors, true);
        expect(post.body.errors).toEqual(patch.body.errors);
      }
      const after = await stageOf(deal.id);
      expect(after.stage).toBe(deal.stage);
      expect(after.version).toBe(deal.version);
      expect(await historyRows()).toBe(rows);
      return patch;
    };

    it('TSR531: a field the stage requires is empty', async () => {
      const deal = await create({ name: 'No next step', amount: 10 });
      const refused = await refusedBothWays(deal, 'qualification', 422, 'TSR531', [{ path: '/next_step', code: 'TSR531' }]);
      expect(refused.body).toMatchObject({ pipeline: 'sales', from: 'prospecting', to: 'qualification' });
    });

    it('TSR532: the entry criteria are not met', async () => {
      const deal = await create({ name: 'Big discount', amount: 10, close_date: '2026-06-30', next_step: 'x', discount: 35, stage: 'proposal' });
      await refusedBothWays(deal, 'negotiation', 422, 'TSR532', [{ path: '/stage', code: 'TSR532' }]);
    });

    it('TSR533: the transition is not allowed (forward only; explicit graph)', async () => {
      const deal = await create({ name: 'Backwards', amount: 10, close_date: '2026-06-30', next_step: 'x', stage: 'proposal' });
      await refusedBothWays(deal, 'qualification', 422, 'TSR533', [{ path: '/stage', code: 'TSR533' }]);
      const won = await create({ name: 'Reopen', stage: 'won' });
      await refusedBothWays(won, 'prospecting', 422, 'TSR533', [{ path: '/stage', code: 'TSR533' }]);
      const renewal = await create({ name: 'Renewal lost', record_type: 'renewal', stage: 'lost' });
      // The renewal graph allows lost → qualification only (and won needs approval besides).
      await refusedBothWays(renewal, 'won', 422, 'TSR530', [
        { path: '/stage', code: 'TSR533' },
        { path: '/stage', code: 'TSR535' },
      ]);
      const renewal2 = await create({ name: 'Renewal won path', record_type: 'renewal', stage: 'qualification' });
      const moved = await api.post(`${base}/${renewal2.id}/stage`, { stage: 'lost' });
      expect(moved.status, moved.text).toBe(200);
      const back = await api.post(`${base}/${renewal2.id}/stage`, { stage: 'qualification' });
      expect(back.status, back.text).toBe(200);
    });

    it('TSR534: a reason is required (PATCH must set the reason field; POST carries it)', async () => {
      const deal = await create({ name: 'Lost cause', amount: 10 });
      await refusedBothWays(deal, 'lost', 422, 'TSR534', [{ path: '/loss_reason', code: 'TSR534' }]);
      const patched = await api.patch(`${base}/${deal.id}`, { stage: 'lost', loss_reason: 'no budget' });
      expect(patched.status, patched.text).toBe(200);
      expect((await history(deal.id))[0]).toMatchObject({ from: 'prospecting', to: 'lost', reason: 'no budget' });
    });

    it('TSR535: a stage that needs approval is refused with 409 and nothing recorded', async () => {
      const renewal = await create({ name: 'Renewal', record_type: 'renewal', stage: 'qualification', amount: 900 });
      const refused = await refusedBothWays(renewal, 'won', 409, 'TSR535', [{ path: '/stage', code: 'TSR535' }]);
      expect(refused.body.errors[0].message).toContain('renewal_discount');
    });

    it('TSR537: the stage is not one of the record’s pipeline', async () => {
      const renewal = await create({ name: 'Renewal proposal', record_type: 'renewal', stage: 'qualification' });
      await refusedBothWays(renewal, 'proposal', 422, 'TSR537', [{ path: '/stage', code: 'TSR537' }]);
      const deal = await create({ name: 'Unknown stage' });
      expectProblem(await api.post(`${base}/${deal.id}/stage`, { stage: 'nope' }), 422, 'TSR537', [{ path: '/stage', code: 'TSR537' }]);
      // Creating into a stage outside the pipeline is refused too.
      expectProblem(await api.post(base, { name: 'x', record_type: 'renewal', stage: 'prospecting' }), 422, 'TSR537', [{ path: '/stage', code: 'TSR537' }]);
    });

    it('TSR530: every unmet requirement at once', async () => {
      const deal = await create({ name: 'Rushed', discount: 50 });
      const refused = await refusedBothWays(deal, 'proposal', 422, 'TSR530', [
        { path: '/amount', code: 'TSR531' },
        { path: '/close_date', code: 'TSR531' },
        { path: '/stage', code: 'TSR532' },
      ]);
      expect(refused.body.detail).toContain('3 unmet requirements');
      // Wrong transition and missing fields together.
      const late = await create({ name: 'Late', amount: 5, close_date: '2026-01-01', next_step: 'x', stage: 'negotiation', discount: 5 });
      const patch = await api.patch(`${base}/${late.id}`, { stage: 'qualification', next_step: null });
      expectProblem(
        patch,
        422,
        'TSR530',
        [
          { path: '/stage', code: 'TSR533' },
          { path: '/next_step', code: 'TSR531' },
        ],
        true,
      );
    });

    it('TSR533: POST …/stage to the stage the record is in', async () => {
      const deal = await create({ name: 'Same' });
      const refused = await api.post(`${base}/${deal.id}/stage`, { stage: 'prospecting' });
      expectProblem(refused, 422, 'TSR533', [{ path: '/stage', code: 'TSR533' }]);
      expect((await stageOf(deal.id)).version).toBe(1);
    });

    it('refuses creating a record into a stage whose requirements fail', async () => {
      const refused = await api.post(base, { name: 'Straight to proposal', stage: 'proposal' });
      expectProblem(
        refused,
        422,
        'TSR530',
        [
          { path: '/amount', code: 'TSR531' },
          { path: '/close_date', code: 'TSR531' },
          { path: '/stage', code: 'TSR532' },
        ],
        true,
      );
      const count = await sql<{ n: number }>`select count(*)::int as n from t_moves.deal where name = 'Straight to proposal'`.execute(server.database.db);
      expect(count.rows[0]?.n).toBe(0);
    });
  });

  it('answers bad stage requests and unknown records with the usual problems', async () => {
    const deal = await create({ name: 'Edge' });
    expectProblem(await api.post(`${base}/${deal.id}/stage`, { stag: 'won' }), 400, 'TSR100', [
      { path: '/stag', code: 'TSR100' },
      { path: '/stage', code: 'TSR100' },
    ]);
    expectProblem(await api.post(`${base}/${deal.id}/stage`, { stage: 'qualification', version: 7, comment: 'x' }), 409, 'TSR112');
    expectProblem(await api.post(`${base}/0190b9a4-0000-7000-8000-000000000000/stage`, { stage: 'won' }), 404, 'TSR111');
    expectProblem(await api.get(`${base}/0190b9a4-0000-7000-8000-000000000000/stage-history`), 404, 'TSR111');
  });

  it('refuses invalid pipelines with every problem and its JSON pointer', async () => {
    const broken = structuredClone(dealObject) as Rec;
    broken.apiName = 'deal2';
    const sales = broken.pipelines[0];
    sales.stages[1].requiredFields = ['nope'];
    sales.stages[2].entryCriteria = { '>': [{ var: 'ghost' }, 0] };
    sales.stages.push({ value: 'maybe' });
    sales.amountField = 'name';
    sales.transitions = { prospecting: ['heaven'] };
    broken.pipelines[1].recordTypes = ['renewal', 'upsell'];
    broken.pipelines.push({ ...broken.pipelines[0], apiName: 'sales2', stageField: 'name', stages: [{ value: 'x' }] });
    const refused = await api.apply(broken);
    expectProblem(refused, 422, 'TSR200', [
      { path: '/pipelines/0/stages/1/requiredFields/0', code: 'TSR536' },
      { path: '/pipelines/0/stages/2/entryCriteria/>/0/var', code: 'TSR536' },
      { path: '/pipelines/0/stages/6/value', code: 'TSR536' },
      { path: '/pipelines/0/amountField', code: 'TSR536' },
      { path: '/pipelines/0/transitions/prospecting/0', code: 'TSR536' },
      { path: '/pipelines/1/recordTypes/1', code: 'TSR536' },
      { path: '/pipelines/2/stageField', code: 'TSR536' },
      { path: '/pipelines/2/recordTypes', code: 'TSR536' },
    ]);
  });

  it('plans and applies a pipeline change as metadata only', async () => {
    const changed = structuredClone(dealObject) as Rec;
    changed.pipelines[0].stages[0].probability = 15;
    const plan = await api.post('/api/v1/metadata/plan', changed);
    expect(plan.status, plan.text).toBe(200);
    expect(plan.body.steps).toEqual([expect.objectContaining({ kind: 'update_metadata', object: 'deal', risk: 'safe' })]);
    const applied = await api.apply(changed);
    expect(applied.status, applied.text).toBe(200);
    expect(applied.body.actions).toEqual([{ kind: 'update_metadata', object: 'deal', changes: ['pipelines'] }]);
    const model = await api.get('/api/v1/metadata/objects/deal');
    expect(model.body.pipelines[0].stages[0]).toMatchObject({
      value: 'prospecting',
      probability: 15,
      labels: { en: 'Prospecting', zh: '初步接洽' },
      category: 'open',
    });
    expect((await api.apply(changed)).body.changed).toBe(false);
    expect((await api.apply(dealObject)).status).toBe(200);
  });
});
