// Starts a real Tessera server on a loopback port over a fresh test database (PostgreSQL when
// the local server answers, else PGlite) and gives tests a small typed HTTP client. Its 5xx
// answers and unknown errors go to the guard (server-errors.ts).
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { type AppOptions, createApp, createTestDatabase, type DatabaseKind, type TestDatabase } from '@tessera/runtime';
import { reportServerErrors } from './server-errors.ts';

export const ADMIN_TOKEN = 'test-admin-token';

export interface HttpResult<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface TestServer {
  baseUrl: string;
  database: TestDatabase;
  request<T = any>(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string>; rawBody?: string },
  ): Promise<HttpResult<T>>;
  createTenant(slug: string): Promise<string>;
  /** A client bound to one tenant token. */
  tenant(token: string): TenantClient;
  close(): Promise<void>;
}

export interface TenantClient {
  get<T = any>(path: string, headers?: Record<string, string>): Promise<HttpResult<T>>;
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>): Promise<HttpResult<T>>;
  patch<T = any>(path: string, body?: unknown, headers?: Record<string, string>): Promise<HttpResult<T>>;
  delete<T = any>(path: string, headers?: Record<string, string>): Promise<HttpResult<T>>;
  apply(document: unknown): Promise<HttpResult<any>>;
  list(object: string, query?: Record<string, string | number>): Promise<HttpResult<{ data: any[]; nextCursor: string | null }>>;
}

export async function startTestServer(
  kind?: DatabaseKind,
  options: { designerDir?: string; clock?: () => Date; limits?: AppOptions['limits']; files?: AppOptions['files'] } = {},
): Promise<TestServer> {
  const database = await createTestDatabase(kind);
  const tessera = await createApp({
    ...reportServerErrors,
    database,
    adminToken: ADMIN_TOKEN,
    designerDir: options.designerDir,
    revisionCheckMs: 500,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.files ? { files: options.files } : {}),
  });
  const server = serve({ fetch: tessera.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;

  const request: TestServer['request'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    if (text && /json/.test(response.headers.get('content-type') ?? '')) parsed = JSON.parse(text);
    return { status: response.status, headers: response.headers, body: parsed as never, text };
  };

  const tenant = (token: string): TenantClient => ({
    get: (path, headers) => request('GET', path, { token, headers }),
    post: (path, body, headers) => request('POST', path, { token, body, headers }),
    patch: (path, body, headers) => request('PATCH', path, { token, body, headers }),
    delete: (path, headers) => request('DELETE', path, { token, headers }),
    apply: (document) => request('POST', '/api/v1/metadata/apply', { token, body: document }),
    list: (object, query = {}) => {
      const search = new URLSearchParams(Object.entries(query).map(([key, value]): [string, string] => [key, String(value)]));
      const text = search.toString();
      const suffix = text ? `?${text}` : '';
      return request('GET', `/api/v1/objects/${object}/records${suffix}`, { token });
    },
  });

  return {
    baseUrl,
    database,
    request,
    tenant,
    async createTenant(slug) {
      const created = await request<{ token: string }>('POST', '/api/v1/admin/tenants', { token: ADMIN_TOKEN, body: { slug } });
      if (created.status !== 201) throw new Error(`tenant ${slug}: ${created.status} ${created.text}`);
      return created.body.token;
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await tessera.close();
      await database.close();
    },
  };
}
