// Issue #20: an import whose runtime process dies mid-run. A real `tessera serve` child process
// runs a large import in the background; the test checks that a live import is never taken for an
// interrupted one, then kills the process (SIGKILL: no chance to clean up). Nothing of the import
// is written (it is one transaction), and a second process marks it failed at start with the
// reason "interrupted"; "Run again" (POST /imports/:id/rerun) runs the kept file and imports every row.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@tessera/runtime';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failInterruptedImports } from '../../runtime/src/import/interrupted-imports.ts';
import { type SpawnedServer, spawnServer } from '../support/spawn-server.ts';
import { callServer, createItemTenant } from './restart-support.ts';

const ADMIN = 'restart-admin-token';
const ROWS = 60_000;

describe('an import interrupted by a restart', () => {
  let database: TestDatabase & { url?: string };
  let dir: string;
  let file: string;
  const servers: SpawnedServer[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    dir = mkdtempSync(join(tmpdir(), 'tessera-import-restart-'));
    file = join(dir, 'items.csv');
    writeFileSync(file, `name,code\n${Array.from({ length: ROWS }, (_, i) => `Item ${i},I${i}\n`).join('')}`);
  }, 120_000);
  afterAll(async () => {
    for (const server of servers) await server.stop();
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const start = async () => {
    const server = await spawnServer({ DATABASE_URL: database.url as string, TESSERA_ADMIN_TOKEN: ADMIN });
    servers.push(server);
    return server;
  };
  const call = callServer;
  const items = async () => Number((await sql<{ n: number }>`select count(*)::int as n from t_restart.item`.execute(database.db)).rows[0]?.n);

  it('marks the import failed (interrupted) at the next start; nothing written; a re-run imports every row', async () => {
    const first = await start();
    const token = await createItemTenant(first, ADMIN, 'restart');
    const csv = readFileSync(file, 'utf8');
    const started = await call(first, token, 'POST', '/api/v1/imports/item?duplicates=update', csv, 'text/csv');
    expect(started.status, started.text).toBe(202);
    const id = started.body.id as string;
    // Wait (bounded by tries) until the run has written some chunks inside its transaction.
    let view = started.body;
    for (let tries = 0; tries < 600 && !(view.status === 'running' && view.processed > 0); tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      view = (await call(first, token, 'GET', `/api/v1/imports/${id}`)).body;
    }
    expect(view.status).toBe('running');
    expect(view.processed).toBeGreaterThan(0);
    expect(view.processed).toBeLessThan(ROWS);
    // The owner is alive: the check leaves it alone.
    expect([...(await failInterruptedImports(database.db)).values()]).toEqual([]);
    first.process.kill('SIGKILL');
    await first.stop();
    // Left as it was: `running`, and nothing of it committed.
    const stored = await sql<{ status: string }>`select status from t_restart._imports where id = ${id}::uuid`.execute(database.db);
    expect(stored.rows[0]?.status).toBe('running');
    expect(await items()).toBe(0);

    const second = await start();
    const after = await call(second, token, 'GET', `/api/v1/imports/${id}`);
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ status: 'failed', processed: 0, interrupted: true, canRerun: true });
    expect(after.body.failure).toMatch(/^interrupted: /);
    expect(await items()).toBe(0);
    const listed = await call(second, token, 'GET', '/api/v1/imports?object=item');
    expect(listed.body.data[0]).toMatchObject({ id, status: 'failed', interrupted: true, canRerun: true, undo: { available: false, blockedBy: 'failed' } });
    // "Run again": the kept file and the same options, without another upload.
    const rerun = await call(second, token, 'POST', `/api/v1/imports/${id}/rerun?wait=true`);
    expect(rerun.status, rerun.text).toBe(200);
    expect(rerun.body).toMatchObject({ status: 'done', counts: { create: ROWS, update: 0, error: 0 }, options: { duplicates: 'update' } });
    expect(rerun.body.id).not.toBe(id);
    expect(await items()).toBe(ROWS);
    // The file moved to the re-run, which finished: the interrupted import cannot run a second time.
    const again = await call(second, token, 'POST', `/api/v1/imports/${id}/rerun?wait=true`);
    expect(again.status, again.text).toBe(409);
    expect(again.body.errors[0]).toMatchObject({ path: '/status', code: 'TSR421' });
    expect(await items()).toBe(ROWS);
  }, 600_000);
});
