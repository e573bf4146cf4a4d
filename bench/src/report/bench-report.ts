// The shape of bench/results/latest.json, and how ratios and target verdicts are derived from
// raw numbers. Pure: the orchestrator fills the raw numbers, this file judges them.
import type { NoisyNeighbourResult } from '../load/noisy-neighbour.ts';
import type { PipelineOpName, PipelineOpResult } from '../load/pipeline-ops.ts';
import type { OpName } from '../bench-options.ts';
import type { AddFieldResult } from '../load/add-field-under-load.ts';
import type { ServerOpResult } from '../load/compare-servers.ts';
import type { TimingProfile } from '../load/profile-server-timing.ts';
import type { UserListReport } from '../user-list/run-user-list.ts';

export interface OpReport {
  tessera: ServerOpResult | null;
  baseline: ServerOpResult;
  /** Tessera / baseline; null when Tessera did not run. */
  ratio: { rps: number; p50: number; p99: number } | null;
  target: string;
  pass: boolean | null;
}

export interface BenchReport {
  generatedAt: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; postgres: string; platform: string };
  settings: {
    rows: number;
    accounts: number;
    durationSeconds: number;
    warmupSeconds: number;
    connections: number;
    rounds: number;
    quick: boolean;
    baselineOnly: boolean;
  };
  seedSeconds: number;
  parity: { checked: number; differences: string[] } | null;
  ops: Partial<Record<OpName, OpReport>>;
  /** Tessera's Server-Timing metrics per op, averaged over sequential requests after the load. */
  serverTiming: Partial<Record<OpName, TimingProfile & { baselineClientMeanMs: number }>>;
  memory: { tesseraBytes: number | null; baselineBytes: number | null; ratio: number | null; pass: boolean | null };
  coldStart: { tesseraMs: number[] | null; tesseraMedianMs: number | null; baselineMs: number };
  addField: (AddFieldResult & { pass: boolean }) | null;
  /** Board and funnel over the seeded opportunities and their stage history (Tessera only). */
  pipelines?: ({ historyRows: number } & Record<PipelineOpName, PipelineOpResult>) | null;
  /** `list-user`: the list as a non-admin user under sharing rules, and its ratio to the admin's (Tessera only). */
  userList?: UserListReport | null;
  /** One tenant floods expensive filters; another tenant's get latency, alone and under the flood (Tessera only). */
  noisyNeighbour?: NoisyNeighbourResult | null;
  notes: string[];
}

const POINT_OPS = new Set<OpName>(['get', 'create', 'patch']);

/** Targets from the issue: ≥ 0.9× rps and p99 ≤ 1.5× on get/create/patch; ≥ 1.0× rps on lists. */
export function judgeOp(op: OpName, tessera: ServerOpResult | null, baseline: ServerOpResult): OpReport {
  const point = POINT_OPS.has(op);
  const target = point ? 'rps ≥ 0.9×, p99 ≤ 1.5×' : 'rps ≥ 1.0×';
  if (!tessera) return { tessera, baseline, ratio: null, target, pass: null };
  const ratio = {
    rps: tessera.rps / baseline.rps,
    p50: tessera.p50 / Math.max(baseline.p50, 1e-9),
    p99: tessera.p99 / Math.max(baseline.p99, 1e-9),
  };
  // autocannon records whole milliseconds; a p99 of 1 ms against 0 ms is not a 100× regression.
  const p99Ok = tessera.p99 <= Math.max(1.5 * baseline.p99, baseline.p99 + 1);
  const pass = point ? ratio.rps >= 0.9 && p99Ok : ratio.rps >= 1.0;
  return { tessera, baseline, ratio, target, pass: pass && tessera.errors === 0 };
}
