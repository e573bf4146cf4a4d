// Runs the whole harness in --quick mode as `pnpm bench` would and checks the report's structure:
// every op has numbers for Tessera and both baselines, lean and Kysely (list-user: for the admin and
// the user), CPU per request for each, no request failed, and the lean baseline answered the parity
// requests (list, list-expand, get, create, patch) with Tessera's JSON, and the data part (export and
// import against COPY, bulk upsert against the lean baseline) has finite positive figures and no errors.
// It never asserts a time. Without a PostgreSQL server it still checks the one promise the bench makes then: exit 1, clear message.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { comparedOps, OP_NAMES } from './bench-options.ts';
import { serverUrl } from './database/bench-database.ts';
import type { BenchReport } from './report/bench-report.ts';

const BENCH_DIR = fileURLToPath(new URL('../', import.meta.url));
const RUNTIME_ENTRY = fileURLToPath(new URL('../../runtime/src/cli/main.ts', import.meta.url));
const resultsDir = mkdtempSync(join(tmpdir(), 'tessera-bench-smoke-'));
afterAll(() => rmSync(resultsDir, { recursive: true, force: true }));

function runHarness(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    cwd: BENCH_DIR,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 330_000,
  });
}

async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: serverUrl(), connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const hasPostgres = await postgresAnswers();
const hasRuntime = existsSync(RUNTIME_ENTRY);

describe('bench harness', () => {
  it('exits 1 with a clear message when no PostgreSQL answers', () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    const run = runHarness(['--quick', '--database', 'tessera_bench_smoke'], {
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/postgres',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('needs a running PostgreSQL server');
    expect(run.stderr).toContain('127.0.0.1:1');
  });

  it('rejects an unknown op before touching the database', () => {
    const run = runHarness(['--ops', 'list,delete']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('unknown --ops delete');
  });

  // Without a PostgreSQL server (a bare machine), the honest check is the refusal itself.
  it(hasPostgres ? 'runs every op against Tessera and both baselines in --quick mode' : 'refuses to run without the default PostgreSQL server', () => {
    if (!hasPostgres) {
      const refused = runHarness(['--quick', '--database', 'tessera_bench_smoke']);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain('needs a running PostgreSQL server');
      return;
    }
    expect(hasRuntime).toBe(true);
    const run = runHarness(['--quick', '--database', 'tessera_bench_smoke', '--results-dir', resultsDir, ...(hasRuntime ? [] : ['--baseline-only'])]);
    expect(run.stderr + run.stdout).not.toContain('bench failed');
    expect(run.status).toBe(0);
    const report = JSON.parse(readFileSync(join(resultsDir, 'latest.json'), 'utf8')) as BenchReport;
    const markdown = readFileSync(join(resultsDir, 'latest.md'), 'utf8');
    expect(markdown).toContain('| op | Tessera req/s | lean req/s | × lean | Kysely req/s |');
    expect(markdown).toContain('| op | Tessera server | lean server | Kysely server | Tessera PostgreSQL |');
    const servers = hasRuntime ? (['tessera', 'lean', 'baseline'] as const) : (['lean', 'baseline'] as const);
    const postgresCpuTotal = { tessera: 0, lean: 0, baseline: 0 };
    for (const op of comparedOps(OP_NAMES)) {
      const row = report.ops[op];
      expect(row, op).toBeDefined();
      for (const server of servers) {
        const result = row?.[server];
        expect(result?.requests, `${op} ${server} requests`).toBeGreaterThan(0);
        for (const metric of ['rps', 'p50', 'p99'] as const) expect(Number.isFinite(result?.[metric]), `${op} ${server} ${metric}`).toBe(true);
        expect(result?.errors, `${op} ${server} errors`).toBe(0);
        expect(result?.conflicts, `${op} ${server} 409s`).toBe(0);
        // CPU per request: the server's own always (Linux /proc), PostgreSQL's where the report names a source.
        expect(result?.serverCpuUs, `${op} ${server} server CPU`).toBeGreaterThan(0);
        // PostgreSQL's CPU is read in clock ticks (10 ms): a --quick op can honestly spend none, so each op is
        // only checked for a number and the sum over all ops must be positive (below).
        if (report.postgresCpuSource !== null) {
          expect(result?.postgresCpuUs, `${op} ${server} PostgreSQL CPU`).toBeGreaterThanOrEqual(0);
          postgresCpuTotal[server] += result?.postgresCpuUs ?? 0;
        }
      }
      if (hasRuntime) expect(Number.isFinite(row?.ratio?.rps)).toBe(true);
    }
    if (report.postgresCpuSource !== null)
      for (const server of servers) expect(postgresCpuTotal[server], `${server} PostgreSQL CPU over all ops`).toBeGreaterThan(0);
    expect(report.memory.baselineBytes).toBeGreaterThan(0);
    expect(report.memory.leanBytes).toBeGreaterThan(0);
    expect(report.coldStart.baselineMs).toBeGreaterThan(0);
    expect(report.coldStart.leanMs).toBeGreaterThan(0);
    if (hasRuntime) {
      // The lean baseline is the targets' reference: it must give Tessera's answers, writes included.
      expect(report.parity?.lean).toEqual({ checked: 5, differences: [] });
      expect(Number.isFinite(report.memory.ratio)).toBe(true);
      expect(report.memory.tesseraBytes).toBeGreaterThan(0);
      expect(report.coldStart.tesseraMs).toHaveLength(3);
      // Three fields each with no load, under the saturating load and under the paced load.
      const addField = report.addField;
      expect(addField?.error).toBeUndefined();
      expect(addField?.actions).toEqual(['add_column']);
      for (const samples of [addField?.idle, addField?.saturated, addField?.paced]) {
        expect(samples?.statuses).toEqual([200, 200, 200]);
        expect(samples?.applyMs.every((ms) => ms > 0)).toBe(true);
      }
      for (const loaded of [addField?.saturated, addField?.paced]) {
        expect(loaded?.loadRequests).toBeGreaterThan(0);
        expect(loaded?.failedRequests).toBe(0);
      }
      expect(addField?.paced?.rate).toBeGreaterThan(0);
      // list-user: the list as a team_0 user under sharing rules, beside the admin's (numbers present, no errors).
      const userList = report.userList;
      expect(userList, 'userList').toBeTruthy();
      for (const side of ['admin', 'user'] as const) {
        const result = userList?.[side];
        expect(result?.requests, `list-user ${side} requests`).toBeGreaterThan(0);
        for (const metric of ['rps', 'p50', 'p99'] as const) expect(Number.isFinite(result?.[metric]), `list-user ${side} ${metric}`).toBe(true);
        expect(result?.errors, `list-user ${side} errors`).toBe(0);
      }
      expect(Number.isFinite(userList?.ratio.rps), 'list-user ratio').toBe(true);
      expect(userList?.setup).toMatchObject({ roles: 11, users: 50, sharingRules: 2 });
      expect(userList?.check.pages).toBeGreaterThan(0);
      expect(userList?.check.narrowedPages).toBeGreaterThan(0);
      // Noisy neighbour: the quiet tenant answered every get, alone and under the other tenant's flood.
      const noisy = report.noisyNeighbour;
      expect(noisy, 'noisyNeighbour').toBeTruthy();
      expect(noisy?.quietAlone.errors).toBe(0);
      expect(noisy?.quietUnderFlood.errors).toBe(0);
      expect(noisy?.quietUnderFlood.rps).toBeGreaterThan(0);
      expect(Number.isFinite(noisy?.p99Ratio)).toBe(true);
      expect(readFileSync(join(resultsDir, 'latest.md'), 'utf8')).toContain('| list-user |');
      expect(readFileSync(join(resultsDir, 'latest.md'), 'utf8')).toContain('Noisy neighbour');
      checkDataReport(report, markdown);
      checkGeoReport(report, markdown);
    }
  }, 360_000);
});

/** Data in and out: every figure finite and positive, every row accounted for, no failed record. */
function checkDataReport(report: BenchReport, markdown: string): void {
  const data = report.data;
  expect(data, 'data').toBeTruthy();
  if (!data) return;
  const { export: exported, upsert } = data;
  const imported = data.import;
  const figures = {
    'export Tessera rows/s': exported.tessera.rowsPerSecond,
    'export Tessera bytes/s': exported.tessera.bytesPerSecond,
    'export COPY rows/s': exported.copy.rowsPerSecond,
    'export ratio': exported.ratio,
    'export max RSS': exported.tessera.maxRssBytes ?? Number.NaN,
    'upsert Tessera records/s': upsert.tessera.recordsPerSecond,
    'upsert lean records/s': upsert.lean.recordsPerSecond,
    'upsert ratio': upsert.ratio,
    'import Tessera rows/s': imported?.tessera.rowsPerSecond ?? Number.NaN,
    'import COPY rows/s': imported?.copy.rowsPerSecond ?? Number.NaN,
    'import ratio': imported?.ratio ?? Number.NaN,
    'import scratch COPY rows/s': imported?.scratchCopy.rowsPerSecond ?? Number.NaN,
    'import scratch ratio': imported?.scratchRatio ?? Number.NaN,
    'import max RSS': imported?.tessera.maxRssBytes ?? Number.NaN,
  };
  for (const [name, value] of Object.entries(figures)) {
    expect(Number.isFinite(value), name).toBe(true);
    expect(value, name).toBeGreaterThan(0);
  }
  // Every live opportunity exported (the seeded ones and those the create op added), COPY the same count.
  expect(exported.tessera.rows).toBeGreaterThanOrEqual(report.settings.rows);
  expect(exported.copy.rows).toBe(exported.tessera.rows);
  for (const side of [upsert.tessera, upsert.lean]) {
    expect(side.errors).toBe(0);
    expect(side.records).toBe(side.requests * upsert.batchSize);
    expect(side.created).toBe(side.records / 2);
    expect(side.updated).toBe(side.records / 2);
  }
  expect(imported?.tessera).toMatchObject({ rows: report.settings.rows, created: report.settings.rows, updated: 0, errors: 0 });
  expect(imported?.copy.rows).toBe(report.settings.rows);
  expect(imported?.scratchCopy.rows).toBe(report.settings.rows);
  expect(markdown).toContain('## Data in and out');
}

/** Geo: the sites seeded, the API's pages equal to the JS haversine, load answered, both plans timed. */
function checkGeoReport(report: BenchReport, markdown: string): void {
  const geo = report.geo;
  expect(geo, 'geo').toBeTruthy();
  if (!geo) return;
  expect(geo.rows).toBe(report.settings.rows);
  expect(geo.check.differences).toEqual([]);
  expect(geo.check.ids).toBeGreaterThan(0);
  expect(geo.load.requests).toBeGreaterThan(0);
  expect(geo.load.errors).toBe(0);
  expect(geo.explains.length).toBeGreaterThan(0);
  for (const explain of geo.explains) {
    for (const plan of [explain.indexed, explain.sequential]) {
      expect(plan.plan).toContain('Execution Time');
      expect(Number.isFinite(plan.executionMs)).toBe(true);
    }
    // The forced-sequential plan never reads the index, whatever the planner picks for the small --quick table.
    expect(explain.sequential.usesIndex).toBe(false);
  }
  expect(markdown).toContain('Geolocation (issue #21');
}
