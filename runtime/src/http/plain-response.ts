// The hot record answers (list, get, create, patch) with every header in one plain object, the
// request's Server-Timing and X-Request-Id included. Hono's c.body() turns more than one header into
// a WHATWG Headers object, and requestContext then set two more on the finished response; under
// @hono/node-server a plain object goes to writeHead as is, a Headers object is built, validated and
// copied back out per response. The wire answer is the same: names lowercase, in the sorted order a
// Headers object lists them, so callers pass theirs in that order (content-type, etag, location).
import type { Context } from 'hono';
import type { AppEnv } from './app-env.ts';

export function plainResponse(c: Context<AppEnv>, body: string, status: number, headers: Record<string, string>): Response {
  headers['server-timing'] = c.get('timer').header();
  headers['x-request-id'] = c.get('requestId');
  c.set('stamped', true);
  return new Response(body, { status, headers });
}
