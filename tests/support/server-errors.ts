// The 5xx guard (issue #15): every 5xx is a bug, so every answer with status >= 500 and every
// unknown error a server logs is recorded here, and the setup file (server-errors-setup.ts, in
// vitest.config.ts `setupFiles`) fails the test after which one shows up undeclared.
//
// How to use it:
// - Servers from tests/support/test-server.ts, tests/security/security-server.ts (and the
//   approval server on it), tests/browser/browser-app.ts and tests/support/spawn-server.ts are
//   watched already. Any other node HTTP server in the test process is seen too (http-error-probe.ts).
// - Your own `createApp(...)`: spread `reportServerErrors` into its options so the error message
//   is recorded; if you call only `app.request()` (no HTTP server), also `watchInProcess(tessera)`.
// - Background jobs you start yourself: `startJobs({ ..., onError: recordJobError })`.
// - A test that provokes a 5xx on purpose declares it, by status and code (and optionally path):
//     expectServerErrors({ status: 503, code: 'TSR901' });
//   Only matching errors are excused, for the current test; any other 5xx still fails it.
// - `checkServerErrors()` throws with the list of undeclared errors since the last check and
//   forgets them; the setup file calls it after each test and after each file.
import type { AppOptions } from '@tessera/runtime';

export interface ServerErrorEvent {
  /** Which server saw it: `in-process`, `spawned <url>`, `browser`. */
  where: string;
  method?: string;
  /** Path and query as requested. */
  path?: string;
  status?: number;
  code?: string;
  requestId?: string;
  /** The unknown error's message (the server logs the stack under the request id). */
  message?: string;
}

export interface ServerErrorMatcher {
  status: number;
  code?: string;
  /** A string matches the path without its query; a RegExp is tested on path and query. */
  path?: string | RegExp;
}

let events: ServerErrorEvent[] = [];
let expected: ServerErrorMatcher[] = [];

/** Records one event; events with the same request id (response, log line, browser) merge into one. */
export function recordServerError(event: ServerErrorEvent): void {
  const same = event.requestId ? events.find((known) => known.requestId === event.requestId) : undefined;
  if (!same) {
    events.push({ ...event });
    return;
  }
  for (const [key, value] of Object.entries(event) as [keyof ServerErrorEvent, never][]) {
    if (value !== undefined && same[key] === undefined) same[key] = value;
  }
  // The app's hook knows the path without its query; the HTTP probe adds the query.
  if (event.path?.startsWith(`${same.path}?`)) same.path = event.path;
}

/** Spread into createApp options: `createApp({ ...reportServerErrors, database })`. */
export const reportServerErrors: Required<Pick<AppOptions, 'onUnexpectedError'>> = {
  onUnexpectedError: (error, request) => recordServerError({ where: 'in-process', ...request, status: 500, code: 'TSR900', message: describeError(error) }),
};

/** For startJobs' `onError`: a background job's failure is an unexpected error too. */
export function recordJobError(error: unknown): void {
  recordServerError({ where: 'background jobs', message: describeError(error) });
}

/** Counts the 5xx answers of an app used through `app.request()`, which no HTTP server carries. */
export function watchInProcess(tessera: { app: { fetch: (request: Request, ...rest: never[]) => Response | Promise<Response> } }): void {
  const original = tessera.app.fetch;
  tessera.app.fetch = async (request, ...rest) => {
    const response = await original(request, ...rest);
    if (response.status >= 500) {
      const body = await response.clone().text();
      const url = new URL(request.url);
      recordServerError({ where: 'in-process', method: request.method, path: url.pathname + url.search, status: response.status, ...problemFields(body) });
    }
    return response;
  };
}

/** Declares 5xx answers the current test provokes on purpose; the next check excuses only these. */
export function expectServerErrors(...matchers: ServerErrorMatcher[]): void {
  expected.push(...matchers);
}

/** Throws listing every undeclared 5xx since the last check; forgets events and declarations. */
export function checkServerErrors(context = 'this test'): void {
  const unexpected = events.filter((event) => !expected.some((matcher) => matches(matcher, event)));
  events = [];
  expected = [];
  if (unexpected.length === 0) return;
  const lines = unexpected.map((event) => `  - ${formatServerError(event)}`);
  throw new Error(
    `${unexpected.length} unexpected server error(s) during ${context} (every 5xx is a bug; if one is provoked on purpose, declare it with expectServerErrors({ status, code })):\n${lines.join('\n')}`,
  );
}

export function formatServerError(event: ServerErrorEvent): string {
  const what = [event.status ?? 'error', event.code, event.method, event.path].filter((part) => part !== undefined).join(' ');
  const id = event.requestId ? `request ${event.requestId}, ` : '';
  return `${what} (${id}${event.where})${event.message ? `: ${event.message}` : ''}`;
}

/** `code` and `requestId` from a problem+json body, when it is one. */
export function problemFields(body: string): Pick<ServerErrorEvent, 'code' | 'requestId'> {
  try {
    const parsed = JSON.parse(body) as { code?: unknown; requestId?: unknown };
    return {
      ...(typeof parsed.code === 'string' ? { code: parsed.code } : {}),
      ...(typeof parsed.requestId === 'string' ? { requestId: parsed.requestId } : {}),
    };
  } catch {
    return {};
  }
}

function matches(matcher: ServerErrorMatcher, event: ServerErrorEvent): boolean {
  if (event.status !== matcher.status) return false;
  if (matcher.code !== undefined && event.code !== matcher.code) return false;
  if (matcher.path === undefined) return true;
  const path = event.path ?? '';
  return typeof matcher.path === 'string' ? path.split('?')[0] === matcher.path : matcher.path.test(path);
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
