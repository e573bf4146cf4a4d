// Serves a Hono app on a free loopback port with @hono/node-server, for a real browser to reach.
// @hono/node-server is a runtime dependency, so it is resolved from runtime/: the tests package
// does not list it, and this keeps one version of it in the workspace.
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The slice of a Hono app the adapter needs. */
export interface FetchApp {
  fetch: (request: Request) => Response | Promise<Response>;
}

interface ListeningServer {
  address(): AddressInfo | string | null;
  close(callback?: (error?: Error) => void): unknown;
  closeAllConnections?: () => void;
}

interface NodeServerApi {
  serve(options: { fetch: FetchApp['fetch']; port: number; hostname?: string }, listening?: (info: AddressInfo) => void): ListeningServer;
}

export interface ServedApp {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  close(): Promise<void>;
}

export async function serveApp(app: FetchApp): Promise<ServedApp> {
  const { serve } = await importNodeServer();
  const server = await new Promise<ListeningServer>((resolve) => {
    const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(started));
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error(`unexpected server address ${String(address)}`);
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections?.();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

async function importNodeServer(): Promise<NodeServerApi> {
  const fromRuntime = createRequire(fileURLToPath(new URL('../../runtime/package.json', import.meta.url)));
  const loaded = (await import(pathToFileURL(fromRuntime.resolve('@hono/node-server')).href)) as Partial<NodeServerApi> & {
    default?: NodeServerApi;
  };
  const api = loaded.serve ? (loaded as NodeServerApi) : loaded.default;
  if (!api?.serve) throw new Error('@hono/node-server has no serve export');
  return api;
}
