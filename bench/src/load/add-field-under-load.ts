// Adds nullable fields to opportunity through POST /metadata/apply while a list load runs
// against Tessera, and reports each apply's wall time and Server-Timing db time and every request
// that failed during the whole load (non-2xx, socket errors, timeouts). Fields are added first
// with no load, so the report separates the DDL's own cost from waiting behind running reads.
// The saturating load (as many list requests as the server answers) puts every round trip of an
// apply in a queue; a paced load at half the measured list throughput shows the same change on a
// busy server that still has headroom, as production servers run (run-paced-load.ts: evenly
// spaced requests, not autocannon's once-a-second bursts). Each condition adds
// SAMPLES fields, one at a time, and reports the median and the slowest.
import { type BenchObject, withExtraFields } from '../metadata/bench-metadata.ts';
import { type ApplyResult, applyMetadata } from '../tessera/tessera-api.ts';
import { runLoad } from './run-load.ts';
import { runPacedLoad } from './run-paced-load.ts';
import { buildWorkload, type WorkloadData } from './workloads.ts';

const SAMPLES = 3;

export interface ApplySamples {
  /** Wall time of each apply as the client saw it. */
  applyMs: number[];
  serverDbMs: (number | null)[];
  statuses: number[];
  medianMs: number;
  maxMs: number;
  medianDbMs: number | null;
}

export interface LoadedApplies extends ApplySamples {
  loadRequests: number;
  failedRequests: number;
  loadP99: number;
}

export interface AddFieldResult {
  rows: number;
  actions: string[];
  idle: ApplySamples;
  /** Under the saturating list load. */
  saturated: LoadedApplies;
  /** Under a list load paced at `rate` requests/s. */
  paced?: LoadedApplies & { rate: number };
  error?: string;
}

const names = (prefix: string) => Array.from({ length: SAMPLES }, (_, i) => `${prefix}_${i + 1}`);
const IDLE = names('bench_note_idle');
const SATURATED = names('bench_note');
const PACED = names('bench_note_paced');

/** The fields this step adds, in order (the next metadata apply must keep them). */
export const ADDED_FIELDS: readonly string[] = [...IDLE, ...SATURATED, ...PACED];

export async function addFieldUnderLoad(
  baseUrl: string,
  objects: BenchObject[],
  data: WorkloadData,
  settings: { rows: number; loadSeconds: number; connections: number; pacedRate?: number },
): Promise<AddFieldResult> {
  const added: string[] = [];
  const results: ApplyResult[] = [];
  /** Adds the next field; every apply keeps the fields added before it. */
  const addNext = async (field: string) => {
    added.push(field);
    const result = await applyMetadata(baseUrl, data.token, withExtraFields(objects, added));
    results.push(result);
    return result;
  };
  const idle: ApplyResult[] = [];
  for (const field of IDLE) idle.push(await addNext(field));

  const underLoad = async (fields: readonly string[], rate?: number): Promise<LoadedApplies> => {
    const workload = buildWorkload('list', data);
    const load = rate
      ? runPacedLoad(baseUrl, workload, settings.loadSeconds, settings.connections, rate)
      : runLoad(baseUrl, workload, settings.loadSeconds, settings.connections);
    // Spread over the load, so reads run before, between and after the changes.
    const gap = (settings.loadSeconds * 1000) / (fields.length + 1);
    const applies: ApplyResult[] = [];
    for (const field of fields) {
      await new Promise((resolve) => setTimeout(resolve, gap - (applies.at(-1)?.ms ?? 0)));
      applies.push(await addNext(field));
    }
    const loaded = await load;
    return { ...summarise(applies), loadRequests: loaded.requests, failedRequests: loaded.errors, loadP99: loaded.p99 };
  };
  const saturated = await underLoad(SATURATED);
  const paced = settings.pacedRate ? { ...(await underLoad(PACED, settings.pacedRate)), rate: settings.pacedRate } : undefined;
  const failed = results.find((result) => result.status !== 200);
  return {
    rows: settings.rows,
    actions: [...new Set(results.flatMap((result) => result.actions.map((action) => action.kind)))],
    idle: summarise(idle),
    saturated,
    ...(paced ? { paced } : {}),
    ...(failed ? { error: failed.body.slice(0, 500) } : {}),
  };
}

function summarise(applies: ApplyResult[]): ApplySamples {
  const sorted = [...applies].sort((a, b) => a.ms - b.ms);
  const middle = sorted[Math.floor(sorted.length / 2)];
  return {
    applyMs: applies.map((apply) => apply.ms),
    serverDbMs: applies.map((apply) => apply.serverDbMs),
    statuses: applies.map((apply) => apply.status),
    medianMs: middle?.ms ?? Number.NaN,
    maxMs: sorted.at(-1)?.ms ?? Number.NaN,
    medianDbMs: middle?.serverDbMs ?? null,
  };
}
