// Request bodies: the per-route size limit (413 TSR108, nothing written) whether the client
// declares Content-Length or streams chunks, UTF-8 text split across chunks, and the same rules
// for in-process requests (`app.request()`), which have no Node stream underneath.
import { createApp, testDriverKinds } from '@tessera/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crmBundle } from '../fixtures/crm-objects.ts';
import { reportServerErrors, watchInProcess } from '../support/server-errors.ts';
import { ADMIN_TOKEN, startTestServer, type TestServer } from '../support/test-server.ts';

// Body handling does not depend on the database: one kind is enough.
const [kind] = await testDriverKinds();
const RECORDS = '/api/v1/objects/opportunity/records';
const OBJECTS_LIMIT = 1024 * 1024;

/** A body sent as a stream of the given byte chunks, so no Content-Length is declared. */
function chunked(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  let index = 0;
  return new ReadableStream({
    pull(controller) {
      const chunk = chunks[index++];
      if (chunk) controller.enqueue(chunk);
      else controller.close();
    },
  });
}

describe('request bodies', () => {
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer(kind);
    token = await server.createTenant('bodies');
    expect((await server.tenant(token).apply(crmBundle)).status).toBe(200);
  });

  afterAll(async () => {
    await server?.close();
  });

  const count = async () => (await server.tenant(token).list('opportunity', { limit: 200 })).body.data.length;
  const postStreamed = (chunks: Uint8Array[]) =>
    fetch(`${server.baseUrl}${RECORDS}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: chunked(chunks),
      duplex: 'half',
    } as RequestInit);

  it('refuses a declared Content-Length over the limit with 413 TSR108 and saves nothing', async () => {
    const before = await count();
    const body = JSON.stringify({ name: 'big', description: 'x'.repeat(OBJECTS_LIMIT) });
    const result = await server.request('POST', RECORDS, { token, rawBody: body, headers: { 'content-type': 'application/json' } });
    expect(result.status).toBe(413);
    expect(result.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(result.body).toMatchObject({ code: 'TSR108', status: 413 });
    expect(result.body.detail).toContain(String(OBJECTS_LIMIT));
    expect(await count()).toBe(before);
  });

  it('refuses a streamed body once it passes the limit, without a Content-Length', async () => {
    const before = await count();
    const piece = new TextEncoder().encode('x'.repeat(64 * 1024));
    const chunks = [new TextEncoder().encode('{"name":"streamed","description":"'), ...Array.from({ length: 20 }, () => piece), new TextEncoder().encode('"}')];
    const response = await postStreamed(chunks);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { code: string }).code).toBe('TSR108');
    expect(await count()).toBe(before);
  });

  it('joins chunks that split a multi-byte character and saves the exact text', async () => {
    const name = '华为技术有限公司 商机 — Ünïcode ✓';
    const bytes = new TextEncoder().encode(JSON.stringify({ name }));
    // One byte per chunk: every character of more than one byte is split between chunks.
    const chunks = Array.from(bytes, (byte) => Uint8Array.of(byte));
    const response = await postStreamed(chunks);
    expect(response.status).toBe(201);
    const created = (await response.json()) as { id: string; name: string };
    expect(created.name).toBe(name);
    expect((await server.tenant(token).get(`${RECORDS}/${created.id}`)).body.name).toBe(name);
  });

  it('accepts a body just under the limit and reads an empty body as a clear 400', async () => {
    const under = await server.request('POST', RECORDS, { token, body: { name: 'under', description: 'y'.repeat(1500) } });
    expect(under.status).toBe(201);
    const empty = await server.request('POST', RECORDS, { token, rawBody: '', headers: { 'content-type': 'application/json' } });
    expect(empty.status).toBe(400);
    expect(empty.body.code).toBe('TSR101');
  });

  it('applies the same limit to in-process requests (app.request)', async () => {
    const tessera = await createApp({ ...reportServerErrors, database: server.database, adminToken: ADMIN_TOKEN });
    watchInProcess(tessera);
    try {
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const before = await count();
      const tooBig = await tessera.app.request(RECORDS, {
        method: 'POST',
        headers,
        body: chunked([new TextEncoder().encode(`{"name":"${'z'.repeat(OBJECTS_LIMIT)}"}`)]),
        duplex: 'half',
      } as RequestInit);
      expect(tooBig.status).toBe(413);
      expect(((await tooBig.json()) as { code: string }).code).toBe('TSR108');
      expect(await count()).toBe(before);
      const fine = await tessera.app.request(RECORDS, { method: 'POST', headers, body: JSON.stringify({ name: '进程内' }) });
      expect(fine.status).toBe(201);
      expect(((await fine.json()) as { name: string }).name).toBe('进程内');
    } finally {
      await tessera.close();
    }
  });
});
