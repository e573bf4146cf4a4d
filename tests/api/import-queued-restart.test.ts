// Issue #20: an import queued but never started. A real `tessera serve` child process takes the
// upload, keeps the file and writes the `queued` row; its claim of the import is held up (a test
// trigger on `_imports` sleeps on the move to `running`), and the process is killed in that window
// (SIGKILL) and its connections ended, as a dead host's would be. The row stays `queued`. A second
// process RUNS it (the admin pressed Run and expects the import to happen): every row is written
// once, as the user who queued it; the history shows it done. A queued import whose file is gone
// is marked failed with the reason instead, never left `queued`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@tessera/runtime';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SpawnedServer, spawnServer } from '../support/spawn-server.ts';
import { callServer, createItemTenant } from './restart-support.ts';

const ADMIN = 'queued-admin-token';
const ROWS = 3_000;

describe('an import queued when its runtime died', () => {
  let database: TestDatabase & { url?: string };
  let importDir: string;
  const servers: SpawnedServer[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    importDir = mkdtempSync(join(tmpdir(), 'tessera-import-queued-'));
  }, 120_000);
  afterAll(async () => {
    for (const server of servers) await server.stop();
    await database?.close();
    rmSync(importDir, { recursive: true, force: true });
  });

  const start = async () => {
    const server = await spawnServer({
      DATABASE_URL: database.url as string,
      TESSERA_ADMIN_TOKEN: ADMIN,
      TESSERA_IMPORT_DIR: importDir,
      // A live request claims its import within milliseconds; the test does not wait the default minute.
      TESSERA_IMPORT_QUEUE_GRACE_MS: '0',
    });
    servers.push(server);
    return server;
  };
  const call = callServer;
  const items = async () => Number((await sql<{ n: number }>`select count(*)::int as n from t_queued.item`.execute(database.db)).rows[0]?.n);
  const statusOf = async (id: string) =>
    (await sql<{ status: string }>`select status from t_queued._imports where id = ${id}::uuid`.execute(database.db)).rows[0]?.status;

  it('runs it on the next start; a queued import without its file is failed with the reason', async () => {
    const first = await start();
    const token = await createItemTenant(first, ADMIN, 'queued');
    // Holds up the claim (queued → running) so the process can be killed between queueing and running.
    await sql`create function t_queued.hold_claim() returns trigger language plpgsql as $$
      begin if new.status = 'running' then perform pg_sleep(120); end if; return new; end $$`.execute(database.db);
    await sql`create trigger hold_claim before update on t_queued._imports for each row execute function t_queued.hold_claim()`.execute(database.db);

    const csv = `name,code\n${Array.from({ length: ROWS }, (_, i) => `Item ${i},I${i}`).join('\n')}\n`;
    const queued = await call(first, token, 'POST', '/api/v1/imports/item?duplicates=update&fileName=items.csv', csv, 'text/csv');
    expect(queued.status, queued.text).toBe(202);
    const id = queued.body.id as string;
    const lost = await call(first, token, 'POST', '/api/v1/imports/item?fileName=lost.csv', csv, 'text/csv');
    expect(lost.status, lost.text).toBe(202);
    // Both claims are waiting in the trigger.
    for (let tries = 0; tries < 200; tries++) {
      const waiting = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where wait_event = 'PgSleep'`.execute(database.db);
      if (waiting.rows[0]?.n === 2) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    first.process.kill('SIGKILL');
    await first.stop();
    // The dead process's sessions end (a host that went away; PostgreSQL would see it at its next write).
    await sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`.execute(database.db);
    await sql`drop trigger hold_claim on t_queued._imports`.execute(database.db);
    expect(await statusOf(id)).toBe('queued');
    expect(await statusOf(lost.body.id)).toBe('queued');
    expect(await items()).toBe(0);
    // The second upload's file is lost with its host (a temporary directory wiped by a reboot).
    rmSync(join(importDir, `t_queued-${lost.body.id}.csv`));

    const second = await start();
    let view = (await call(second, token, 'GET', `/api/v1/imports/${id}`)).body;
    for (let tries = 0; tries < 600 && !['done', 'failed'].includes(view.status); tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      view = (await call(second, token, 'GET', `/api/v1/imports/${id}`)).body;
    }
    expect(view).toMatchObject({ status: 'done', counts: { create: ROWS, update: 0, error: 0 }, interrupted: false });
    expect(await items()).toBe(ROWS);
    const failed = (await call(second, token, 'GET', `/api/v1/imports/${lost.body.id}`)).body;
    expect(failed).toMatchObject({ status: 'failed', interrupted: true, canRerun: false });
    expect(failed.failure).toMatch(/^never started: .*file is gone/);
    // Never both: the sweep on the next tick finds nothing queued, and the rows were written once.
    expect(await items()).toBe(ROWS);
    const history = await call(second, token, 'GET', '/api/v1/imports?object=item');
    expect(history.status, history.text).toBe(200);
    expect(history.body.data.map((entry: { id: string; status: string }) => [entry.id, entry.status])).toEqual([
      [lost.body.id, 'failed'],
      [id, 'done'],
    ]);
  }, 300_000);
});
