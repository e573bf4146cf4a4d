// Noisy neighbour (issue #22): tenant "bench" floods list requests with expensive filters (16
// case-insensitive substring searches over every opportunity, from three tokens so the flood can
// take its tenant's whole connection share) while a second tenant reads single records. Reported:
// the quiet tenant's get latency alone and under the flood, and the p99 ratio (goal ≤ 3×).
import type { Request } from 'autocannon';
import { createTenant } from '../tessera/tessera-api.ts';
import { type LoadResult, runLoad } from './run-load.ts';
import type { Workload } from './workloads.ts';

export interface NoisyNeighbourResult {
  quietAlone: Pick<LoadResult, 'rps' | 'p50' | 'p99' | 'errors'>;
  quietUnderFlood: Pick<LoadResult, 'rps' | 'p50' | 'p99' | 'errors'>;
  flood: Pick<LoadResult, 'rps' | 'p50' | 'p99' | 'requests'> & { statusCodes: Record<string, number> };
  p99Ratio: number | null;
  pass: boolean | null;
}

const QUIET = 'quiet';
const NOTE = { apiName: 'note', labels: { en: 'Note', zh: '便签' }, fields: [{ apiName: 'name', type: 'text', labels: { en: 'Name', zh: '名称' } }] };
const FLOOD_FILTER = encodeURIComponent(JSON.stringify({ or: Array.from({ length: 16 }, (_, i) => ({ icontains: [{ var: 'name' }, `absent ${i}`] })) }));

async function call(baseUrl: string, token: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
  return { status: response.status, json: text ? JSON.parse(text) : null };
}

function rotating(paths: string[], tokens: string[], method: 'GET' = 'GET'): Workload {
  let counter = 0;
  return {
    headers: {},
    request: {
      method,
      setupRequest: (request: Request) => {
        const n = counter++;
        return { ...request, path: paths[n % paths.length] as string, headers: { ...request.headers, authorization: `Bearer ${tokens[n % tokens.length]}` } };
      },
    },
  };
}

export async function runNoisyNeighbour(
  baseUrl: string,
  adminToken: string,
  floodToken: string,
  options: { seconds: number; warmupSeconds: number; connections: number; log: (line: string) => void },
): Promise<NoisyNeighbourResult> {
  const quietToken = await createTenant(baseUrl, adminToken, QUIET);
  await call(baseUrl, quietToken, 'POST', '/api/v1/metadata/apply', { objects: [NOTE] });
  const ids: string[] = [];
  for (let i = 0; i < 50; i++) ids.push((await call(baseUrl, quietToken, 'POST', '/api/v1/objects/note/records', { name: `便签 ${i}` })).json.id);
  const extraTokens = [];
  for (let i = 0; i < 2; i++) extraTokens.push((await call(baseUrl, adminToken, 'POST', '/api/v1/admin/tenants/bench/tokens')).json.token as string);
  const floodTokens = [floodToken, ...extraTokens];

  const quiet = rotating(
    ids.map((id) => `/api/v1/objects/note/records/${id}`),
    [quietToken],
  );
  const flood = rotating([`/api/v1/objects/opportunity/records?limit=20&filter=${FLOOD_FILTER}`], floodTokens);
  // Four readers: a handful of users clicking, so latency shows waiting, not the quiet tenant's own queue.
  const quietConnections = 4;
  if (options.warmupSeconds > 0) await runLoad(baseUrl, quiet, options.warmupSeconds, quietConnections);
  const alone = await runLoad(baseUrl, quiet, options.seconds, quietConnections);
  options.log(`noisy neighbour: quiet get alone p50 ${alone.p50} ms, p99 ${alone.p99} ms`);
  const [underFlood, flooding] = await Promise.all([
    runLoad(baseUrl, quiet, options.seconds, quietConnections),
    runLoad(baseUrl, flood, options.seconds, options.connections),
  ]);
  const p99Ratio = alone.p99 > 0 ? underFlood.p99 / alone.p99 : null;
  options.log(
    `noisy neighbour: quiet get under flood p50 ${underFlood.p50} ms, p99 ${underFlood.p99} ms (${p99Ratio?.toFixed(2) ?? '–'}× alone); flood ${flooding.rps.toFixed(0)} req/s, statuses ${JSON.stringify(flooding.statusCodes)}`,
  );
  const pick = (run: LoadResult) => ({ rps: run.rps, p50: run.p50, p99: run.p99, errors: run.errors });
  return {
    quietAlone: pick(alone),
    quietUnderFlood: pick(underFlood),
    flood: { rps: flooding.rps, p50: flooding.p50, p99: flooding.p99, requests: flooding.requests, statusCodes: flooding.statusCodes },
    p99Ratio,
    pass: p99Ratio === null ? null : p99Ratio <= 3 && underFlood.errors === 0,
  };
}
