// Request bodies with a size limit, read straight from Node's socket stream when the app runs under
// @hono/node-server. Hono's own bodyLimit reads `c.req.raw.body`, which makes the adapter build a
// full WHATWG Request (headers copy, AbortController, ReadableStream) on every request, GETs
// included: ~13% of a record GET's CPU in the profile. Here a GET costs one header lookup, and a
// body is collected from `incoming` as Buffers, with the limit enforced as bytes arrive.
import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import { ApiError } from './api-error.ts';
import type { AppEnv } from './app-env.ts';

/** Used when a route reads a body without a limit set by middleware. */
const DEFAULT_LIMIT = 1024 * 1024;

function tooLarge(maxSize: number): ApiError {
  return new ApiError('TSR108', `The request body is larger than ${maxSize} bytes.`);
}

/** Sets the body limit for the routes below; a declared Content-Length over it is refused at once. */
export function bodyLimit(maxSize: number): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const declared = c.req.header('content-length');
    if (declared !== undefined && Number(declared) > maxSize) throw tooLarge(maxSize);
    c.set('bodyLimit', maxSize);
    await next();
  };
}

/** The body as UTF-8 text, read once per request (later calls get the same text). */
export async function readBodyText(c: Context<AppEnv>): Promise<string> {
  const cached = c.get('bodyText');
  if (cached !== undefined) return cached;
  const maxSize = c.get('bodyLimit') ?? DEFAULT_LIMIT;
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  const text = incoming && typeof incoming.on === 'function' ? await readIncoming(incoming, maxSize) : await readWebBody(c, maxSize);
  c.set('bodyText', text);
  return text;
}

function readIncoming(incoming: IncomingMessage, maxSize: number): Promise<string> {
  if (incoming.readableEnded) return Promise.resolve('');
  // Listeners, not `for await`: leaving an async iterator early destroys the stream and with it
  // the keep-alive socket, so the client's next request on it would fail. Past the limit we only
  // stop listening; the adapter drains what is left once the 413 has been sent.
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      incoming.off('data', onData);
      incoming.off('end', onEnd);
      incoming.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxSize) {
        stop();
        reject(tooLarge(maxSize));
      } else {
        chunks.push(chunk);
      }
    };
    const onEnd = () => {
      stop();
      resolve(chunks.length === 1 ? (chunks[0] as Buffer).toString('utf8') : Buffer.concat(chunks, size).toString('utf8'));
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    incoming.on('data', onData);
    incoming.on('end', onEnd);
    incoming.on('error', onError);
  });
}

/** In-process requests (`app.request()` in tests, other runtimes): the WHATWG body, limit counted in bytes. */
async function readWebBody(c: Context, maxSize: number): Promise<string> {
  const body = c.req.raw.body;
  if (!body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > maxSize) {
      await reader.cancel();
      throw tooLarge(maxSize);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}
