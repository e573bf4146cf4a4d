// Renders errors as RFC 9457 problem+json. Unknown errors become a 500 with a request id and no
// internals; the full error goes to the log under that id.
import { ERROR_CODES } from '@tessera/metadata';
import type { Context } from 'hono';
import { ApiError } from '../core/api-error.ts';
import { translateDatabaseError } from '../core/translate-database-error.ts';
import { localizeProblem } from '../i18n/localize-problem.ts';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  instance: string;
  requestId: string;
  errors: { path: string; code: string; message: string; allowed?: string[] }[];
}

/** Told about each unknown error (a 500 TSR900), besides the log line: test servers count them. */
export type UnexpectedErrorHook = (error: unknown, request: { requestId: string; method: string; path: string }) => void;

export function toProblem(error: unknown, instance: string, requestId: string, onUnknown?: (error: unknown) => void): ProblemBody {
  const known = error instanceof ApiError ? error : translateDatabaseError(error);
  if (known) {
    // RFC 9457 extension members (e.g. `revision` on a 409, `violations` on a refused change).
    const extensions = (known as { extensions?: Record<string, unknown> }).extensions;
    return {
      ...extensions,
      type: `urn:tessera:problem:${known.code}`,
      title: ERROR_CODES[known.code].title,
      status: known.status,
      code: known.code,
      detail: known.detail,
      instance,
      requestId,
      errors: known.errors,
    };
  }
  console.error(`[${requestId}] unhandled error`, error);
  onUnknown?.(error);
  return {
    type: 'urn:tessera:problem:TSR900',
    title: ERROR_CODES.TSR900.title,
    status: 500,
    code: 'TSR900',
    detail: `Internal error; quote request id ${requestId} when reporting it.`,
    instance,
    requestId,
    errors: [],
  };
}

export function problemResponse(c: Context, error: unknown, onUnexpectedError?: UnexpectedErrorHook): Response {
  const requestId = c.get('requestId') ?? 'unknown';
  const path = new URL(c.req.url).pathname;
  const report = onUnexpectedError && ((unknown: unknown) => onUnexpectedError(unknown, { requestId, method: c.req.method, path }));
  // Title, detail and messages in the request's language (English unless Chinese is preferred).
  const body = localizeProblem(toProblem(error, path, requestId, report), c.req.header('accept-language'));
  const headers: Record<string, string> = { 'content-type': 'application/problem+json; charset=utf-8' };
  // 429s say when to come back (RFC 9110 Retry-After, in seconds).
  const retryAfter = (error as { retryAfter?: unknown } | null)?.retryAfter;
  if (typeof retryAfter === 'number' && error instanceof ApiError) headers['retry-after'] = String(retryAfter);
  return new Response(JSON.stringify(body), { status: body.status, headers });
}
