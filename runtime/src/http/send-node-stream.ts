// A download written straight into Node's ServerResponse instead of handing Hono a web stream:
// `Readable.toWeb` → Hono → @hono/node-server's reader loop cost about half an export's throughput
// (issue #20: 0.35–0.45× a plain COPY with it). With @hono/node-server the raw response is the
// request's env `outgoing`; the handler writes the head and pipes the body, and returns the
// adapter's RESPONSE_ALREADY_SENT marker so the adapter writes nothing more. `pipeline` keeps
// backpressure (the source is paused while the socket's buffer is full) and, when the client goes
// away, destroys the source — for an export that cancels the COPY and frees its connection.
// Without a Node response (app.request in tests, another adapter) the caller falls back to Hono.
import type { ServerResponse } from 'node:http';
import { type Readable, pipeline } from 'node:stream';
import type { HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { Context } from 'hono';
import type { AppEnv } from './app-env.ts';

/** The Node response behind this request, when the app runs under @hono/node-server over HTTP/1. */
export function nodeResponse(c: Context<AppEnv>): ServerResponse | undefined {
  const outgoing = (c.env as Partial<HttpBindings> | undefined)?.outgoing;
  return outgoing && typeof outgoing.writeHead === 'function' && !outgoing.headersSent ? outgoing : undefined;
}

/**
 * Sends `body` with status 200 and `headers` (plus the request id and Server-Timing the request
 * middleware would add: it only sees the marker). Errors after the head cut the response, so the
 * client sees a short download, never a silently truncated "complete" one.
 */
export function sendNodeStream(c: Context<AppEnv>, outgoing: ServerResponse, body: Readable, headers: Record<string, string>): Response {
  outgoing.writeHead(200, {
    ...headers,
    'x-request-id': c.get('requestId'),
    'server-timing': c.get('timer').header(),
  });
  pipeline(body, outgoing, (error) => {
    if (error && !outgoing.destroyed) outgoing.destroy(error);
  });
  return RESPONSE_ALREADY_SENT;
}
