// nps, from its `npm pack` tarball, installed after crm-core on a fresh tenant: each survey's NPS,
// promoters, passives and detractors (roll-ups with filters and formulas) equal a computation by
// hand from the scores, for the sample data and for a survey answered through the API, and follow
// deletes and edits. PostgreSQL and PGlite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDriverKinds } from '../../runtime/src/db/test-database.ts';
import type { RunningSecurityServer } from '../security/security-server.ts';
import { type JourneyTenant, packageUser, packTarball, shippedPackage, startJourneyServer, tenantWithPackages } from './journey-support.ts';

const kinds = await testDriverKinds();
const nps = shippedPackage('nps');

/** The NPS definition, by hand: % promoters (9–10) − % detractors (0–6), one decimal; null without answers. */
function byHand(scores: number[]) {
  const promoters = scores.filter((score) => score >= 9).length;
  const detractors = scores.filter((score) => score <= 6).length;
  const value = scores.length === 0 ? null : Math.round(((promoters - detractors) / scores.length) * 1000) / 10;
  return { responses: scores.length, promoters, detractors, passives: scores.length - promoters - detractors, nps: value };
}
const category = (score: number) => (score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor');

describe.each(kinds)('nps journey on %s', (kind) => {
  let server: RunningSecurityServer;
  let tenant: JourneyTenant;
  let analyst: { id: string; token: string };

  beforeAll(async () => {
    server = await startJourneyServer(kind);
    tenant = await tenantWithPackages(server, 'nps', ['crm-core', packTarball('nps')]);
    analyst = await packageUser(tenant, 'analyst@example.com', undefined, ['nps_analyst', 'sales_rep']);
  });
  afterAll(async () => server?.close());

  const call = (method: string, path: string, body?: unknown) => server.request(method, path, { token: analyst.token, body });
  const survey = async (id: string) => (await call('GET', `/api/v1/objects/survey/records/${id}`)).body;
  const scoreboard = (record: Record<string, unknown>) => ({
    responses: record.responses,
    promoters: record.promoters,
    detractors: record.detractors,
    passives: record.passives,
    nps: record.nps,
  });

  it('gives each sample survey the NPS of its sample responses', async () => {
    const responses = nps.sampleData.filter((set) => set.object === 'survey_response').flatMap((set) => set.records);
    const surveys = nps.sampleData.filter((set) => set.object === 'survey').flatMap((set) => set.records);
    expect(surveys.length).toBeGreaterThan(0);
    for (const sample of surveys) {
      const scores = responses.filter((response) => (response.survey as { $ref: string }).$ref === sample.$ref).map((response) => Number(response.score));
      const id = tenant.installed.nps?.records.get(String(sample.$ref))?.id as string;
      expect(scoreboard(await survey(id)), String(sample.name)).toEqual(byHand(scores));
    }
  });

  it('computes the NPS of a survey answered through the API, and follows deletes and edits', async () => {
    const created = await call('POST', '/api/v1/objects/survey/records', { name: '续约客户回访', channel: 'wechat', status: 'open' });
    expect(created.status, created.text).toBe(201);
    expect(scoreboard(created.body)).toEqual(byHand([]));
    const id = created.body.id;
    const scores = [10, 9, 8, 7, 6, 0, 10, 3, 9, 9, 5, 8];
    const responseIds: string[] = [];
    for (const score of scores) {
      const answered = await call('POST', '/api/v1/objects/survey_response/records', { survey: id, score });
      expect(answered.status, answered.text).toBe(201);
      expect(answered.body.category).toBe(category(score));
      responseIds.push(answered.body.id);
    }
    expect(scoreboard(await survey(id))).toEqual(byHand(scores));
    // One promoter withdrawn and one detractor re-scored: the roll-ups and formula follow.
    expect((await call('DELETE', `/api/v1/objects/survey_response/records/${responseIds[0]}`)).status).toBe(204);
    expect((await call('PATCH', `/api/v1/objects/survey_response/records/${responseIds[5]}`, { score: 9 })).status).toBe(200);
    const after = [...scores];
    after[5] = 9;
    expect(scoreboard(await survey(id))).toEqual(byHand(after.slice(1)));
    const sorted = await call('GET', '/api/v1/objects/survey/records?sort=-nps&fields=name,nps&limit=200');
    const values = sorted.body.data.map((row: { nps: number | null }) => row.nps).filter((value: number | null) => value !== null);
    expect(values).toEqual([...values].sort((a: number, b: number) => b - a));
  });

  it('refuses scores outside 0–10 and a second answer from the same contact', async () => {
    const created = await call('POST', '/api/v1/objects/survey/records', { name: 'Support follow-up', status: 'open' });
    const id = created.body.id;
    for (const score of [11, -1, 7.5]) {
      const refused = await call('POST', '/api/v1/objects/survey_response/records', { survey: id, score });
      expect(refused.status, `score ${score}`).toBe(400);
      expect(refused.body.errors.map((error: { path: string }) => error.path)).toEqual(['/score']);
    }
    const contact = tenant.installed['crm-core']?.records.get('wang_fang')?.id;
    expect((await call('POST', '/api/v1/objects/survey_response/records', { survey: id, contact, score: 9 })).status).toBe(201);
    const again = await call('POST', '/api/v1/objects/survey_response/records', { survey: id, contact, score: 4 });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('TSR510');
    const followUp = await call('POST', '/api/v1/objects/survey_response/records', { survey: id, score: 2, follow_up: true });
    expect(followUp.status).toBe(422);
    expect(followUp.body.errors).toEqual([expect.objectContaining({ path: '/comment', code: 'TSR500' })]);
    expect(scoreboard(await survey(id))).toEqual(byHand([9]));
  });
});
