// POST a file as the request body on a connection of its own, streamed from disk. The bench's
// other requests leave keep-alive connections in fetch's pool; one the server closes (its 5 s
// keep-alive timeout) just as a large upload starts on it fails the upload with EPIPE, and a POST
// is not retried — a client-side race, not the server refusing the file. A fresh connection
// (`agent: false`) cannot have been closed by the server before the request.
import { createReadStream, statSync } from 'node:fs';
import http from 'node:http';

export function postFile(url: string, headers: Record<string, string>, file: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const request = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: 'POST',
        agent: false,
        headers: { ...headers, 'content-length': String(statSync(file).size) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    createReadStream(file).on('error', reject).pipe(request);
  });
}
