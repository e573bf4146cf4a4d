// Time limits and webhooks under a controllable clock, on PostgreSQL and PGlite: each escalation
// action (remind, reassign to the approver's manager, auto-approve, auto-reject) fires exactly when
// the step is due and only once, and webhook deliveries retry after a failure until the local
// receiver accepts them, signed with the subscription's secret.
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runApprovalJob } from '@tessera/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDriverKinds } from '../../runtime/src/db/test-database.ts';
import { expectServerErrors } from '../support/server-errors.ts';
import { type ApprovalServer, type Org, setUpOrg, startApprovalServer } from './approval-server.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are dynamic JSON
type Json = Record<string, any>;
const HOUR = 3_600_000;
const kinds = await testDriverKinds();

describe.each(kinds)('approval time limits and webhooks on %s', (kind) => {
  let server: ApprovalServer;
  let org: Org;
  const call = (who: string, method: string, path: string, body?: unknown) =>
    server.request<Json>(method, path, { token: who === 'tenant' ? org.tenantToken : org.tokens[who], ...(body === undefined ? {} : { body }) });
  const submit = async (flow: string): Promise<Json> => {
    const quote = (await call('rep', 'POST', '/api/v1/objects/quote/records', { name: flow, amount: 10 })).body;
    const created = await call('rep', 'POST', '/api/v1/approvals/requests', { object: 'quote', recordId: quote.id, flow });
    expect(created.status, created.text).toBe(201);
    return created.body;
  };
  const detail = async (id: string): Promise<Json> => (await call('tenant', 'GET', `/api/v1/approvals/requests/${id}`)).body;
  const runAt = (at: number) => runApprovalJob(server.database.db, new Date(at));
  const iso = (at: number) => new Date(at).toISOString();

  beforeAll(async () => {
    server = await startApprovalServer(kind);
    org = await setUpOrg(server, 'timeouts');
  }, 180_000);
  afterAll(async () => server?.close());

  it('remind: once, when due, to the pending approvers', async () => {
    const t0 = server.clock.now;
    const request = await submit('remind_flow');
    expect(request.steps[0].dueAt).toBe(iso(t0 + 24 * HOUR));
    expect(await runAt(t0 + 24 * HOUR - 1000)).toMatchObject({ reminded: 0, reassigned: 0, approved: 0, rejected: 0, failures: [] });
    expect(await runAt(t0 + 24 * HOUR)).toMatchObject({ reminded: 1, reassigned: 0, approved: 0, rejected: 0 });
    expect(await runAt(t0 + 48 * HOUR)).toMatchObject({ reminded: 0 });
    const after = await detail(request.id);
    expect(after).toMatchObject({ status: 'pending', currentStep: 's' });
    expect(after.steps[0].escalatedAt).toBe(iso(t0 + 24 * HOUR));
    expect(after.history.at(-1)).toMatchObject({ kind: 'reminded', actor: 'system:approvals', at: iso(t0 + 24 * HOUR) });
    const notes = (await call('mgr', 'GET', '/api/v1/notifications?unread=true')).body.data.filter((note: Json) => note.requestId === request.id);
    expect(notes.map((note: Json) => note.kind)).toEqual(['approval.reminded', 'approval.step_started']);
  });

  it('reassign: overdue tasks climb the manager chain with a fresh time limit; at the top, a reminder', async () => {
    const t0 = server.clock.now;
    const request = await submit('reassign_flow');
    expect(await runAt(t0 + 24 * HOUR)).toMatchObject({ reassigned: 1, reminded: 0 });
    const escalated = await detail(request.id);
    expect(escalated.steps[0].tasks.map((task: Json) => [task.approverId, task.status, task.origin])).toEqual([
      [org.ids.mgr, 'reassigned', 'resolved'],
      [org.ids.director, 'pending', 'escalated'],
    ]);
    expect(escalated.steps[0]).toMatchObject({ dueAt: iso(t0 + 48 * HOUR), escalatedAt: null });
    expect(escalated.history.at(-1)).toMatchObject({
      kind: 'escalated',
      detail: { step: 's', reassigned: [{ from: org.ids.mgr, to: org.ids.director }], dueAt: iso(t0 + 48 * HOUR) },
    });
    expect((await call('mgr', 'POST', `/api/v1/approvals/requests/${request.id}/approve`, {})).body.code).toBe('TSR556');
    // The director has no manager: the next time limit reminds instead.
    expect(await runAt(t0 + 48 * HOUR)).toMatchObject({ reassigned: 0, reminded: 1 });
    const approved = await call('director', 'POST', `/api/v1/approvals/requests/${request.id}/approve`, {});
    expect(approved.body.status).toBe('approved');
  });

  it('auto-approve and auto-reject when due, with their final actions; a decided step is left alone', async () => {
    const t0 = server.clock.now;
    const yes = await submit('auto_approve_flow');
    const no = await submit('auto_reject_flow');
    const decided = await submit('auto_reject_flow');
    expect((await call('mgr', 'POST', `/api/v1/approvals/requests/${decided.id}/approve`, {})).body.status).toBe('approved');
    expect(await runAt(t0 + 24 * HOUR)).toMatchObject({ approved: 1, rejected: 1, reminded: 0, reassigned: 0 });
    const yesDetail = await detail(yes.id);
    expect(yesDetail).toMatchObject({ status: 'approved', decidedAt: iso(t0 + 24 * HOUR) });
    expect(yesDetail.history.map((event: Json) => event.kind)).toEqual(['submitted', 'step_started', 'auto_approved', 'approved']);
    expect(yesDetail.steps[0].tasks.map((task: Json) => task.status)).toEqual(['cancelled']);
    const noDetail = await detail(no.id);
    expect(noDetail.history.map((event: Json) => event.kind)).toEqual(['submitted', 'step_started', 'auto_rejected', 'rejected']);
    expect((await call('tenant', 'GET', `/api/v1/objects/quote/records/${yes.recordId}`)).body.status).toBe('approved');
    expect((await call('tenant', 'GET', `/api/v1/objects/quote/records/${no.recordId}`)).body.status).toBe('rejected');
    expect((await detail(decided.id)).status).toBe('approved');
    expect(await runAt(t0 + 100 * HOUR)).toMatchObject({ approved: 0, rejected: 0 });
  });

  describe('webhooks', () => {
    let receiver: Server;
    let url = '';
    const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
    beforeAll(async () => {
      receiver = createServer((req, res) => {
        let body = '';
        req.on('data', (chunk) => {
          body += chunk;
        });
        req.on('end', () => {
          received.push({ headers: req.headers, body });
          // The first attempt fails; every later one succeeds.
          res.statusCode = received.length === 1 ? 500 : 204;
          res.end();
        });
      });
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', () => resolve()));
      url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
      // Webhooks may not target loopback unless allowed (webhook-targets.test.ts): this receiver is.
      process.env.TESSERA_WEBHOOK_ALLOWED_NETWORKS = '127.0.0.1/32';
    });
    afterAll(async () => {
      delete process.env.TESSERA_WEBHOOK_ALLOWED_NETWORKS;
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    });

    it('delivers each subscribed event through the job, retrying after a failure, signed', async () => {
      // The 5xx guard sees every HTTP server in this process: this one is the test's own receiver,
      // failing the first delivery on purpose.
      expectServerErrors({ status: 500, path: '/hooks' });
      const subscribed = await call('tenant', 'POST', '/api/v1/approvals/webhooks', { url, events: ['approval.approved'], secret: 's3cret' });
      expect(subscribed.status, subscribed.text).toBe(201);
      expect((await call('rep', 'POST', '/api/v1/approvals/webhooks', { url, events: ['*'] })).body.code).toBe('TSR302');
      const bad = await call('tenant', 'POST', '/api/v1/approvals/webhooks', { url: 'ftp://x', events: ['nope'] });
      expect(bad.body.errors.map((error: Json) => error.path)).toEqual(['/url', '/events']);
      const t0 = server.clock.now;
      const request = await submit('any_flow');
      await call('finance1', 'POST', `/api/v1/approvals/requests/${request.id}/approve`, { comment: 'ok' });
      expect(await runAt(t0)).toMatchObject({ delivered: 0, retried: 1, failed: 0 });
      expect(received).toHaveLength(1);
      expect(await runAt(t0 + 29_000)).toMatchObject({ delivered: 0, retried: 0 });
      expect(await runAt(t0 + 30_000)).toMatchObject({ delivered: 1, retried: 0 });
      expect(received).toHaveLength(2);
      const [first, second] = received as [(typeof received)[0], (typeof received)[0]];
      expect(second.body).toBe(first.body);
      expect(second.headers['x-tessera-delivery']).toBe(first.headers['x-tessera-delivery']);
      expect(second.headers['x-tessera-event']).toBe('approval.approved');
      expect(second.headers['x-tessera-signature']).toBe(`sha256=${createHmac('sha256', 's3cret').update(second.body).digest('hex')}`);
      expect(JSON.parse(second.body)).toEqual({
        event: 'approval.approved',
        tenant: 'timeouts',
        at: new Date(t0).toISOString(),
        data: {
          requestId: request.id,
          object: 'quote',
          recordId: request.recordId,
          flow: 'any_flow',
          flowVersion: 1,
          actor: { id: org.ids.finance1, label: 'user:finance1@example.com' },
          comment: null,
        },
      });
      const deliveries = (await call('tenant', 'GET', '/api/v1/approvals/webhook-deliveries')).body.data;
      expect(deliveries.map((delivery: Json) => [delivery.event, delivery.status, delivery.attempts, delivery.lastStatus])).toEqual([
        ['approval.approved', 'delivered', 2, 204],
      ]);
      expect(await runAt(t0 + HOUR)).toMatchObject({ delivered: 0, retried: 0 });
    });
  });
});
