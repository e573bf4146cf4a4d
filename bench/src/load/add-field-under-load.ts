// Adds a nullable field to opportunity through POST /metadata/apply while a list load runs
// against Tessera, and reports the apply's wall time, its Server-Timing db time and every
// request that failed during the whole load (non-2xx, socket errors, timeouts). One field is
// added first with no load, so the report separates the DDL's own cost from waiting for locks
// behind running reads.
import { type BenchObject, withExtraFields } from '../metadata/bench-metadata.ts';
import { applyMetadata } from '../tessera/tessera-api.ts';
import { runLoad } from './run-load.ts';
import { buildWorkload, type WorkloadData } from './workloads.ts';

export interface AddFieldResult {
  rows: number;
  field: string;
  status: number;
  actions: string[];
  applyMs: number;
  serverDbMs: number | null;
  /** The same change (another field) with no load running. */
  idle: { status: number; applyMs: number; serverDbMs: number | null };
  loadRequests: number;
  failedRequests: number;
  loadP99: number;
  error?: string;
}

export async function addFieldUnderLoad(
  baseUrl: string,
  objects: BenchObject[],
  data: WorkloadData,
  settings: { rows: number; loadSeconds: number; connections: number },
): Promise<AddFieldResult> {
  const field = 'bench_note';
  const idle = await applyMetadata(baseUrl, data.token, withExtraFields(objects, ['bench_note_idle']));
  const load = runLoad(baseUrl, buildWorkload('list', data), settings.loadSeconds, settings.connections);
  // Apply a third of the way in, so reads run before, during and after the change.
  await new Promise((resolve) => setTimeout(resolve, (settings.loadSeconds * 1000) / 3));
  const apply = await applyMetadata(baseUrl, data.token, withExtraFields(objects, ['bench_note_idle', field]));
  const loaded = await load;
  return {
    rows: settings.rows,
    field: `opportunity.${field}`,
    status: apply.status,
    actions: apply.actions.map((action) => action.kind),
    applyMs: apply.ms,
    serverDbMs: apply.serverDbMs,
    idle: { status: idle.status, applyMs: idle.ms, serverDbMs: idle.serverDbMs },
    loadRequests: loaded.requests,
    failedRequests: loaded.errors,
    loadP99: loaded.p99,
    ...(apply.status === 200 ? {} : { error: apply.body.slice(0, 500) }),
  };
}
