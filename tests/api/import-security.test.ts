// Issue #20: an import runs with the importer's security. A sales rep with a read-only amount and
// a hidden code cannot import into either (403 TSR153 naming amount; code answers like a field
// that does not exist), a reader without create permission cannot import at all, lookups resolve
// only to accounts the rep can see, and nothing is written by any refused import.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crmBundle } from '../fixtures/crm-objects.ts';
import { type RunningSecurityServer, startSecurityServer, TenantAdmin } from '../security/security-server.ts';
import { upload } from './import-support.ts';

describe('import security', () => {
  let server: RunningSecurityServer;
  let admin: TenantAdmin;
  let rep: string;
  let reader: string;
  let outsider: string;
  const send = (cookie: string, query: string, file: string) => upload(server.baseUrl, `/api/v1/imports/opportunity?${query}`, { cookie }, file);
  const count = async () =>
    (await sql<{ n: number }>`select count(*)::int as n from ${sql.id('t_importsec', 'opportunity')}`.execute(server.database.db)).rows[0]?.n;

  beforeAll(async () => {
    server = await startSecurityServer('postgres');
    admin = new TenantAdmin(server, 'importsec', await server.createTenant('importsec'));
    await admin.call('POST', '/api/v1/metadata/apply', crmBundle);
    const sales = await admin.permissionSet('sales', {
      account: { read: true },
      opportunity: { create: true, read: true, edit: true, fields: { amount: 'read', code: 'none' } },
    });
    const readOnly = await admin.permissionSet('readers', { opportunity: { read: true } });
    await admin.user('rep@example.com', { permissionSetIds: [sales] });
    await admin.user('reader@example.com', { permissionSetIds: [readOnly] });
    const accountsOnly = await admin.permissionSet('accounts', { account: { read: true } });
    await admin.user('outsider@example.com', { permissionSetIds: [accountsOnly] });
    outsider = await admin.signIn('outsider@example.com');
    rep = await admin.signIn('rep@example.com');
    reader = await admin.signIn('reader@example.com');
  }, 120_000);
  afterAll(async () => server?.close());

  it('refuses a column mapped to a read-only field, naming it; nothing written', async () => {
    const refused = await send(rep, 'wait=true', 'Name,Amount\nBig deal,100\n');
    expect(refused.status, refused.text).toBe(403);
    expect(refused.headers.get('content-type')).toMatch(/problem\+json/);
    expect(refused.body).toMatchObject({
      code: 'TSR153',
      errors: [{ path: '/mapping/Amount', code: 'TSR153', message: 'you may not edit opportunity.amount' }],
    });
    expect(refused.body.detail).toContain('opportunity.amount');
    expect(await count()).toBe(0);
  });

  it('a session may upload CSV, but not as a form-safe text/plain body (cross-site forgery)', async () => {
    const forged = await upload(server.baseUrl, '/api/v1/imports/opportunity?format=csv&wait=true', { cookie: rep }, 'Name\nForged\n', 'text/plain');
    expect(forged.status).toBe(415);
    expect(forged.body.code).toBe('TSR317');
    expect(await count()).toBe(0);
  });

  it('a hidden field is not offered and cannot be mapped by hand', async () => {
    const preview = await upload(server.baseUrl, '/api/v1/imports/opportunity/preview', { cookie: rep }, 'Name,Code\nX,C-1\n');
    expect(preview.body.mapping).toEqual({ Name: 'name', Code: null });
    const refused = await send(rep, `mapping=${encodeURIComponent(JSON.stringify({ Name: 'name', Code: 'code' }))}`, 'Name,Code\nX,C-1\n');
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: '/mapping/Code', code: 'TSR150' })]);
    expect(await count()).toBe(0);
  });

  it('no create or edit permission: refused', async () => {
    const refused = await send(reader, 'wait=true', 'Name\nNope\n');
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('TSR153');
    expect(await count()).toBe(0);
  });

  it('the columns the rep may edit import, as the rep', async () => {
    const done = await send(rep, 'wait=true', 'Name,Stage\nMine,方案报价\n');
    expect(done.body, done.text).toMatchObject({ status: 'done', counts: { create: 1 } });
    expect(await count()).toBe(1);
  });

  const multipart = async (cookie: string, withHeader: boolean) => {
    const form = new FormData();
    form.append('wait', 'true');
    form.append('file', new File(['Name\nBy form\n'], 'form.csv', { type: 'text/csv' }));
    const response = await fetch(`${server.baseUrl}/api/v1/imports/opportunity`, {
      method: 'POST',
      headers: { cookie, ...(withHeader ? { 'x-tessera-upload': 'multipart' } : {}) },
      body: form,
    });
    return { status: response.status, body: await response.json() };
  };

  it('a session may upload multipart only with the x-tessera-upload header (a cross-site form cannot set it)', async () => {
    const before = await count();
    const forged = await multipart(rep, false);
    expect(forged.status).toBe(415);
    expect(forged.body.code).toBe('TSR317');
    expect(await count()).toBe(before);
    const sent = await multipart(rep, true);
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body).toMatchObject({ status: 'done', fileName: 'form.csv', counts: { create: 1 } });
    expect(await count()).toBe((before ?? 0) + 1);
  });

  it('the history and an import’s rerun are only for users who can see its object', async () => {
    const history = await admin.call<{ data: Array<{ id: string }> }>('GET', '/api/v1/imports?object=opportunity');
    const ids = history.data.map((entry) => entry.id);
    expect(ids.length).toBeGreaterThan(0);
    const call = async (method: string, path: string) => {
      const response = await fetch(`${server.baseUrl}${path}`, { method, headers: { cookie: outsider, 'content-type': 'application/json' } });
      return { status: response.status, body: await response.json() };
    };
    const hidden = await call('GET', '/api/v1/imports');
    expect(hidden.status).toBe(200);
    expect(hidden.body.data).toEqual([]);
    const filtered = await call('GET', '/api/v1/imports?object=opportunity');
    expect(filtered.status).toBe(400);
    expect(filtered.body.errors).toEqual([expect.objectContaining({ path: '/object', code: 'TSR150' })]);
    for (const id of ids) {
      expect((await call('GET', `/api/v1/imports/${id}`)).body.code).toBe('TSR156');
      const rerun = await call('POST', `/api/v1/imports/${id}/rerun`);
      expect(rerun.status).toBe(404);
      expect(rerun.body.code).toBe('TSR156');
    }
    // The rep sees them, named with who imported; a finished import cannot be run again.
    const own = await fetch(`${server.baseUrl}/api/v1/imports?object=opportunity`, { headers: { cookie: rep } }).then((response) => response.json());
    expect(own.data[0]).toMatchObject({ createdBy: { name: expect.any(String) }, status: 'done', canRerun: false, undo: { available: true, blockedBy: null } });
    const again = await fetch(`${server.baseUrl}/api/v1/imports/${own.data[0].id}/rerun`, {
      method: 'POST',
      headers: { cookie: rep, 'content-type': 'application/json' },
    });
    expect(again.status).toBe(409);
    expect((await again.json()).errors[0]).toMatchObject({ path: '/status', code: 'TSR421' });
  });
});
