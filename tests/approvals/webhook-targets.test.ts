// Webhooks cannot reach inside the network (issue #22, Access 6, server-side request forgery):
// a subscription whose URL resolves to a loopback, private, link-local or otherwise internal
// address is refused when saved (422 TSR318 at /url) and again when delivered (DNS can change),
// unless TESSERA_WEBHOOK_ALLOWED_NETWORKS lists it (on-premise receivers); a failed delivery
// reports a short reason, never what answered. Only loopback traffic is sent: the receiver is this
// test's own server on 127.0.0.1, and refused targets are refused before any connection.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runApprovalJob } from '@tessera/runtime';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testDriverKinds } from '../../runtime/src/db/test-database.ts';
import { type ApprovalServer, type Org, setUpOrg, startApprovalServer } from './approval-server.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are dynamic JSON
type Json = Record<string, any>;
const kinds = await testDriverKinds();
const ALLOW = 'TESSERA_WEBHOOK_ALLOWED_NETWORKS';
const INTERNAL = [
  'http://127.0.0.1:9/x',
  'http://localhost:9/x',
  'http://[::1]:9/x',
  'http://10.1.2.3/x',
  'http://192.168.0.10/x',
  'http://172.16.5.5/x',
  'http://169.254.169.254/latest/meta-data',
  'http://[fe80::1]/x',
  'http://0.0.0.0/x',
  'http://[::ffff:127.0.0.1]/x',
  'http://100.64.0.1/x',
];

describe.each(kinds)('webhook targets on %s', (kind) => {
  let server: ApprovalServer;
  let org: Org;
  let receiver: Server;
  let url = '';
  const hits: string[] = [];
  const call = (method: string, path: string, body?: unknown) =>
    server.request<Json>(method, path, { token: org.tenantToken, ...(body === undefined ? {} : { body }) });

  beforeAll(async () => {
    server = await startApprovalServer(kind);
    org = await setUpOrg(server, 'hooks');
    receiver = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.statusCode = 418;
      res.end('internal secret banner: redis 7.2 on db-01');
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', () => resolve()));
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  }, 120_000);
  afterEach(() => {
    delete process.env[ALLOW];
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
    await server?.close();
  });

  it('refuses loopback, private, link-local and mapped addresses at save time (422 TSR318)', async () => {
    for (const target of [...INTERNAL, url]) {
      // Even unfixed, nothing would be sent: these subscriptions listen to an event that never fires.
      const refused = await call('POST', '/api/v1/approvals/webhooks', { url: target, events: ['approval.never_sent'] });
      expect(refused.status, `${target}: ${refused.text}`).toBe(422);
      expect(refused.body).toMatchObject({ code: 'TSR318', errors: [{ path: '/url', code: 'TSR318' }] });
    }
    expect((await call('GET', '/api/v1/approvals/webhooks')).body.data).toEqual([]);
    // A public address literal is accepted (saved only: nothing is sent to it here).
    // Its event never fires, so even a failing run of this test cannot send anything there.
    const outside = await call('POST', '/api/v1/approvals/webhooks', { url: 'https://203.0.113.7/hooks', events: ['approval.never_sent'] });
    expect(outside.status, outside.text).toBe(201);
    expect((await call('DELETE', `/api/v1/approvals/webhooks/${outside.body.id}`)).status).toBe(204);
  });

  it('accepts an allow-listed network, and checks the target again at delivery', async () => {
    process.env[ALLOW] = '127.0.0.1/32, 10.0.0.0/8';
    const subscribed = await call('POST', '/api/v1/approvals/webhooks', { url, events: ['approval.approved'] });
    expect(subscribed.status, subscribed.text).toBe(201);
    // Delivered while allowed: the receiver's 418 is reported as a status, its body nowhere.
    const submitted = await server.request<Json>('POST', '/api/v1/approvals/requests', {
      token: org.tokens.rep,
      body: { object: 'quote', recordId: await quote(), flow: 'any_flow' },
    });
    expect(submitted.status, submitted.text).toBe(201);
    expect((await server.request('POST', `/api/v1/approvals/requests/${submitted.body.id}/approve`, { token: org.tokens.finance1, body: {} })).status).toBe(
      200,
    );
    await runApprovalJob(server.database.db, new Date(server.clock.now));
    expect(hits).toHaveLength(1);
    const deliveries = (await call('GET', '/api/v1/approvals/webhook-deliveries')).body.data as Json[];
    expect(deliveries.map((delivery) => [delivery.status, delivery.lastStatus, delivery.lastError])).toContainEqual(['pending', 418, 'HTTP 418']);
    expect(JSON.stringify(deliveries)).not.toContain('redis');

    // The allow-list is gone (or DNS now points inside): the retry is refused before connecting.
    delete process.env[ALLOW];
    await runApprovalJob(server.database.db, new Date(server.clock.now + 3_600_000));
    expect(hits).toHaveLength(1);
    const retried = ((await call('GET', '/api/v1/approvals/webhook-deliveries')).body.data as Json[]).find((delivery) => delivery.lastError !== 'HTTP 418');
    expect(retried).toMatchObject({ status: 'pending', lastStatus: null, lastError: 'target not allowed', attempts: 2 });
  });

  const quote = async (): Promise<string> => {
    const created = await server.request<Json>('POST', '/api/v1/objects/quote/records', { token: org.tokens.rep, body: { name: 'Q', amount: 10 } });
    expect(created.status, created.text).toBe(201);
    return created.body.id;
  };
});
