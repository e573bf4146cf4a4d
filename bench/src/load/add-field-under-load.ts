// Adds a nullable field to opportunity through POST /metadata/apply while a list load runs
// against Tessera, and reports the apply's wall time, its Server-Timing db time and every
// request that failed during the whole load (non-2xx, socket errors, timeouts). One field is
// added first with no load, so the report separates the DDL's own cost from waiting for locks
// behind running reads. The saturating load (as many list requests as the server answers) puts
// every round trip of the apply in a queue; a paced load at half the measured list throughput
// shows the same change on a busy server that still has headroom, as production servers run.
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
  /** The same change (a third field) under a list load paced at `rate` requests/s. */
  paced?: { field: string; rate: number; status: number; applyMs: number; serverDbMs: number | null; loadRequests: number; failedRequests: number; loadP99: number };
  error?: string;
}

/** The fields this step adds, in order (the next metadata apply must keep them). */
export const ADDED_FIELDS = ['bench_note_idle', 'bench_note', 'bench_note_paced'] as const;

export async function addFieldUnderLoad(
  baseUrl: string,
  objects: BenchObject[],
  data: WorkloadData,
  settings: { rows: number; loadSeconds: number; connections: number; pacedRate?: number },
): Promise<AddFieldResult> {
  const [idleField, field, pacedField] = ADDED_FIELDS;
  const idle = await applyMetadata(baseUrl, data.token, withExtraFields(objects, [idleField]));
  const underLoad = async (fields: string[], rate?: number) => {
    const load = runLoad(baseUrl, buildWorkload('list', data), settings.loadSeconds, settings.connections, rate);
    // Apply a third of the way in, so reads run before, during and after the change.
    await new Promise((resolve) => setTimeout(resolve, (settings.loadSeconds * 1000) / 3));
    const apply = await applyMetadata(baseUrl, data.token, withExtraFields(objects, fields));
    return { apply, loaded: await load };
  };
  const { apply, loaded } = await underLoad([idleField, field]);
  const paced = settings.pacedRate ? await underLoad([idleField, field, pacedField], settings.pacedRate) : undefined;
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
    ...(paced && settings.pacedRate
      ? {
          paced: {
            field: `opportunity.${pacedField}`,
            rate: settings.pacedRate,
            status: paced.apply.status,
            applyMs: paced.apply.ms,
            serverDbMs: paced.apply.serverDbMs,
            loadRequests: paced.loaded.requests,
            failedRequests: paced.loaded.errors,
            loadP99: paced.loaded.p99,
          },
        }
      : {}),
    ...(apply.status === 200 ? {} : { error: apply.body.slice(0, 500) }),
  };
}
