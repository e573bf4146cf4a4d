// Shared by the suites that restart a real `tessera serve` under an import
// (import-restart.test.ts, import-queued-restart.test.ts): calls over HTTP, and a tenant with an
// `item` object (a name and an external-id code) created through the API.
import { expect } from 'vitest';
import type { SpawnedServer } from '../support/spawn-server.ts';

const labels = (en: string) => ({ en, zh: en });

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked by the tests' expectations
type ResponseBody = any;

export async function callServer(
  server: SpawnedServer,
  token: string,
  method: string,
  path: string,
  body?: string | object,
  type = 'application/json',
): Promise<{ status: number; body: ResponseBody; text: string }> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': type },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, text };
}

/** Creates the tenant and its `item` object; returns the tenant's token. */
export async function createItemTenant(server: SpawnedServer, adminToken: string, slug: string): Promise<string> {
  const tenant = await callServer(server, adminToken, 'POST', '/api/v1/admin/tenants', { slug });
  expect(tenant.status, tenant.text).toBe(201);
  const token = tenant.body.token as string;
  const applied = await callServer(server, token, 'POST', '/api/v1/metadata/apply', {
    objects: [
      {
        apiName: 'item',
        labels: labels('Item'),
        nameField: 'name',
        fields: [
          { apiName: 'name', type: 'text', labels: labels('Name'), required: true },
          { apiName: 'code', type: 'text', labels: labels('Code'), externalId: true },
        ],
      },
    ],
  });
  expect(applied.status, applied.text).toBe(200);
  return token;
}
