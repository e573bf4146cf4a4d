// The operations as autocannon request generators. Both servers get the same sequence of
// paths, bodies and ids; `setupRequest` varies them per request (stage, search term, id, body).
import type { Request } from 'autocannon';
import { STAGES } from '../seed/generate-rows.ts';
import { CONTAINS_TERMS } from '../seed/vocabulary.ts';
import type { OpName } from '../bench-options.ts';
import { GEO_CENTRES, geoPath } from '../geo/geo-query.ts';

export interface Workload {
  headers: Record<string, string>;
  request: {
    method: 'GET' | 'POST' | 'PATCH';
    setupRequest: (request: Request, context: object) => Request;
    onResponse?: (status: number, body: string, context: object, headers: Record<string, unknown> | undefined) => void;
  };
}

export interface WorkloadData {
  token: string;
  accountIds: string[];
  /** Ids the get workload reads. */
  readIds: string[];
  /** Ids the patch workload updates, each with the version it currently has. */
  patchVersions: Map<string, number>;
  /** Patch ids sent but not yet answered; see retireUnanswered. */
  patchInFlight: Set<string>;
}

/**
 * autocannon ends a run without waiting for the requests in flight, so a patch may commit after
 * the run with its new version unread. Those few ids (at most one per connection) leave the pool
 * rather than come back with a stale If-Match: every 409 the report shows is then a real one.
 */
export function retireUnanswered(data: WorkloadData): number {
  const retired = data.patchInFlight.size;
  for (const id of data.patchInFlight) data.patchVersions.delete(id);
  data.patchInFlight.clear();
  return retired;
}

const RECORDS = '/api/v1/objects/opportunity/records';

interface PatchContext {
  id?: string;
}

export function buildWorkload(op: OpName, data: WorkloadData): Workload {
  const headers = { authorization: `Bearer ${data.token}`, 'content-type': 'application/json' };
  let counter = 0;
  const cycle = <T>(items: readonly T[]): T => items[counter++ % items.length] as T;
  switch (op) {
    // list-user: the same requests, sent with a non-admin user's token (data.token).
    case 'list':
    case 'list-user': {
      const paths = STAGES.map((stage) => `${RECORDS}?${query({ filter: { '==': [{ var: 'stage' }, stage] }, sort: '-amount', limit: '50' })}`);
      return { headers, request: { method: 'GET', setupRequest: (request) => ({ ...request, path: cycle(paths) }) } };
    }
    case 'list-expand': {
      const paths = CONTAINS_TERMS.map((term) => `${RECORDS}?${query({ filter: { in: [term, { var: 'name' }] }, expand: 'account', limit: '50' })}`);
      return { headers, request: { method: 'GET', setupRequest: (request) => ({ ...request, path: cycle(paths) }) } };
    }
    // Sites within 5 km of each city centre in turn, nearest first (src/geo/).
    case 'geo': {
      const paths = GEO_CENTRES.map(geoPath);
      return { headers, request: { method: 'GET', setupRequest: (request) => ({ ...request, path: cycle(paths) }) } };
    }
    case 'get': {
      const paths = data.readIds.map((id) => `${RECORDS}/${id}`);
      return { headers, request: { method: 'GET', setupRequest: (request) => ({ ...request, path: cycle(paths) }) } };
    }
    case 'create':
      return {
        headers,
        request: {
          method: 'POST',
          setupRequest: (request) => {
            const n = counter++;
            return { ...request, path: RECORDS, body: JSON.stringify(newOpportunity(n, data.accountIds)) };
          },
        },
      };
    case 'patch': {
      const ids = [...data.patchVersions.keys()];
      return {
        headers,
        request: {
          method: 'PATCH',
          setupRequest: (request, context) => {
            const n = counter++;
            const id = ids[n % ids.length] as string;
            // pipelining 1: the context holds the id of the one request in flight on this connection.
            (context as PatchContext).id = id;
            data.patchInFlight.add(id);
            return {
              ...request,
              path: `${RECORDS}/${id}`,
              headers: { ...request.headers, 'if-match': `"${data.patchVersions.get(id)}"` },
              body: JSON.stringify({ amount: 1000 + (n % 100_000) + 0.5 }),
            };
          },
          onResponse: (status, _body, context, responseHeaders) => {
            const { id } = context as PatchContext;
            if (id) data.patchInFlight.delete(id);
            const etag = responseHeaders?.etag;
            if (status === 200 && id && typeof etag === 'string') data.patchVersions.set(id, Number(etag.replaceAll('"', '')));
          },
        },
      };
    }
  }
}

function query(params: Record<string, unknown>): string {
  return Object.entries(params)
    .map(([key, value]) => `${key}=${encodeURIComponent(typeof value === 'string' ? value : JSON.stringify(value))}`)
    .join('&');
}

/** The create body the workload sends as its n-th request (12 fields); check-parity.ts sends one too. */
export function newOpportunity(n: number, accountIds: string[]): Record<string, unknown> {
  const stage = STAGES[n % STAGES.length] as string;
  return {
    name: n % 2 === 0 ? `新建商机 ${n} - 云服务器扩容` : `New deal ${n} - Cloud Migration`,
    account: accountIds[(n * 7919) % accountIds.length],
    stage,
    amount: 10_000 + (n % 1000) * 123.45,
    probability: 40,
    quantity: 1 + (n % 50),
    close_date: '2026-06-30',
    last_activity_at: '2026-01-15T08:30:00.000Z',
    is_private: n % 10 === 0,
    contact_email: `new${n}@example.com`,
    lead_source: 'web',
    next_step: 'Send proposal',
  };
}
