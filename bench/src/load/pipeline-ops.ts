// Board and funnel over the seeded opportunities, Tessera only (the hand-written baseline has no
// pipelines, so there is no ratio). Seeds `_stage_history` first — one to four moves per
// opportunity up to its current stage over the last 90 days, in one INSERT … SELECT — so the funnel
// aggregates real history; the first board request creates the tenant's pipeline tables.
import pg from 'pg';
import type { Request } from 'autocannon';
import { type LoadResult, runLoad } from './run-load.ts';
import type { Workload } from './workloads.ts';

export type PipelineOpName = 'board' | 'funnel';
export const PIPELINE_OPS: readonly PipelineOpName[] = ['board', 'funnel'];

export interface PipelineOpResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  requests: number;
}

const BASE = '/api/v1/objects/opportunity';
const STAGE_ORDER = "array['prospecting','qualification','proposal','negotiation','closed_won']";

export async function seedStageHistory(databaseUrl: string, schema: string, baseUrl: string, token: string): Promise<{ rows: number; seconds: number }> {
  const started = performance.now();
  const warm = await fetch(`${baseUrl}${BASE}/board?limit=0`, { headers: { authorization: `Bearer ${token}` } });
  if (warm.status !== 200) throw new Error(`board answered ${warm.status}: ${await warm.text()}`);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const s = pg.escapeIdentifier(schema);
    // Each opportunity walks the open stages up to its own (lost ones leave from a random open stage).
    const result = await client.query(`
      insert into ${s}._stage_history (object, record_id, pipeline, from_stage, to_stage, moved_at, actor, seconds_in_previous)
      select 'opportunity', o.id, 'sales', case when step.n = 1 then null else (${STAGE_ORDER})[step.n - 1] end,
             case when o.stage = 'closed_lost' and step.n = o.last then 'closed_lost' else (${STAGE_ORDER})[step.n] end,
             now() - interval '90 days' + (step.n * interval '7 days') + (abs(hashtext(o.id::text)) % 86400) * interval '1 second',
             'bench', case when step.n = 1 then null else 604800 end
      from (select id, stage, case stage when 'prospecting' then 1 when 'qualification' then 2 when 'proposal' then 3
                                         when 'negotiation' then 4 when 'closed_won' then 5 else 1 + abs(hashtext(id::text)) % 4 end as last
            from ${s}.opportunity) o
      cross join lateral generate_series(1, o.last) as step(n)`);
    await client.query(`analyze ${s}._stage_history`);
    return { rows: result.rowCount ?? 0, seconds: (performance.now() - started) / 1000 };
  } finally {
    await client.end();
  }
}

function workload(op: PipelineOpName, token: string): Workload {
  const headers = { authorization: `Bearer ${token}` };
  const filters = ['', `&filter=${encodeURIComponent(JSON.stringify({ '>=': [{ var: 'amount' }, 50000] }))}`];
  let counter = 0;
  const paths =
    op === 'board'
      ? filters.map((filter) => `${BASE}/board?pipeline=sales&limit=20${filter}`)
      : filters.map((filter) => `${BASE}/funnel?pipeline=sales${filter}`);
  return { headers, request: { method: 'GET', setupRequest: (request: Request) => ({ ...request, path: paths[counter++ % paths.length] as string }) } };
}

export async function runPipelineOps(
  baseUrl: string,
  token: string,
  options: { seconds: number; warmupSeconds: number; connections: number },
): Promise<Record<PipelineOpName, PipelineOpResult>> {
  const results = {} as Record<PipelineOpName, PipelineOpResult>;
  for (const op of PIPELINE_OPS) {
    if (options.warmupSeconds > 0) await runLoad(baseUrl, workload(op, token), options.warmupSeconds, options.connections);
    const run: LoadResult = await runLoad(baseUrl, workload(op, token), options.seconds, options.connections);
    results[op] = { rps: run.rps, p50: run.p50, p99: run.p99, errors: run.errors, requests: run.requests };
  }
  return results;
}
