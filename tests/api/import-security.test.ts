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
});
