// Live reload across instances: a change applied through one runtime is served by another within
// one second. With PostgreSQL, two real `tessera serve` processes share a database and the second
// hears the revision through LISTEN/NOTIFY. PGlite serves one process only, so there the test runs
// the same scenario in-process on the periodic check path (and says so in its name). The periodic
// check is also proven on its own, with NOTIFY switched off, on every driver.
import { createApp, createTestDatabase, type Database, postgresAvailable, testDriverKinds } from '@tessera/runtime';
import { describe, expect, it } from 'vitest';
import { reportServerErrors, watchInProcess } from '../support/server-errors.ts';
import { spawnServer } from '../support/spawn-server.ts';
import { dealWith, model } from './evolution-support.ts';

const ADMIN = 'live-reload-admin-token';
const hasPostgres = await postgresAvailable();
const kinds = await testDriverKinds();
const withPriority = model(dealWith((def) => def.fields.push({ apiName: 'priority', type: 'text', labels: { en: 'Priority' } })));

type Fetch = (path: string, init?: { method?: string; token?: string; body?: unknown }) => Promise<{ status: number; body: any }>;

const over =
  (base: string): Fetch =>
  async (path, init = {}) => {
    const response = await fetch(`${base}${path}`, {
      method: init.method ?? 'GET',
      headers: { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.body ? { 'content-type': 'application/json' } : {}) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };

/** Applies through `a`, then polls `b` every 50 ms until it serves the new field; returns the delay. */
async function reloadDelay(a: Fetch, b: Fetch): Promise<number> {
  const created = await a('/api/v1/admin/tenants', { method: 'POST', token: ADMIN, body: { slug: 'reload' } });
  expect(created.status).toBe(201);
  const token = created.body.token as string;
  expect((await a('/api/v1/metadata/apply', { method: 'POST', token, body: model() })).status).toBe(200);
  // b compiles and caches revision 1 before the change.
  expect((await b('/api/v1/objects/deal/records', { token })).status).toBe(200);
  expect((await b('/api/v1/objects/deal/records?fields=priority', { token })).status).toBe(400);
  const applied = await a('/api/v1/metadata/apply', { method: 'POST', token, body: withPriority });
  expect(applied.status).toBe(200);
  const start = Date.now();
  for (;;) {
    const read = await b('/api/v1/objects/deal/records?fields=priority', { token });
    if (read.status === 200) break;
    if (Date.now() - start > 5000) throw new Error(`b still serves the old model after 5 s (${read.status})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const delay = Date.now() - start;
  expect((await b('/api/v1/metadata', { token })).body.revision).toBe(2);
  return delay;
}

/** Two apps in this process on one database; b never hears NOTIFY, only its periodic check. */
async function inProcessPeriodicDelay(database: Database): Promise<number> {
  const deaf: Database = { ...database, listen: async () => async () => undefined };
  const a = await createApp({ ...reportServerErrors, database, adminToken: ADMIN, revisionCheckMs: 60_000 });
  const b = await createApp({ ...reportServerErrors, database: deaf, adminToken: ADMIN, revisionCheckMs: 200 });
  watchInProcess(a);
  watchInProcess(b);
  const local =
    (app: typeof a): Fetch =>
    async (path, init = {}) => {
      const response = await app.app.request(path, {
        method: init.method ?? 'GET',
        headers: { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.body ? { 'content-type': 'application/json' } : {}) },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    };
  try {
    return await reloadDelay(local(a), local(b));
  } finally {
    await a.close();
    await b.close();
  }
}

describe('live reload of metadata across runtime instances', () => {
  it(hasPostgres
    ? 'two real tessera serve processes on one PostgreSQL database: a change applied through one is served by the other within 1 s (LISTEN/NOTIFY)'
    : 'PGlite is single-process, so no second server: in-process, the periodic check serves a change to a second app within 1 s', async () => {
    if (!hasPostgres) {
      const database = await createTestDatabase('pglite');
      try {
        expect(await inProcessPeriodicDelay(database)).toBeLessThan(1000);
      } finally {
        await database.close();
      }
      return;
    }
    const database = await createTestDatabase('postgres');
    const env = { DATABASE_URL: database.url ?? '', TESSERA_ADMIN_TOKEN: ADMIN };
    const [first, second] = await Promise.all([spawnServer(env), spawnServer(env)]);
    try {
      const delay = await reloadDelay(over(first.url), over(second.url));
      // The serve default for the periodic check is 5 s, so under 1 s means NOTIFY delivered it.
      expect(delay).toBeLessThan(1000);
    } finally {
      await Promise.all([first.stop(), second.stop()]);
      await database.close();
    }
  }, 180_000); // Two server processes start here; on a busy machine that alone can take most of a minute.

  it.each(kinds)('the periodic check alone (NOTIFY off) serves a change within 1 s, in-process on %s', async (kind) => {
    const database = await createTestDatabase(kind);
    try {
      expect(await inProcessPeriodicDelay(database)).toBeLessThan(1000);
    } finally {
      await database.close();
    }
  });
});
