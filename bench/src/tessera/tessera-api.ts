// The few Tessera API calls the bench makes outside the load: create the tenant, apply metadata.
import type { BenchObject } from '../metadata/bench-metadata.ts';

export interface ApplyResult {
  status: number;
  revision?: number;
  actions: { kind: string }[];
  /** Wall time of the request as the client saw it. */
  ms: number;
  /** The `db` entry of the response's Server-Timing header, when present. */
  serverDbMs: number | null;
  body: string;
}

export async function createTenant(baseUrl: string, adminToken: string, slug: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/admin/tenants`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ slug }),
  });
  const text = await response.text();
  if (response.status !== 201) throw new Error(`POST /admin/tenants answered ${response.status}: ${text}`);
  return (JSON.parse(text) as { token: string }).token;
}

export async function applyMetadata(baseUrl: string, token: string, objects: BenchObject[]): Promise<ApplyResult> {
  const started = performance.now();
  const response = await fetch(`${baseUrl}/api/v1/metadata/apply`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ objects }),
  });
  const body = await response.text();
  const ms = performance.now() - started;
  const parsed = response.ok ? (JSON.parse(body) as { revision?: number; actions?: { kind: string }[] }) : {};
  return {
    status: response.status,
    ...(parsed.revision === undefined ? {} : { revision: parsed.revision }),
    actions: parsed.actions ?? [],
    ms,
    serverDbMs: serverTiming(response.headers.get('server-timing'), 'db'),
    body,
  };
}

/**
 * Plan → apply with the plan's hash: what an admin's review does for a change that touches data (a
 * roll-up backfilled over existing parents is refused without it, 428 TSR219).
 */
export async function applyReviewed(
  baseUrl: string,
  token: string,
  objects: BenchObject[],
): Promise<{ status: number; revision?: number; body: string; ms: number }> {
  const started = performance.now();
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const plan = await fetch(`${baseUrl}/api/v1/metadata/plan`, { method: 'POST', headers, body: JSON.stringify({ objects }) });
  const planBody = await plan.text();
  if (!plan.ok) return { status: plan.status, body: planBody, ms: performance.now() - started };
  const { planHash } = JSON.parse(planBody) as { planHash: string };
  const response = await fetch(`${baseUrl}/api/v1/metadata/apply`, { method: 'POST', headers, body: JSON.stringify({ definition: { objects }, planHash }) });
  const body = await response.text();
  const revision = response.ok ? (JSON.parse(body) as { revision?: number }).revision : undefined;
  return { status: response.status, ...(revision === undefined ? {} : { revision }), body, ms: performance.now() - started };
}

/** `db;dur=1.2, render;dur=0.1` → 1.2 for `db`. */
export function serverTiming(header: string | null, metric: string): number | null {
  if (!header) return null;
  for (const entry of header.split(',')) {
    const [name, ...params] = entry.trim().split(';');
    if (name?.trim() !== metric) continue;
    const duration = params.map((param) => param.trim()).find((param) => param.startsWith('dur='));
    return duration ? Number(duration.slice(4)) : null;
  }
  return null;
}
