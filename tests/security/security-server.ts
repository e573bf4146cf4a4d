// A Tessera server for the security suites: createApp with security options (small rate limits,
// fast lockouts), a fetch client that can send a bearer token or a session cookie, and helpers that
// set up roles, permission sets and users through the public admin API.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp, createTestDatabase, type DatabaseKind, type TestDatabase } from '@tessera/runtime';
import type { AppOptions } from '@tessera/runtime';
import { expect } from 'vitest';
import { reportServerErrors } from '../support/server-errors.ts';
import { ADMIN_TOKEN, type HttpResult } from '../support/test-server.ts';

export interface Credentials {
  token?: string;
  cookie?: string;
}

export interface SecurityServer {
  database: TestDatabase;
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are checked by the tests that read them
  request<T = any>(
    method: string,
    path: string,
    options?: Credentials & { body?: unknown; headers?: Record<string, string>; rawBody?: string },
  ): Promise<HttpResult<T>>;
  createTenant(slug: string): Promise<string>;
  close(): Promise<void>;
}

export interface RunningSecurityServer extends SecurityServer {
  baseUrl: string;
  tessera: Awaited<ReturnType<typeof createApp>>;
}

/** `options` passes further createApp settings (e.g. a clock) for suites that build on this one. */
export async function startSecurityServer(
  kind: DatabaseKind,
  security: AppOptions['security'] = {},
  options: Partial<Omit<AppOptions, 'database' | 'security'>> = {},
): Promise<RunningSecurityServer> {
  const database = await createTestDatabase(kind);
  const tessera = await createApp({ ...reportServerErrors, adminToken: ADMIN_TOKEN, revisionCheckMs: 500, ...options, database, security });
  const server = serve({ fetch: tessera.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const request: SecurityServer['request'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.cookie) headers.cookie = options.cookie;
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
  return {
    database,
    request,
    baseUrl,
    tessera,
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

/** Admin-side setup through the API, failing loudly on anything but success. */
export class TenantAdmin {
  constructor(
    readonly server: SecurityServer,
    readonly tenant: string,
    readonly token: string,
  ) {}

  // biome-ignore lint/suspicious/noExplicitAny: response bodies are checked by the tests that read them
  async call<T = any>(method: string, path: string, body?: unknown, expected = [200, 201, 204]): Promise<T> {
    const result = await this.server.request<T>(method, path, { token: this.token, body });
    expect(expected, `${method} ${path}: ${result.status} ${result.text.slice(0, 500)}`).toContain(result.status);
    return result.body;
  }

  async role(name: string, parentId?: string): Promise<string> {
    return (await this.call<{ id: string }>('POST', '/api/v1/security/roles', { name, ...(parentId ? { parentId } : {}) })).id;
  }

  async permissionSet(name: string, objects: Record<string, unknown>): Promise<string> {
    return (await this.call<{ id: string }>('POST', '/api/v1/security/permission-sets', { name, objects })).id;
  }

  async user(email: string, options: { roleId?: string; permissionSetIds?: string[]; admin?: boolean; password?: string } = {}): Promise<string> {
    const body = { email, name: email.split('@')[0], password: options.password ?? PASSWORD, ...options };
    return (await this.call<{ id: string }>('POST', '/api/v1/security/users', body)).id;
  }

  /** Signs in and returns the `tessera_session=…` cookie pair. */
  async signIn(email: string, password = PASSWORD): Promise<string> {
    const result = await this.server.request('POST', '/api/v1/auth/sign-in', { body: { tenant: this.tenant, email, password } });
    expect(result.status, result.text).toBe(200);
    return sessionCookie(result);
  }

  /** A personal API token for the user. */
  async userToken(email: string): Promise<string> {
    const cookie = await this.signIn(email);
    const created = await this.server.request<{ token: string }>('POST', '/api/v1/auth/tokens', { cookie, body: { label: 'tests' } });
    expect(created.status, created.text).toBe(201);
    return created.body.token;
  }
}

export const PASSWORD = 'correct horse battery';

export function sessionCookie(result: HttpResult): string {
  const header = result.headers.get('set-cookie') ?? '';
  const match = /tessera_session=([^;]+)/.exec(header);
  if (!match) throw new Error(`no session cookie in ${header}`);
  return `tessera_session=${match[1]}`;
}

/** A problem body without what differs per request (request id, instance). */
export function problemShape(result: HttpResult): unknown {
  const { requestId: _id, instance: _instance, ...rest } = result.body as Record<string, unknown>;
  return { status: result.status, ...rest };
}
