// The whole benchmark, in order: fresh database → Tessera + tenant + metadata (tables and indexes)
// → seed → Tessera cold starts → the two baselines (lean, Kysely) → response parity → interleaved
// load per op (Tessera, lean, Kysely, Tessera, …) with CPU per request → pipelines →
// list as a non-admin user (list-user) → add a field under load → data in and out (export, bulk
// upsert, import against COPY and the lean baseline) → BenchReport. --data-only: seed, then the data part. Every process it starts, it stops.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cpus, loadavg, platform, totalmem } from 'node:os';
import { type BenchOptions, comparedOps, runsSections } from './bench-options.ts';
import { recreateBenchDatabase } from './database/bench-database.ts';
import { createTablesFromContract } from './database/contract-ddl.ts';
import { ADDED_FIELDS, type AddFieldResult, addFieldUnderLoad } from './load/add-field-under-load.ts';
import { checkParity } from './load/check-parity.ts';
import { compareServers, type Target } from './load/compare-servers.ts';
import { openCpuProbe, withApplicationName } from './load/cpu-usage.ts';
import { profileServerTiming } from './load/profile-server-timing.ts';
import { runNoisyNeighbour } from './load/noisy-neighbour.ts';
import { runPipelineOps, seedStageHistory } from './load/pipeline-ops.ts';
import type { TesseraRunSettings } from './load/tessera-run-settings.ts';
import { retireUnanswered, type WorkloadData } from './load/workloads.ts';
import { loadBenchObjects, withExtraFields, withoutPipelines } from './metadata/bench-metadata.ts';
import { type BenchReport, judgeOp, MEMORY_LIMIT } from './report/bench-report.ts';
import { seedTables } from './seed/seed-tables.ts';
import { type ServerProcess, startServer } from './server-process.ts';
import { REPO_ROOT, RUNTIME_SOURCE, serverEntries } from './server-entries.ts';
import { applyMetadata, createTenant } from './tessera/tessera-api.ts';
import { runUserList } from './user-list/run-user-list.ts';
import { runDataBench } from './data/run-data-bench.ts';
import { runGeo } from './geo/run-geo.ts';
import { withSites } from './geo/site-object.ts';

/** The application_name each server's database connections carry (Tessera's jobs set their own). */
const APPLICATION_NAMES: Record<string, readonly string[]> = {
  tessera: ['bench-tessera', 'tessera-jobs'],
  lean: ['bench-lean'],
  baseline: ['bench-baseline'],
};
const urlFor = (url: string, server: string) => withApplicationName(url, APPLICATION_NAMES[server]?.[0] ?? `bench-${server}`);
const TENANT = 'bench';
const SCHEMA = `t_${TENANT}`;
const COLD_STARTS = 3;

export class RuntimeMissingError extends Error {}

export async function runBench(options: BenchOptions, log: (line: string) => void): Promise<BenchReport> {
  if (!options.baselineOnly && !existsSync(RUNTIME_SOURCE)) {
    throw new RuntimeMissingError(`The Tessera runtime entry ${RUNTIME_SOURCE} does not exist yet; run with --baseline-only to bench the baseline alone.`);
  }
  const database = await recreateBenchDatabase(options.database);
  log(`database ${SCHEMA} in ${database.url.replace(/\/\/[^@]*@/, '//…@')} (${database.serverVersion})`);
  // After the database answers, so a missing PostgreSQL is reported before seconds of building.
  const entries = await serverEntries();
  log(entries.built ? 'servers built to plain JavaScript, run with node' : 'BENCH_FROM_SOURCE=1: servers run from source through tsx');
  // The geo op's `site` object joins the model only when that op runs (and not from the contract).
  const geo = options.ops.includes('geo') && !options.baselineOnly;
  const objects = withSites(loadBenchObjects(), geo);
  const adminToken = `bench-admin-${randomBytes(16).toString('hex')}`;
  const started: ServerProcess[] = [];
  const startTessera = async () => {
    const server = await startServer({
      name: 'tessera',
      entry: entries.tessera,
      args: ['serve'],
      cwd: `${REPO_ROOT}runtime`,
      env: { DATABASE_URL: urlFor(database.url, 'tessera'), TESSERA_ADMIN_TOKEN: adminToken },
    });
    started.push(server);
    return server;
  };
  const notes: string[] = [];
  const loadBefore = loadavg()[0] ?? 0;
  try {
    let token: string;
    if (options.baselineOnly) {
      await createTablesFromContract(database.url, SCHEMA, objects);
      token = `tsr_bench_${randomBytes(16).toString('hex')}`;
      notes.push('--baseline-only: tables created from the storage contract, Tessera not run');
    } else {
      const setup = await startTessera();
      token = await createTenant(setup.baseUrl, adminToken, TENANT);
      // The CRUD comparison runs without pipelines: a stage move check and history row on every
      // create is work the baseline does not do. The pipeline is applied later, as a live change.
      const applied = await applyMetadata(setup.baseUrl, token, withoutPipelines(objects));
      if (applied.status !== 200) throw new Error(`metadata apply answered ${applied.status}: ${applied.body}`);
      log(`metadata applied: revision ${applied.revision}, ${applied.actions.length} actions (${applied.actions.map((a) => a.kind).join(', ')})`);
      await setup.stop();
    }

    log(`seeding ${options.rows.toLocaleString('en-US')} opportunities and ${Math.round(options.rows / 10).toLocaleString('en-US')} accounts…`);
    const seed = await seedTables(database.url, SCHEMA, options.rows);
    log(`seeded in ${seed.seconds.toFixed(1)} s`);

    const coldStarts: number[] = [];
    let tessera: ServerProcess | undefined;
    if (!options.baselineOnly) {
      for (let i = 0; i < COLD_STARTS; i++) {
        if (tessera) await tessera.stop();
        tessera = await startTessera();
        coldStarts.push(tessera.coldStartMs);
      }
      log(`Tessera cold start: ${coldStarts.map((ms) => ms.toFixed(0)).join(', ')} ms`);
    }
    const startBaseline = async (name: 'lean' | 'baseline') => {
      const server = await startServer({
        name,
        entry: entries[name],
        cwd: `${REPO_ROOT}bench`,
        env: { DATABASE_URL: urlFor(database.url, name), BENCH_TOKEN: token, TENANT_SCHEMA: SCHEMA },
      });
      started.push(server);
      return server;
    };
    const lean = await startBaseline('lean');
    const baseline = await startBaseline('baseline');

    const half = Math.ceil(seed.opportunitySample.length / 2);
    const data: WorkloadData = {
      token,
      accountIds: seed.accountIds,
      readIds: seed.opportunitySample.slice(0, half),
      patchVersions: new Map(seed.opportunitySample.slice(half).map((id) => [id, 1])),
      patchInFlight: new Set(),
    };
    // --data-only: the CRUD comparison and the Tessera-only sections below are left out.
    const crud = !options.dataOnly;
    if (!crud) notes.push('--data-only: the CRUD comparison, pipelines, list-user, noisy neighbour and add-field were not run');
    // Tessera-only ops alone (`--ops geo`): no add-field, pipelines, noisy neighbour or data part.
    const sections = runsSections(options);
    if (crud && !sections) notes.push(`--ops ${options.ops.join(',')}: add-field, pipelines, noisy neighbour and data in and out were not run`);
    const parity =
      tessera && crud
        ? {
            lean: await checkParity(tessera.baseUrl, lean.baseUrl, data, data.readIds[0] ?? ''),
            baseline: await checkParity(tessera.baseUrl, baseline.baseUrl, data, data.readIds[0] ?? ''),
          }
        : null;
    for (const [name, result] of Object.entries(parity ?? {}))
      if (result.differences.length) log(`parity differences (${name}):\n  ${result.differences.join('\n  ')}`);

    const asTarget = (server: ServerProcess): Target => ({
      name: server.name,
      baseUrl: server.baseUrl,
      pid: server.pid,
      applicationNames: APPLICATION_NAMES[server.name] ?? [],
      assertAlive() {
        const ended = server.exited();
        if (ended) throw new Error(`${server.name} ${ended} during the load; its last output:\n${server.log()}`);
      },
    });
    // The settings of a Tessera-only measured section (geo, list-user).
    const runSettings = (server: ServerProcess): TesseraRunSettings => ({
      baseUrl: server.baseUrl,
      databaseUrl: database.url,
      tenant: TENANT,
      schema: SCHEMA,
      durationSeconds: options.durationSeconds,
      warmupSeconds: options.warmupSeconds,
      connections: options.connections,
      rounds: options.rounds,
      profileRequests: options.quick ? 10 : 200,
      assertAlive: () => asTarget(server).assertAlive(),
      log,
    });
    const targets: Target[] = [...(tessera ? [asTarget(tessera)] : []), asTarget(lean), asTarget(baseline)];
    const cpu = await openCpuProbe(database.url);
    log(`PostgreSQL CPU per request from: ${cpu.source ?? 'nowhere (not measured)'}`);
    const comparison = await compareServers(targets, data, {
      cpu,
      ops: comparedOps(options.ops),
      durationSeconds: options.durationSeconds,
      warmupSeconds: options.warmupSeconds,
      connections: options.connections,
      rounds: options.rounds,
      log,
      afterRun: (op) => {
        if (op === 'patch') retireUnanswered(data);
      },
    }).finally(() => cpu.close());

    // Where Tessera's time goes, per op: a few sequential requests with Server-Timing read back.
    const timing: BenchReport['serverTiming'] = {};
    if (tessera) {
      for (const op of comparedOps(options.ops)) {
        const count = options.quick ? 10 : 200;
        const profile = await profileServerTiming(tessera.baseUrl, op, data, count);
        const leanProfile = await profileServerTiming(lean.baseUrl, op, data, count);
        const baselineProfile = await profileServerTiming(baseline.baseUrl, op, data, count);
        timing[op] = { ...profile, leanClientMeanMs: leanProfile.clientMeanMs, baselineClientMeanMs: baselineProfile.clientMeanMs };
      }
    }

    // Within 5 km, nearest first, over the seeded sites (Tessera only; its baseline is the plan without the index).
    let geoReport: BenchReport['geo'] = null;
    if (tessera && crud && geo) {
      geoReport = await runGeo(data, { ...runSettings(tessera), rows: options.rows });
    } else if (options.ops.includes('geo')) notes.push('geo: not run (needs the Tessera runtime)');

    // Before the analytics steps: a long funnel query still running would hold the table lock the
    // ALTER waits for, and that is a property of those queries, not of adding a field.
    let addField: AddFieldResult | null = null;
    if (tessera && sections) {
      log('adding a nullable field under list load…');
      addField = await addFieldUnderLoad(tessera.baseUrl, withoutPipelines(objects), data, {
        rows: options.rows,
        loadSeconds: Math.max(3, options.durationSeconds),
        connections: options.connections,
        // Half the list throughput Tessera reached in the comparison: busy, with headroom.
        ...(comparison.ops.list?.tessera ? { pacedRate: comparison.ops.list.tessera.rps / 2 } : {}),
      });
      asTarget(tessera).assertAlive();
    }

    // Board and funnel (Tessera only: the baseline has no pipelines, so no ratio).
    let pipelines: BenchReport['pipelines'] = null;
    let lastModel = objects;
    if (tessera && sections) {
      lastModel = addField ? withExtraFields(objects, [...ADDED_FIELDS]) : objects;
      const withPipeline = await applyMetadata(tessera.baseUrl, token, lastModel);
      if (withPipeline.status !== 200) throw new Error(`pipeline apply answered ${withPipeline.status}: ${withPipeline.body}`);
      log(`pipeline applied live: revision ${withPipeline.revision}, ${withPipeline.actions.map((a) => a.kind).join(', ')}`);
      const history = await seedStageHistory(database.url, SCHEMA, tessera.baseUrl, token);
      log(`stage history: ${history.rows.toLocaleString('en-US')} moves seeded in ${history.seconds.toFixed(1)} s`);
      // Dashboards, not a request storm: 4 concurrent clients, so latency shows one query's cost.
      const results = await runPipelineOps(tessera.baseUrl, token, {
        seconds: options.durationSeconds,
        warmupSeconds: options.warmupSeconds,
        connections: Math.min(4, options.connections),
      });
      for (const [op, result] of Object.entries(results))
        log(`${op}: ${result.rps.toFixed(0)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, ${result.errors} errors`);
      pipelines = { historyRows: history.rows, ...results };
      asTarget(tessera).assertAlive();
    }

    // One tenant must not stall another: a second tenant's gets while this one floods slow lists.
    let noisyNeighbour: BenchReport['noisyNeighbour'] = null;
    if (tessera && sections) {
      noisyNeighbour = await runNoisyNeighbour(tessera.baseUrl, adminToken, token, {
        seconds: options.durationSeconds,
        warmupSeconds: options.warmupSeconds,
        connections: options.connections,
        log,
      });
      asTarget(tessera).assertAlive();
    }

    // List as a non-admin user under sharing rules, against the admin's list (Tessera only). After
    // the comparison: its setup rewrites every opportunity's owner_id, which the other ops need not see.
    let userList: BenchReport['userList'] = null;
    if (tessera && crud && options.ops.includes('list-user')) {
      userList = await runUserList(data, runSettings(tessera));
      log(`list-user ÷ list (admin): ${userList.ratio.rps?.toFixed(2) ?? '–'}× req/s, p99 ${userList.ratio.p99?.toFixed(2) ?? '–'}×`);
    } else if (options.ops.includes('list-user')) {
      notes.push('list-user: not run (needs the Tessera runtime; the baseline has no security)');
    }

    // Data in and out, last: it adds external id fields and thousands of records the ops above need not see.
    let dataInOut: BenchReport['data'] = null;
    if (tessera && (options.dataOnly || sections)) {
      dataInOut = await runDataBench({
        tessera: { baseUrl: tessera.baseUrl, pid: tessera.pid, log: () => tessera?.log() ?? '' },
        leanUrl: lean.baseUrl,
        token,
        databaseUrl: database.url,
        schema: SCHEMA,
        objects: lastModel,
        rows: options.rows,
        quick: options.quick,
        log,
      });
      asTarget(tessera).assertAlive();
    } else if (!tessera) notes.push('data in and out: not run (needs the Tessera runtime)');

    const ops: BenchReport['ops'] = {};
    for (const op of options.ops) {
      const results = comparison.ops[op];
      if (results?.lean && results.baseline) ops[op] = judgeOp(op, results.tessera ?? null, results.lean, results.baseline);
    }
    const tesseraBytes = comparison.maxResidentBytes.tessera ?? null;
    const leanBytes = comparison.maxResidentBytes.lean ?? null;
    const baselineBytes = comparison.maxResidentBytes.baseline ?? null;
    const memoryRatio = tesseraBytes !== null && leanBytes ? tesseraBytes / leanBytes : null;
    // Measured before the bench started anything; afterwards the average mostly shows the bench itself.
    if (loadBefore > cpus().length * 0.5) {
      notes.push(
        `The machine was busy before the bench started (1-min load average ${loadBefore.toFixed(1)} on ${cpus().length} CPUs): ` +
          'absolute numbers are noisy; the interleaved ratios and the CPU per request are the comparison.',
      );
    }
    const sortedStarts = [...coldStarts].sort((a, b) => a - b);
    return {
      generatedAt: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
        memoryGiB: Math.round(totalmem() / 2 ** 30),
        node: process.version,
        postgres: database.serverVersion,
        platform: `${platform()} ${process.arch}`,
      },
      settings: {
        rows: options.rows,
        accounts: seed.accounts,
        durationSeconds: options.durationSeconds,
        warmupSeconds: options.warmupSeconds,
        connections: options.connections,
        rounds: options.rounds,
        quick: options.quick,
        baselineOnly: options.baselineOnly,
        dataOnly: options.dataOnly,
      },
      seedSeconds: seed.seconds,
      parity,
      postgresCpuSource: cpu.source,
      ops,
      serverTiming: timing,
      memory: {
        tesseraBytes,
        leanBytes,
        baselineBytes,
        ratio: memoryRatio,
        baselineRatio: tesseraBytes !== null && baselineBytes ? tesseraBytes / baselineBytes : null,
        pass: memoryRatio === null ? null : memoryRatio <= MEMORY_LIMIT,
      },
      coldStart: {
        tesseraMs: tessera ? coldStarts : null,
        tesseraMedianMs: sortedStarts.length ? (sortedStarts[Math.floor(sortedStarts.length / 2)] ?? null) : null,
        leanMs: lean.coldStartMs,
        baselineMs: baseline.coldStartMs,
      },
      pipelines,
      userList,
      noisyNeighbour,
      data: dataInOut,
      geo: geoReport,
      addField: addField && { ...addField, pass: !addField.error && addField.saturated.medianMs < 100 && addField.saturated.failedRequests === 0 },
      notes,
    };
  } finally {
    for (const server of started.reverse()) await server.stop();
  }
}
