// Issue #20: a CSV export on PostgreSQL is one COPY written straight into Node's response
// (http/send-node-stream.ts). A client that goes away mid-download cancels it: after more aborted
// downloads than the pool has connections, no COPY is left running, and a later export (and a
// list request) is answered in full — a COPY that kept its connection would exhaust the pool.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { parseCsv } from './export-csv.ts';

const labels = (en: string) => ({ en, zh: en });
const ROWS = 30_000;
const POOL = 10;

describe('export abort', () => {
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer('postgres');
    token = await server.createTenant('exportabort');
    const applied = await server.tenant(token).apply({
      objects: [
        { apiName: 'note', labels: labels('Note'), nameField: 'title', fields: [{ apiName: 'title', type: 'text', labels: labels('Title'), required: true }] },
      ],
    });
    expect(applied.status).toBe(200);
    // Long titles: the file is several MB, far more than the socket buffers hold, so the COPY is
    // still running (paused by backpressure) when the client aborts.
    await sql`insert into t_exportabort.note (title) select 'note ' || i || ' ' || repeat('x', 200) from generate_series(1, ${ROWS}) as i`.execute(
      server.database.db,
    );
  }, 120_000);
  afterAll(async () => server?.close());

  const exportUrl = () => `${server.baseUrl}/api/v1/objects/note/export?format=csv&fields=title`;
  const copiesRunning = async () =>
    Number(
      (
        await sql<{
          n: number;
        }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and query ilike 'copy (%' and state <> 'idle'`.execute(
          server.database.db,
        )
      ).rows[0]?.n,
    );

  it('a client abort cancels the COPY and frees its connection; later requests are answered', async () => {
    for (let attempt = 0; attempt < POOL + 2; attempt++) {
      const controller = new AbortController();
      const response = await fetch(exportUrl(), { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      const first = await reader.read();
      expect(first.done).toBe(false);
      controller.abort();
      await reader.read().catch(() => undefined);
    }
    // The server sees each abort when its socket closes: wait (bounded by tries, not by a time) until no COPY runs.
    let running = await copiesRunning();
    for (let tries = 0; running > 0 && tries < 200; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      running = await copiesRunning();
    }
    expect(running).toBe(0);
    const full = await fetch(exportUrl(), { headers: { authorization: `Bearer ${token}` } });
    expect(full.status).toBe(200);
    const rows = parseCsv((await full.text()).replace(/^\uFEFF/, ''));
    expect(rows.length).toBe(ROWS + 1);
    expect(rows[1]?.[0]).toMatch(/^note \d+ x+$/);
    const list = await server.tenant(token).get('/api/v1/objects/note/records?limit=1');
    expect(list.status).toBe(200);
  }, 180_000);
});
