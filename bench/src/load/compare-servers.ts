// Runs every op against each server in turn, A B A B, each run preceded by a warm-up, and averages
// the two measured runs per server. Resident memory of both processes is sampled throughout.
import type { OpName } from '../bench-options.ts';
import { sampleMemory } from '../server-process.ts';
import { type LoadResult, runLoad } from './run-load.ts';
import { buildWorkload, type WorkloadData } from './workloads.ts';

export interface Target {
  name: string;
  baseUrl: string;
  pid: number;
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
  runs: LoadResult[];
}

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
      const runs = new Map<string, LoadResult[]>(targets.map((target) => [target.name, []]));
      for (let round = 0; round < settings.rounds; round++) {
        for (const target of targets) {
          if (settings.warmupSeconds > 0) {
            await runLoad(target.baseUrl, buildWorkload(op, data), settings.warmupSeconds, settings.connections);
            settings.afterRun?.(op);
          }
          const result = await runLoad(target.baseUrl, buildWorkload(op, data), settings.durationSeconds, settings.connections);
          target.assertAlive();
          settings.afterRun?.(op);
          runs.get(target.name)?.push(result);
          settings.log(
            `  ${op.padEnd(12)} ${target.name.padEnd(8)} run ${round + 1}: ${result.rps.toFixed(0)} req/s, ` +
              `p50 ${result.p50} ms, p99 ${result.p99} ms, errors ${result.errors}`,
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

export function average(runs: LoadResult[]): ServerOpResult {
  const mean = (pick: (run: LoadResult) => number) => runs.reduce((sum, run) => sum + pick(run), 0) / Math.max(1, runs.length);
  const sum = (pick: (run: LoadResult) => number) => runs.reduce((total, run) => total + pick(run), 0);
  return {
    rps: mean((run) => run.rps),
    p50: mean((run) => run.p50),
    p99: mean((run) => run.p99),
    errors: sum((run) => run.errors),
    conflicts: sum((run) => run.conflicts),
    requests: sum((run) => run.requests),
    runs,
  };
}
