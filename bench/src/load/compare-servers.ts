// Runs every op against each server in turn, A B C A B C, each run preceded by a warm-up, and
// averages the measured runs per server. Resident memory of every server is sampled throughout, and
// the CPU each measured run cost (server process and PostgreSQL) is read before and after it.
import type { OpName } from '../bench-options.ts';
import { sampleMemory } from '../server-process.ts';
import { type CpuProbe, type CpuSpent, cpuSpent } from './cpu-usage.ts';
import { type LoadResult, runLoad } from './run-load.ts';
import { buildWorkload, type WorkloadData } from './workloads.ts';

export interface Target {
  name: string;
  baseUrl: string;
  pid: number;
  /** The application_name(s) its database connections carry (cpu-usage.ts finds its backends by them). */
  applicationNames: readonly string[];
  /** Throws with the server's last log lines when its process has ended. */
  assertAlive(): void;
}

export interface ServerOpResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  conflicts: number;
  requests: number;
  /** CPU time per request in microseconds over the measured runs; null where it could not be read. */
  serverCpuUs: number | null;
  postgresCpuUs: number | null;
  runs: MeasuredRun[];
}

/** A run's numbers; `cpu` where the run was measured with a CpuProbe. */
export type MeasuredRun = LoadResult & { cpu?: CpuSpent };

export interface ComparisonResult {
  ops: Partial<Record<OpName, Record<string, ServerOpResult>>>;
  /** Highest VmRSS seen per server while the comparison ran, in bytes. */
  maxResidentBytes: Record<string, number | null>;
}

export interface CompareSettings {
  ops: OpName[];
  durationSeconds: number;
  warmupSeconds: number;
  connections: number;
  rounds: number;
  /** Reads CPU time around each measured run; without it the CPU figures are null. */
  cpu?: CpuProbe;
  /** Called after every run (warm-up or measured), e.g. to retire patch ids left in flight. */
  afterRun?: (op: OpName) => void;
  log: (line: string) => void;
}

export async function compareServers(targets: Target[], data: WorkloadData, settings: CompareSettings): Promise<ComparisonResult> {
  const samplers = targets.map((target) => ({ name: target.name, sampler: sampleMemory(target.pid) }));
  const ops: ComparisonResult['ops'] = {};
  const stopSampling = () => Object.fromEntries(samplers.map(({ name, sampler }) => [name, sampler.stop()]));
  try {
    for (const op of settings.ops) {
      const runs = new Map<string, MeasuredRun[]>(targets.map((target) => [target.name, []]));
      for (let round = 0; round < settings.rounds; round++) {
        for (const target of targets) {
          if (settings.warmupSeconds > 0) {
            await runLoad(target.baseUrl, buildWorkload(op, data), settings.warmupSeconds, settings.connections);
            settings.afterRun?.(op);
          }
          const before = await settings.cpu?.read(target.pid, target.applicationNames);
          const load = await runLoad(target.baseUrl, buildWorkload(op, data), settings.durationSeconds, settings.connections);
          const after = await settings.cpu?.read(target.pid, target.applicationNames);
          const result: MeasuredRun = before && after ? { ...load, cpu: cpuSpent(before, after) } : load;
          target.assertAlive();
          settings.afterRun?.(op);
          runs.get(target.name)?.push(result);
          settings.log(
            `  ${op.padEnd(12)} ${target.name.padEnd(8)} run ${round + 1}: ${result.rps.toFixed(0)} req/s, ` +
              `p50 ${result.p50} ms, p99 ${result.p99} ms, errors ${result.errors}, ` +
              `CPU/request server ${perRequest(result.cpu?.serverMs ?? null, result.requests)?.toFixed(0) ?? '–'} µs, PostgreSQL ${perRequest(result.cpu?.postgresMs ?? null, result.requests)?.toFixed(0) ?? '–'} µs`,
          );
        }
      }
      ops[op] = Object.fromEntries([...runs].map(([name, results]) => [name, average(results)]));
    }
  } catch (error) {
    stopSampling();
    throw error;
  }
  return { ops, maxResidentBytes: stopSampling() };
}

export function average(runs: MeasuredRun[]): ServerOpResult {
  const mean = (pick: (run: LoadResult) => number) => runs.reduce((sum, run) => sum + pick(run), 0) / Math.max(1, runs.length);
  const sum = (pick: (run: LoadResult) => number) => runs.reduce((total, run) => total + pick(run), 0);
  // Total CPU over total requests (not a mean of per-run ratios), null if any run could not be read.
  const cpu = (pick: (spent: CpuSpent) => number | null) => {
    const spent = runs.map((run) => (run.cpu ? pick(run.cpu) : null));
    return spent.some((ms) => ms === null)
      ? null
      : perRequest(
          spent.reduce<number>((total, ms) => total + (ms ?? 0), 0),
          sum((run) => run.requests),
        );
  };
  return {
    rps: mean((run) => run.rps),
    p50: mean((run) => run.p50),
    p99: mean((run) => run.p99),
    errors: sum((run) => run.errors),
    conflicts: sum((run) => run.conflicts),
    requests: sum((run) => run.requests),
    serverCpuUs: cpu((spent) => spent.serverMs),
    postgresCpuUs: cpu((spent) => spent.postgresMs),
    runs,
  };
}

/** Milliseconds of CPU over `requests` → microseconds per request (null without a reading or requests). */
export function perRequest(ms: number | null, requests: number): number | null {
  return ms === null || requests === 0 ? null : (ms * 1000) / requests;
}
