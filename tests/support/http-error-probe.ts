// Sees every answer with status >= 500 of every node HTTP server in this process (whoever built
// it, whoever asked), through node's built-in diagnostics channels: method, path, status, and the
// problem+json `code` and `requestId` from the first bytes of the body.
import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { problemFields, type ServerErrorEvent } from './server-errors.ts';

// A problem body is small; a huge 5xx body only needs its start to show code and request id.
const BODY_BYTES = 8192;

export function probeHttpServers(where: string, report: (event: ServerErrorEvent) => void): void {
  subscribe('http.server.request.start', (message) => {
    const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
    const chunks: Buffer[] = [];
    let size = 0;
    const keep = (chunk: unknown) => {
      if (response.statusCode < 500 || size >= BODY_BYTES || chunk === undefined || typeof chunk === 'function') return;
      const bytes = Buffer.from(chunk as string | Uint8Array);
      chunks.push(bytes);
      size += bytes.length;
    };
    const { write, end } = response;
    response.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
      keep(chunk);
      return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
    } as typeof response.write;
    response.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
      keep(chunk);
      return (end as (...args: unknown[]) => ServerResponse).call(this, chunk, ...rest);
    } as typeof response.end;
    response.once('close', () => {
      if (response.statusCode < 500) return;
      const header = response.getHeader('x-request-id');
      report({
        where,
        method: request.method,
        path: request.url,
        status: response.statusCode,
        ...(typeof header === 'string' ? { requestId: header } : {}),
        ...problemFields(Buffer.concat(chunks).toString('utf8')),
      });
    });
  });
}
