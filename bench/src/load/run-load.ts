// One autocannon run against one server → the numbers the report needs. Loopback, pipelining 1.
import autocannon from 'autocannon';
import type { Workload } from './workloads.ts';

export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  /** Non-2xx responses plus socket errors and timeouts. */
  errors: number;
  /** 409 responses (stale If-Match): counted inside `errors` too, and reported apart. */
  conflicts: number;
  statusCodes: Record<string, number>;
}

export async function runLoad(baseUrl: string, workload: Workload, seconds: number, connections: number): Promise<LoadResult> {
  const result = await autocannon({
    url: baseUrl,
    connections,
    pipelining: 1,
    duration: seconds,
    timeout: 10,
    headers: workload.headers,
    requests: [workload.request],
  });
  const statusCodes: Record<string, number> = {};
  for (const [code, stats] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = stats.count ?? 0;
  const elapsed = result.duration > 0 ? result.duration : seconds;
  return {
    requests: result.requests.total,
    rps: result.requests.total / elapsed,
    p50: result.latency.p50 ?? 0,
    p99: result.latency.p99 ?? 0,
    errors: result.non2xx + result.errors,
    conflicts: statusCodes['409'] ?? 0,
    statusCodes,
  };
}
