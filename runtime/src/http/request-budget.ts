// Gives each API request its database budget before any handler runs: a statement timeout by
// request class and an abort signal that fires when the client closes the connection early.
// The db layer (db/fair-pool.ts) reads both through the request scope; the tenant guard adds
// who is asking, for the per-tenant and per-user connection shares.
import type { MiddlewareHandler } from 'hono';
import { ClientPresence, type RequestClass, runInRequestScope } from '../db/request-scope.ts';
import type { AppEnv } from './app-env.ts';

export interface RequestLimits {
  /** statement_timeout for record reads and writes, security and everything not a report (ms). */
  statementTimeoutMs: number;
  /** statement_timeout for boards, funnels, forecasts and metadata plans (ms). */
  reportTimeoutMs: number;
}

export const DEFAULT_REQUEST_LIMITS: RequestLimits = { statementTimeoutMs: 15_000, reportTimeoutMs: 60_000 };

// Aggregates over a whole pipeline, and plans that count rows of every touched table.
const REPORT_PATH = /^\/api\/v1\/(?:objects\/[^/]+\/(?:board|funnel|forecast)|metadata\/(?:plan|validate|apply|revisions\/[^/]+\/revert))$/;

// A record read by id is one primary-key lookup that no lock blocks: it runs outside the scope
// (the pool's default statement timeout still bounds it), which keeps AsyncLocalStorage's cost
// (every promise of the request pays a hook in Node 20) off the most frequent request.
const SINGLE_RECORD = /^\/api\/v1\/objects\/[^/]+\/records\/[^/]+$/;

export function needsScope(method: string, path: string): boolean {
  return !(method === 'GET' && SINGLE_RECORD.test(path));
}

export function requestClassOf(path: string): RequestClass {
  return REPORT_PATH.test(path) ? 'report' : 'request';
}

interface NodeResponse {
  writableFinished?: boolean;
  once(event: 'close', listener: () => void): void;
  off?(event: 'close', listener: () => void): void;
}

export function requestBudget(limits: RequestLimits): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!needsScope(c.req.method, c.req.path)) return next();
    const requestClass = requestClassOf(c.req.path);
    const client = new ClientPresence();
    // @hono/node-server passes Node's response as env.outgoing; 'close' before the response has
    // finished means the client went away (app.request() in tests has no socket: never aborted).
    const outgoing = (c.env as { outgoing?: NodeResponse } | undefined)?.outgoing;
    const onClose = () => {
      if (!outgoing?.writableFinished) client.markGone();
    };
    outgoing?.once('close', onClose);
    const statementTimeoutMs = requestClass === 'report' ? limits.reportTimeoutMs : limits.statementTimeoutMs;
    await runInRequestScope({ requestClass, statementTimeoutMs, client, held: 0 }, () => next());
  };
}
