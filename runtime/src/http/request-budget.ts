// Gives each API request its database budget before any handler runs, in one of three modes:
// - 'scoped' (lists, searches, boards, funnels, forecasts, metadata plans — the requests that can
//   run long): a request scope (AsyncLocalStorage) that the pool (db/fair-pool.ts) reads on every
//   connection it hands out: the tenant's and user's connection shares, the class's statement
//   timeout, and a cancel of the running statement when the client goes away.
// - 'slot' (writes and other short requests): one slot of the tenant's and user's share for the
//   whole request, taken once the tenant guard knows who asks, without a scope. AsyncLocalStorage
//   costs a hook on every promise in Node 20 (+170 µs of CPU per create in profile-op), and these
//   requests are bounded by the pool's default statement timeout anyway.
// - 'none' (a record read by id: one primary-key lookup no lock blocks).
import type { MiddlewareHandler } from 'hono';
import type { ConnectionShares } from '../db/connection-shares.ts';
import { ClientPresence, type RequestClass, runInRequestScope } from '../db/request-scope.ts';
import type { AppEnv } from './app-env.ts';

export interface RequestLimits {
  /** statement_timeout for record reads and writes, security and everything not a report (ms). */
  statementTimeoutMs: number;
  /** statement_timeout for boards, funnels, forecasts and metadata plans (ms). */
  reportTimeoutMs: number;
}

export const DEFAULT_REQUEST_LIMITS: RequestLimits = { statementTimeoutMs: 15_000, reportTimeoutMs: 60_000 };

export type BudgetMode = 'scoped' | 'slot' | 'none';

// Aggregates over a whole pipeline, and plans that count rows of every touched table.
const REPORT_PATH = /^\/api\/v1\/(?:objects\/[^/]+\/(?:board|funnel|forecast)|metadata\/(?:plan|validate|apply|revisions\/[^/]+\/revert))$/;
const SINGLE_RECORD = /^\/api\/v1\/objects\/[^/]+\/records\/[^/]+$/;

export function budgetModeOf(method: string, path: string): BudgetMode {
  if (method === 'GET' && SINGLE_RECORD.test(path)) return 'none';
  if (method === 'GET' || REPORT_PATH.test(path)) return 'scoped';
  return 'slot';
}

/** A list filter with substring searches reads every row (no index serves them). */
const TEXT_SEARCH = /"(?:icontains|starts_with|ends_with|in)"/;

/** Requests whose statements read every row: reports, and lists filtered by text searches. */
export function isHeavy(requestClass: RequestClass, filter: string | undefined): boolean {
  return requestClass === 'report' || (filter !== undefined && TEXT_SEARCH.test(filter));
}

export function requestClassOf(path: string): RequestClass {
  return REPORT_PATH.test(path) ? 'report' : 'request';
}

interface NodeResponse {
  writableFinished?: boolean;
  once(event: 'close', listener: () => void): void;
}

export function requestBudget(limits: RequestLimits, shares: ConnectionShares | undefined): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const mode = budgetModeOf(c.req.method, c.req.path);
    if (mode === 'none') return next();
    if (mode === 'slot') {
      let release: (() => void) | undefined;
      c.set('budget', {
        async bind(tenant, principal) {
          if (shares && !release) release = await shares.acquire({ tenant, principal }, { maxWaitMs: limits.statementTimeoutMs });
        },
      });
      try {
        await next();
      } finally {
        release?.();
      }
      return;
    }
    const requestClass = requestClassOf(c.req.path);
    const client = new ClientPresence();
    // @hono/node-server passes Node's response as env.outgoing; 'close' before the response has
    // finished means the client went away (app.request() in tests has no socket: never aborted).
    const outgoing = (c.env as { outgoing?: NodeResponse } | undefined)?.outgoing;
    const statementTimeoutMs = requestClass === 'report' ? limits.reportTimeoutMs : limits.statementTimeoutMs;
    const heavy = isHeavy(requestClass, c.req.method === 'GET' ? c.req.query('filter') : undefined);
    const scoped = runInRequestScope({ requestClass, statementTimeoutMs, client, held: 0, heavy }, () => next());
    // The scope ends once the handler is done and the response has gone out (a streamed export
    // still reads after the handler returned; a client that left early does not end a running
    // handler's scope). Without a socket (app.request() in tests) the handler's end is enough.
    let pending = outgoing ? 2 : 1;
    const settle = () => {
      if (--pending === 0) scoped.end();
    };
    outgoing?.once('close', () => {
      if (!outgoing.writableFinished) client.markGone();
      settle();
    });
    try {
      await scoped.result;
    } finally {
      settle();
    }
  };
}
