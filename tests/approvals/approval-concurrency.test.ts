// Correctness under concurrency, on PostgreSQL and PGlite: 20 approvers decide one 会签 step at
// once — each counts exactly once, the step completes once, the final action runs once (one record
// version, one field write), one webhook delivery of `approval.approved` — and recalls racing
// approvals always end in exactly one consistent state.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDriverKinds } from '../../runtime/src/db/test-database.ts';
import { type ApprovalServer, COMMITTEE_SIZE, type Org, setUpOrg, startApprovalServer } from './approval-server.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are dynamic JSON
type Json = Record<string, any>;
const kinds = await testDriverKinds();

describe.each(kinds)('approval concurrency on %s', (kind) => {
  let server: ApprovalServer;
  let org: Org;
  const as = (token: string, method: string, path: string, body?: unknown) =>
    server.request<Json>(method, path, { token, ...(body === undefined ? {} : { body }) });

  beforeAll(async () => {
    server = await startApprovalServer(kind);
    org = await setUpOrg(server, 'race');
    // Loopback targets need the allow-list (webhook-targets.test.ts); this one only collects outbox rows.
    process.env.TESSERA_WEBHOOK_ALLOWED_NETWORKS = '127.0.0.1/32';
    const hook = await as(org.tenantToken, 'POST', '/api/v1/approvals/webhooks', {
      url: 'http://127.0.0.1:9/hook',
      events: ['approval.approved', 'approval.step_approved'],
    });
    delete process.env.TESSERA_WEBHOOK_ALLOWED_NETWORKS;
    expect(hook.status, hook.text).toBe(201);
  }, 180_000);
  afterAll(async () => server?.close());

  it('20 parallel decisions on one 会签 step: each counted once, the step and the final action once', async () => {
    const quote = (await as(org.tokens.rep as string, 'POST', '/api/v1/objects/quote/records', { name: 'Committee', amount: 1 })).body;
    const submitted = await as(org.tokens.rep as string, 'POST', '/api/v1/approvals/requests', { object: 'quote', recordId: quote.id, flow: 'committee_flow' });
    expect(submitted.status, submitted.text).toBe(201);
    const id = submitted.body.id;
    expect(submitted.body.steps[0]).toMatchObject({ mode: 'all', required: COMMITTEE_SIZE });
    const results = await Promise.all(
      org.committee.map((member, i) => as(member.token, 'POST', `/api/v1/approvals/requests/${id}/approve`, { comment: `yes ${i}` })),
    );
    expect(results.map((result) => result.status)).toEqual(Array(COMMITTEE_SIZE).fill(200));
    const detail = (await as(org.tenantToken, 'GET', `/api/v1/approvals/requests/${id}`)).body;
    expect(detail.status).toBe('approved');
    expect(detail.steps).toHaveLength(1);
    expect(detail.steps[0].status).toBe('approved');
    expect(detail.steps[0].tasks.map((task: Json) => task.status)).toEqual(Array(COMMITTEE_SIZE).fill('approved'));
    expect(new Set(detail.steps[0].tasks.map((task: Json) => task.decidedBy))).toEqual(new Set(org.committee.map((member) => member.id)));
    const kinds = detail.history.map((event: Json) => event.kind);
    expect(kinds.filter((kind: string) => kind === 'task_approved')).toHaveLength(COMMITTEE_SIZE);
    expect(kinds.filter((kind: string) => kind !== 'task_approved')).toEqual(['submitted', 'step_started', 'step_approved', 'approved']);
    expect(kinds.at(-1)).toBe('approved');
    // The final action wrote the record exactly once: version 1 (create) + 1.
    const stored = (await as(org.tenantToken, 'GET', `/api/v1/objects/quote/records/${quote.id}`)).body;
    expect(stored).toMatchObject({ status: 'approved', version: 2 });
    const deliveries = await sql<{ event: string; n: number }>`
      select event, count(*)::int as n from t_race._webhook_deliveries where payload->'data'->>'requestId' = ${id} group by event order by event`.execute(
      server.database.db,
    );
    expect(deliveries.rows).toEqual([
      { event: 'approval.approved', n: 1 },
      { event: 'approval.step_approved', n: 1 },
    ]);
  });

  it('a recall racing an approval ends in exactly one consistent state', async () => {
    const outcomes: string[] = [];
    for (let round = 0; round < 6; round++) {
      const quote = (await as(org.tokens.rep as string, 'POST', '/api/v1/objects/quote/records', { name: `Race ${round}`, amount: 1 })).body;
      const id = (await as(org.tokens.rep as string, 'POST', '/api/v1/approvals/requests', { object: 'quote', recordId: quote.id, flow: 'any_flow' })).body.id;
      const [recall, approval] = await Promise.all([
        as(org.tokens.rep as string, 'POST', `/api/v1/approvals/requests/${id}/recall`, {}),
        as(org.tokens.finance1 as string, 'POST', `/api/v1/approvals/requests/${id}/approve`, {}),
      ]);
      const statuses = [recall.status, approval.status].sort();
      expect(statuses).toEqual([200, 409]);
      const loser = recall.status === 409 ? recall : approval;
      expect(loser.body.code).toBe('TSR555');
      const detail = (await as(org.tenantToken, 'GET', `/api/v1/approvals/requests/${id}`)).body;
      const stored = (await as(org.tenantToken, 'GET', `/api/v1/objects/quote/records/${quote.id}`)).body;
      const kinds = detail.history.map((event: Json) => event.kind);
      if (recall.status === 200) {
        expect(detail.status).toBe('recalled');
        expect(kinds).toEqual(['submitted', 'step_started', 'recalled']);
        expect(detail.steps[0].tasks.map((task: Json) => task.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
        expect(stored).toMatchObject({ status: 'draft', version: 1 });
      } else {
        expect(detail.status).toBe('approved');
        expect(kinds).toEqual(['submitted', 'step_started', 'task_approved', 'step_approved', 'approved']);
        expect(detail.steps[0].tasks.map((task: Json) => task.status).sort()).toEqual(['approved', 'cancelled', 'cancelled']);
        expect(stored).toMatchObject({ status: 'approved', version: 2 });
      }
      outcomes.push(detail.status);
    }
    expect(outcomes).toHaveLength(6);
    // No request is left pending and no record holds a stray lock.
    const pending = await sql<{ n: number }>`select count(*)::int as n from t_race._approval_requests where status = 'pending'`.execute(server.database.db);
    expect(pending.rows[0]?.n).toBe(0);
  });
});
