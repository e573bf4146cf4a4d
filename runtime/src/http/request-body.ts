// Request bodies with a size limit, read straight from Node's socket stream when the app runs under
// @hono/node-server. Hono's own bodyLimit reads `c.req.raw.body`, which makes the adapter build a
// full WHATWG Request (headers copy, AbortController, ReadableStream) on every request, GETs
// included: ~13% of a record GET's CPU in the profile. Here a GET costs one header lookup, and a
// body is collected from `incoming` as Buffers, with the limit enforced as bytes arrive.
import { ClientClosedError } from '../db/request-scope.ts';
import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import { ApiError } from '../core/api-error.ts';
import type { AppEnv } from './app-env.ts';

/** Used when a route reads a body without a limit set by middleware. */
const DEFAULT_LIMIT = 1024 * 1024;

function tooLarge(maxSize: number): ApiError {
  return new ApiError('TSR108', `The request body is larger than ${maxSize} bytes.`);
}

/** Sets the body limit for the routes below; a declared Content-Length over it is refused at once. */
export function bodyLimit(maxSize: number): MiddlewareHandler<AppEnv> {
  return (c, next) => {
    setBodyLimit(c, maxSize);
    return next();
  };
}

/** bodyLimit's work, for a middleware that does more than set the limit (one layer instead of two). */
export function setBodyLimit(c: Context<AppEnv>, maxSize: number): void {
  const declared = c.req.header('content-length');
  if (declared !== undefined && Number(declared) > maxSize) throw tooLarge(maxSize);
  c.set('bodyLimit', maxSize);
}

/** The body as UTF-8 text, read once per request (later calls get the same text); not UTF-8 → 400 TSR119. */
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
      incoming.off('close', onClose);
    };
    // A client that leaves mid-body must end the request: a read that never settles would keep
    // whatever the request holds (its share slot, a transaction) forever.
    const onClose = () => {
      stop();
      reject(new ClientClosedError());
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
      try {
        resolve(decodeUtf8(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size)));
      } catch (error) {
        reject(error);
      }
    };
    const onError = (error: Error) => {
      stop();
      // Node reports a client that left mid-body as an 'aborted' error on the request stream.
      reject(incoming.complete ? error : new ClientClosedError());
    };
    incoming.on('data', onData);
    incoming.on('end', onEnd);
    incoming.on('error', onError);
    incoming.on('close', onClose);
    if (incoming.destroyed) onClose();
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
  return decodeUtf8(Buffer.concat(chunks, size));
}

// Fatal: Buffer#toString would replace every invalid sequence with U+FFFD and the record would be
// stored changed, without a word to the client.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    const at = firstInvalidUtf8Byte(bytes);
    throw new ApiError('TSR119', `The request body is not valid UTF-8 (byte ${at} starts an invalid sequence); send the text encoded as UTF-8.`, [
      { path: '', code: 'TSR119', message: `invalid UTF-8 at byte ${at}` },
    ]);
  }
}

/** Offset of the first byte that does not start a well-formed UTF-8 sequence (RFC 3629: no overlongs, surrogates or code points past U+10FFFF). */
export function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index] as number;
    const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length === 0 || index + length > bytes.length) return index;
    const second = bytes[index + 1] as number;
    // The second byte's range depends on the lead: it rules out overlongs, surrogates and > U+10FFFF.
    const [low, high] =
      lead === 0xe0 ? [0xa0, 0xbf] : lead === 0xed ? [0x80, 0x9f] : lead === 0xf0 ? [0x90, 0xbf] : lead === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    if (length > 1 && (second < low || second > high)) return index;
    for (let next = 2; next < length; next++) {
      const byte = bytes[index + next] as number;
      if (byte < 0x80 || byte > 0xbf) return index;
    }
    index += length;
  }
  return bytes.length;
}
