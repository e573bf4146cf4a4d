// Stale records under a controllable clock: the scan (pure SQL, run here on PostgreSQL and PGlite)
// reminds owners once per stage entry past the time limit, reassigns after the further delay,
// never twice; reminders are listed and closed over HTTP. On PostgreSQL the pg-boss schedule
// itself fires and runs the scan at the app's clock.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStaleScan, type StaleScanRun, startJobs, STALE_SCAN_QUEUE } from '@tessera/runtime';
import { testDriverKinds } from '../../runtime/src/db/test-database.ts';
import { expectProblem } from '../support/api-assertions.ts';
import { recordJobError } from '../support/server-errors.ts';
import { startTestServer, type TenantClient, type TestServer } from '../support/test-server.ts';
import { BACKUP_EMAIL, dealObject } from './pipeline-fixtures.ts';

// biome-ignore lint/suspicious/noExplicitAny: records are dynamic JSON
type Rec = Record<string, any>;
const HOUR = 3_600_000;
const kinds = await testDriverKinds();

async function setUp(server: TestServer, slug: string): Promise<{ api: TenantClient; rep: string; backup: string }> {
  const api = server.tenant(await server.createTenant(slug));
  expect((await api.apply(dealObject)).status).toBe(200);
  const rep = (await api.post('/api/v1/security/users', { email: 'rep@example.com', name: 'Rep' })).body.id as string;
  const backup = (await api.post('/api/v1/security/users', { email: BACKUP_EMAIL, name: 'Backup' })).body.id as string;
  return { api, rep, backup };
}

describe.each(kinds)('stale-record scan on %s', (kind) => {
  let server: TestServer;
  let api: TenantClient;
  let rep: string;
  let backup: string;
  const t0 = Math.floor(Date.now() / 1000) * 1000;
  let now = t0;
  const deals: Rec[] = [];
  const reminders = async () =>
    (
      await sql<{ kind: string; owner_id: string; record_id: string; due_at: string }>`
      select kind, owner_id::text, record_id::text, to_char(due_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as due_at
      from t_stale._reminders order by kind, record_id`.execute(server.database.db)
    ).rows;
  const scanAt = (hours: number) => runStaleScan(server.database.db, new Date(t0 + hours * HOUR));

  beforeAll(async () => {
    server = await startTestServer(kind, { clock: () => new Date(now) });
    ({ api, rep, backup } = await setUp(server, 'stale'));
    for (const name of ['A', 'B', 'C']) deals.push((await api.post('/api/v1/objects/deal/records', { name, owner_id: rep, next_step: 'x' })).body);
    now = t0 + HOUR;
    expect((await api.post(`/api/v1/objects/deal/records/${deals[2]?.id}/stage`, { stage: 'qualification' })).status).toBe(200);
  });
  afterAll(async () => server?.close());

  it('reminds nobody before the time limit', async () => {
    const run = await scanAt(47);
    expect(run.failures).toEqual([]);
    expect(await reminders()).toEqual([]);
  });

  it('reminds the owner once per stage entry after the limit, and flags the card', async () => {
    const run: StaleScanRun = await scanAt(49);
    expect(run.reminders).toBe(2);
    const rows = await reminders();
    expect(rows.map((row) => [row.kind, row.owner_id, row.record_id])).toEqual(
      [deals[0], deals[1]].map((deal) => ['stale', rep, deal?.id]).sort((a, b) => String(a[2]).localeCompare(String(b[2]))),
    );
    expect(rows[0]?.due_at).toBe(new Date(t0 + 48 * HOUR).toISOString());
    expect((await scanAt(50)).reminders).toBe(0);
    expect(await reminders()).toHaveLength(2);
    now = t0 + 49 * HOUR;
    const board = await api.get('/api/v1/objects/deal/board?limit=5');
    const prospecting = board.body.stages.find((column: Rec) => column.stage === 'prospecting');
    expect(prospecting.cards.map((card: Rec) => card.stale)).toEqual([true, true]);
    expect(board.body.stages.find((column: Rec) => column.stage === 'qualification').cards[0].stale).toBe(false);
  });

  it('reassigns to the configured user after the further delay, once', async () => {
    expect((await scanAt(71)).reassigned).toBe(0);
    const run = await scanAt(73);
    expect(run.reassigned).toBe(2);
    for (const deal of deals.slice(0, 2)) {
      const record = (await api.get(`/api/v1/objects/deal/records/${deal.id}`)).body;
      expect(record.owner_id).toBe(backup);
      expect(record.version).toBe(2);
    }
    expect((await api.get(`/api/v1/objects/deal/records/${deals[2]?.id}`)).body.owner_id).toBe(rep);
    expect((await scanAt(80)).reassigned).toBe(0);
    expect((await reminders()).filter((row) => row.kind === 'reassigned').map((row) => row.owner_id)).toEqual([backup, backup]);
  });

  it('lists reminders and closes them over HTTP', async () => {
    const all = await api.get('/api/v1/reminders');
    expect(all.status, all.text).toBe(200);
    expect(all.body.data).toHaveLength(4);
    const mine = await api.get(`/api/v1/reminders?ownerId=${rep}`);
    expect(mine.body.data.map((row: Rec) => [row.kind, row.stage, row.object])).toEqual([
      ['stale', 'prospecting', 'deal'],
      ['stale', 'prospecting', 'deal'],
    ]);
    const first = mine.body.data[0];
    const done = await api.patch(`/api/v1/reminders/${first.id}`, { done: true });
    expect(done.status, done.text).toBe(200);
    expect(typeof done.body.doneAt).toBe('string');
    expect((await api.get(`/api/v1/reminders?ownerId=${rep}`)).body.data).toHaveLength(1);
    expect((await api.get('/api/v1/reminders?status=done')).body.data.map((row: Rec) => row.id)).toEqual([first.id]);
    expectProblem(await api.patch('/api/v1/reminders/0190b9a4-0000-7000-8000-000000000000', { done: true }), 404, 'TSR539');
    expectProblem(await api.patch(`/api/v1/reminders/${first.id}`, { done: 'yes' }), 400, 'TSR100');
    expectProblem(await api.get('/api/v1/reminders?status=soon'), 400, 'TSR102');
  });
});

describe.each(kinds)('a stage entered twice, on %s', (kind) => {
  let server: TestServer;
  const t0 = Math.floor(Date.now() / 1000) * 1000;
  let now = t0;
  afterAll(async () => server?.close());

  it('counts the time limit from the latest entry into the stage, not the first', async () => {
    server = await startTestServer(kind, { clock: () => new Date(now) });
    const { api, rep } = await setUp(server, 'reentry');
    // The sales pipeline moves forward only; this tenant's lets a deal go back to prospecting.
    const pipelines = (dealObject.pipelines ?? []).map((pipeline, index) =>
      index === 0 ? { ...pipeline, transitions: { prospecting: ['qualification'], qualification: ['prospecting'] } } : pipeline,
    );
    const reapplied = await api.apply({ ...dealObject, pipelines });
    expect(reapplied.status, reapplied.text).toBe(200);
    const deal = (await api.post('/api/v1/objects/deal/records', { name: 'Back again', owner_id: rep, next_step: 'call' })).body;
    now = t0 + HOUR;
    expect((await api.post(`/api/v1/objects/deal/records/${deal.id}/stage`, { stage: 'qualification' })).status).toBe(200);
    now = t0 + 30 * HOUR;
    const back = await api.post(`/api/v1/objects/deal/records/${deal.id}/stage`, { stage: 'prospecting' });
    expect(back.status, back.text).toBe(200);
    const due = async () =>
      (
        await sql<{ due_at: string }>`select to_char(due_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as due_at from t_reentry._reminders`.execute(
          server.database.db,
        )
      ).rows.map((row) => row.due_at);
    // 49 h after creation is past 48 h from the first entry, but only 19 h after the latest.
    expect((await runStaleScan(server.database.db, new Date(t0 + 49 * HOUR))).reminders).toBe(0);
    expect(await due()).toEqual([]);
    expect((await runStaleScan(server.database.db, new Date(t0 + 79 * HOUR))).reminders).toBe(1);
    expect(await due()).toEqual([new Date(t0 + 78 * HOUR).toISOString()]);
  });
});

describe.each(kinds.filter((kind) => kind === 'postgres'))('the pg-boss schedule on %s', (kind) => {
  let server: TestServer;
  const t0 = Math.floor(Date.now() / 1000) * 1000;
  let now = t0;

  beforeAll(async () => {
    server = await startTestServer(kind, { clock: () => new Date(now) });
  });
  afterAll(async () => server?.close());

  it('fires the stale scan from the queue at the app clock', async () => {
    const { api, rep } = await setUp(server, 'boss');
    const deal = (await api.post('/api/v1/objects/deal/records', { name: 'Forgotten', owner_id: rep })).body;
    now = t0 + 49 * HOUR; // the controllable clock: two days later, past the 48 h limit
    const runs: StaleScanRun[] = [];
    const fired = new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (runs.some((run) => run.reminders > 0)) {
          clearInterval(check);
          resolve();
        }
      }, 100);
    });
    const jobs = await startJobs({
      db: server.database.db,
      connectionString: server.database.url as string,
      clock: () => new Date(now),
      cronMonitorIntervalSeconds: 1,
      cronWorkerIntervalSeconds: 1,
      onScan: (run) => runs.push(run),
      onError: recordJobError,
    });
    try {
      expect(jobs.kind).toBe('pg-boss');
      await fired;
      const rows = await sql<{ record_id: string; owner_id: string }>`select record_id::text, owner_id::text from t_boss._reminders`.execute(
        server.database.db,
      );
      expect(rows.rows).toEqual([{ record_id: deal.id, owner_id: rep }]);
      const queued = await sql<{ name: string; state: string }>`select name, state::text from pgboss.job where name = ${STALE_SCAN_QUEUE}`.execute(
        server.database.db,
      );
      expect(queued.rows.length).toBeGreaterThan(0);
      const schedules = await sql<{ name: string; cron: string }>`select name, cron from pgboss.schedule`.execute(server.database.db);
      expect(schedules.rows).toEqual([{ name: STALE_SCAN_QUEUE, cron: '* * * * *' }]);
    } finally {
      await jobs.stop();
    }
  }, 60_000);
});
