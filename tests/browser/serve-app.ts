// Serves a Hono app on a free loopback port with @hono/node-server, for a real browser to reach.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';

/** The slice of a Hono app the adapter needs. */
export interface FetchApp {
  fetch: (request: Request) => Response | Promise<Response>;
}

export interface ServedApp {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  close(): Promise<void>;
}

export async function serveApp(app: FetchApp): Promise<ServedApp> {
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Chromium keeps connections alive; without this, close() waits for them to time out.
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
