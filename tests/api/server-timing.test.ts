// Server-Timing (parse, plan, db, render) and X-Request-Id on every API response: successes,
// problems, 404s and 401s alike.
import { testDriverKinds } from '@tessera/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crmBundle } from '../fixtures/crm-objects.ts';
import { ADMIN_TOKEN, type HttpResult, startTestServer, type TestServer } from '../support/test-server.ts';

const kinds = await testDriverKinds();
const STAGE = (name: string) => new RegExp(`(^|, )${name};dur=\\d+(\\.\\d+)?(,|$)`);

describe.each(kinds)('Server-Timing on %s', (kind) => {
  let server: TestServer;
  let token: string;
  let recordUrl: string;

  beforeAll(async () => {
    server = await startTestServer(kind);
    token = await server.createTenant('timing');
    const api = server.tenant(token);
    expect((await api.apply(crmBundle)).status).toBe(200);
    recordUrl = `/api/v1/objects/opportunity/records/${(await api.post('/api/v1/objects/opportunity/records', { name: 'Timed' })).body.id}`;
  });

  afterAll(async () => {
    await server?.close();
  });

  function expectTiming(result: HttpResult, label: string): void {
    const header = result.headers.get('server-timing');
    expect(header, label).not.toBeNull();
    for (const stage of ['parse', 'plan', 'db', 'render']) expect(header, `${label}: ${stage}`).toMatch(STAGE(stage));
    expect(result.headers.get('x-request-id'), label).toMatch(/^[0-9a-f-]{36}$/);
  }

  it('is on every kind of response', async () => {
    const requests: Array<[string, string, { token?: string; body?: unknown; headers?: Record<string, string> }, number]> = [
      ['GET', '/api/v1/health', {}, 200],
      ['GET', '/api/v1/metadata/schemas/object.schema.json', {}, 200],
      ['GET', '/api/v1/metadata/schemas/nope.json', {}, 404],
      ['GET', '/api/v1/no/such/route', { token }, 404],
      ['GET', '/api/v1/objects/opportunity/records', {}, 401],
      ['GET', '/api/v1/objects/opportunity/records', { token: 'tsr_bogus' }, 401],
      ['GET', '/api/v1/objects/opportunity/records', { token }, 200],
      ['GET', '/api/v1/objects/opportunity/records?filter=%7B', { token }, 400],
      ['GET', '/api/v1/objects/nothing/records', { token }, 404],
      ['POST', '/api/v1/objects/opportunity/records', { token, body: { name: 'Timed 2' } }, 201],
      ['POST', '/api/v1/objects/opportunity/records', { token, body: { amount: 'x' } }, 400],
      ['GET', recordUrl, { token }, 200],
      ['GET', '/api/v1/objects/opportunity/records/01900000-0000-7000-8000-00000000dead', { token }, 404],
      ['PATCH', recordUrl, { token, body: { amount: 1 }, headers: { 'if-match': '"1"' } }, 200],
      ['PATCH', recordUrl, { token, body: { amount: 2 }, headers: { 'if-match': '"1"' } }, 409],
      ['GET', '/api/v1/metadata', { token }, 200],
      ['POST', '/api/v1/metadata/apply', { token, body: { apiName: 'Bad' } }, 422],
      ['POST', '/api/v1/metadata/validate', { token, body: crmBundle }, 200],
      ['GET', '/api/v1/openapi.json', { token }, 200],
      ['GET', '/api/v1/admin/tenants', { token: ADMIN_TOKEN }, 200],
      ['GET', '/api/v1/admin/tenants', { token }, 401],
      ['DELETE', recordUrl, { token }, 204],
    ];
    for (const [method, path, options, status] of requests) {
      const result = await server.request(method, path, options);
      const label = `${method} ${path}`;
      expect(result.status, `${label}: ${result.text.slice(0, 200)}`).toBe(status);
      expectTiming(result, label);
      if (status >= 400) expect((result.body as { requestId: string }).requestId).toBe(result.headers.get('x-request-id'));
    }
  });

  it('reports the database time of a query that reads rows', async () => {
    const result = await server.request('GET', '/api/v1/objects/opportunity/records', { token });
    const db = /db;dur=(\d+(?:\.\d+)?)/.exec(result.headers.get('server-timing') ?? '');
    expect(Number(db?.[1])).toBeGreaterThan(0);
  });

  it('gives every response its own request id', async () => {
    const first = await server.request('GET', '/api/v1/health');
    const second = await server.request('GET', '/api/v1/health');
    expect(first.headers.get('x-request-id')).not.toBe(second.headers.get('x-request-id'));
  });
});
