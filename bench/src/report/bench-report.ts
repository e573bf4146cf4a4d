// The shape of bench/results/latest.json, and how ratios and target verdicts are derived from
// raw numbers. Pure: the orchestrator fills the raw numbers, this file judges them.
import type { DataReport } from '../data/run-data-bench.ts';
import type { NoisyNeighbourResult } from '../load/noisy-neighbour.ts';
import type { PipelineOpName, PipelineOpResult } from '../load/pipeline-ops.ts';
import type { OpName } from '../bench-options.ts';
import type { AddFieldResult } from '../load/add-field-under-load.ts';
import type { ServerOpResult } from '../load/compare-servers.ts';
import type { PostgresCpuSource } from '../load/cpu-usage.ts';
import type { TimingProfile } from '../load/profile-server-timing.ts';
import type { UserListReport } from '../user-list/run-user-list.ts';
import type { GeoReport } from '../geo/run-geo.ts';

export interface Ratio {
  rps: number;
  p50: number;
  p99: number;
}

export interface OpReport {
  tessera: ServerOpResult | null;
  /** The lean hand-written server (src/baseline/lean/): the reference for the targets. */
  lean: ServerOpResult;
  /** The Hono + Kysely hand-written server (src/baseline/): a second column. */
  baseline: ServerOpResult;
  /** Tessera / lean; null when Tessera did not run. */
  ratio: Ratio | null;
  /** Tessera / Kysely baseline; null when Tessera did not run. */
  baselineRatio: Ratio | null;
  target: string;
  pass: boolean | null;
}

/** The servers a run compares, by the names their results are kept under. */
export const SERVERS = ['tessera', 'lean', 'baseline'] as const;
export type ServerName = (typeof SERVERS)[number];

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
    /** Only the data-in-and-out part ran (absent in reports from before it existed). */
    dataOnly?: boolean;
  };
  seedSeconds: number;
  /** Each hand-written server's answers compared with Tessera's (same requests, same JSON); null without Tessera. */
  parity: Record<'lean' | 'baseline', { checked: number; differences: string[] }> | null;
  /** Where the PostgreSQL CPU per request comes from (src/load/cpu-usage.ts); null: not measured. */
  postgresCpuSource: PostgresCpuSource;
  ops: Partial<Record<OpName, OpReport>>;
  /** Tessera's Server-Timing metrics per op, averaged over sequential requests after the load. */
  serverTiming: Partial<Record<OpName, TimingProfile & { leanClientMeanMs: number; baselineClientMeanMs: number }>>;
  /** Max VmRSS under load; ratio = Tessera / lean (the target), baselineRatio = Tessera / Kysely baseline. */
  memory: {
    tesseraBytes: number | null;
    leanBytes: number | null;
    baselineBytes: number | null;
    ratio: number | null;
    baselineRatio: number | null;
    pass: boolean | null;
  };
  coldStart: { tesseraMs: number[] | null; tesseraMedianMs: number | null; leanMs: number; baselineMs: number };
  addField: (AddFieldResult & { pass: boolean }) | null;
  /** Board and funnel over the seeded opportunities and their stage history (Tessera only). */
  pipelines?: ({ historyRows: number } & Record<PipelineOpName, PipelineOpResult>) | null;
  /** `list-user`: the list as a non-admin user under sharing rules, and its ratio to the admin's (Tessera only). */
  userList?: UserListReport | null;
  /** One tenant floods expensive filters; another tenant's get latency, alone and under the flood (Tessera only). */
  noisyNeighbour?: NoisyNeighbourResult | null;
  /** Data in and out (issue #20): export and import against COPY, bulk upsert against the lean baseline (Tessera only). */
  data?: DataReport | null;
  /** Within 5 km, nearest first (issue #21): load numbers and EXPLAIN with and without the GiST index (Tessera only). */
  geo?: GeoReport | null;
  notes: string[];
}

const POINT_OPS = new Set<OpName>(['get', 'create', 'patch']);
/** Issue #16's targets against the lean baseline: p99 and peak memory at most this multiple. */
export const P99_LIMIT = 1.3;
export const MEMORY_LIMIT = 1.3;

const ratioOf = (tessera: ServerOpResult, other: ServerOpResult): Ratio => ({
  rps: tessera.rps / other.rps,
  p50: tessera.p50 / Math.max(other.p50, 1e-9),
  p99: tessera.p99 / Math.max(other.p99, 1e-9),
});

/**
 * Targets from issue #16, against the lean baseline: rps ≥ 0.9× on get/create/patch and ≥ 1.0× on
 * the lists, p99 ≤ 1.3× on every op, no errors. The Kysely baseline's ratio is reported, not judged.
 */
export function judgeOp(op: OpName, tessera: ServerOpResult | null, lean: ServerOpResult, baseline: ServerOpResult): OpReport {
  const minimum = POINT_OPS.has(op) ? 0.9 : 1.0;
  const target = `rps ≥ ${minimum.toFixed(1)}×, p99 ≤ ${P99_LIMIT}×`;
  if (!tessera) return { tessera, lean, baseline, ratio: null, baselineRatio: null, target, pass: null };
  const ratio = ratioOf(tessera, lean);
  // autocannon records whole milliseconds; a p99 of 1 ms against 0 ms is not a 100× regression.
  const p99Ok = tessera.p99 <= Math.max(P99_LIMIT * lean.p99, lean.p99 + 1);
  const pass = ratio.rps >= minimum && p99Ok && tessera.errors === 0;
  return { tessera, lean, baseline, ratio, baselineRatio: ratioOf(tessera, baseline), target, pass };
}
