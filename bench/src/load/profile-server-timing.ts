// After the load: sends N sequential requests of one op to a server and averages each
// Server-Timing metric (auth, parse, plan, db, render…), so the report shows where Tessera's time
// goes per request, without making the load generator parse headers during measured runs.
import type { Request } from 'autocannon';
import type { OpName } from '../bench-options.ts';
import { buildWorkload, type WorkloadData } from './workloads.ts';

export interface TimingProfile {
  requests: number;
  /** Mean duration per Server-Timing metric, in ms. */
  meanMs: Record<string, number>;
  /** Mean wall time per request as the client saw it, in ms. */
  clientMeanMs: number;
}

export async function profileServerTiming(baseUrl: string, op: OpName, data: WorkloadData, requests: number): Promise<TimingProfile> {
  const workload = buildWorkload(op, data);
  const totals = new Map<string, number>();
  let clientTotal = 0;
  for (let i = 0; i < requests; i++) {
    const context = {};
    const base = { method: workload.request.method, path: '/', headers: { ...workload.headers } } as Request;
    const request = workload.request.setupRequest(base, context);
    const started = performance.now();
    const response = await fetch(`${baseUrl}${request.path}`, {
      method: request.method ?? 'GET',
      headers: request.headers as Record<string, string>,
      ...(typeof request.body === 'string' ? { body: request.body } : {}),
    });
    const body = await response.text();
    clientTotal += performance.now() - started;
    workload.request.onResponse?.(response.status, body, context, Object.fromEntries(response.headers));
    for (const entry of (response.headers.get('server-timing') ?? '').split(',')) {
      const [name, ...params] = entry.trim().split(';');
      const duration = params.find((param) => param.trim().startsWith('dur='));
      if (name && duration) totals.set(name.trim(), (totals.get(name.trim()) ?? 0) + Number(duration.trim().slice(4)));
    }
  }
  return {
    requests,
    meanMs: Object.fromEntries([...totals].map(([name, total]) => [name, total / requests])),
    clientMeanMs: clientTotal / requests,
  };
}
