// Audit: field history of tracked fields (who, when, old → new, which operation), visible only
// with the record and without hidden fields; the audit log of sign-ins, permission and metadata
// changes, queryable by event and actor; and tenants created before the security tables existed
// get them on first use.
import { testDriverKinds } from '@tessera/runtime';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crmBundle } from '../fixtures/crm-objects.ts';
import { expectProblem, schemaTables } from '../support/api-assertions.ts';
import { type SecurityServer, startSecurityServer, TenantAdmin } from './security-server.ts';

const kinds = await testDriverKinds();
const OPPS = '/api/v1/objects/opportunity/records';

describe.each(kinds)('audit on %s', (kind) => {
  let server: SecurityServer;
  let admin: TenantAdmin;
  let repId: string;
  let rep: string;

  beforeAll(async () => {
    server = await startSecurityServer(kind);
    admin = new TenantAdmin(server, 'audit', await server.createTenant('audit'));
    await admin.call('POST', '/api/v1/metadata/apply', crmBundle);
    const sales = await admin.permissionSet('sales', { opportunity: { create: true, read: true, edit: true, fields: { code: 'none' } } });
    repId = await admin.user('rep@example.com', { permissionSetIds: [sales] });
    rep = await admin.signIn('rep@example.com');
  });

  afterAll(async () => {
    await server?.close();
  });

  it('records who changed a tracked field, when, from what to what, and how', async () => {
    const tracked = await admin.call('PUT', '/api/v1/audit/tracked-fields/opportunity', { fields: ['stage', 'amount', 'code'] });
    expect(tracked).toEqual({ object: 'opportunity', fields: ['amount', 'code', 'stage'] });
    const created = await server.request('POST', OPPS, { cookie: rep, body: { name: 'Deal', amount: 100 } });
    expect(created.status, created.text).toBe(201);
    const id = created.body.id as string;
    await server.request('PATCH', `${OPPS}/${id}`, { cookie: rep, body: { amount: 250, stage: 'proposal' } });
    await server.request('PATCH', `${OPPS}/${id}`, { cookie: rep, body: { description: 'untracked' } });
    await admin.call('PATCH', `${OPPS}/${id}`, { code: 'C-1' });
    const history = await server.request('GET', `${OPPS}/${id}/history`, { cookie: rep });
    expect(history.status, history.text).toBe(200);
    const entries = (
      history.body.data as { field: string; oldValue: unknown; newValue: unknown; operation: string; actorId: string | null; actor: string; at: string }[]
    ).map(({ field, oldValue, newValue, operation, actorId, actor }) => ({ field, oldValue, newValue, operation, actorId, actor }));
    // Newest first (fields of one write by name); the rep cannot see `code`, so neither its history.
    const by = { actorId: repId, actor: 'user:rep@example.com' };
    expect(entries).toEqual([
      { field: 'amount', oldValue: 100, newValue: 250, operation: 'update', ...by },
      { field: 'stage', oldValue: 'prospecting', newValue: 'proposal', operation: 'update', ...by },
      { field: 'amount', oldValue: null, newValue: 100, operation: 'create', ...by },
      { field: 'stage', oldValue: null, newValue: 'prospecting', operation: 'create', ...by },
    ]);
    const full = (await admin.call<{ data: { field: string; newValue: unknown; actor: string; at: string }[] }>('GET', `${OPPS}/${id}/history`)).data;
    expect(full[0]).toMatchObject({ field: 'code', newValue: 'C-1', actor: 'integration' });
    expect(full[0]?.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    // A rejected write records nothing.
    const before = full.length;
    expectProblem(await server.request('PATCH', `${OPPS}/${id}`, { cookie: rep, body: { amount: -1 } }), 400, 'TSR400');
    expect((await admin.call<{ data: unknown[] }>('GET', `${OPPS}/${id}/history`)).data).toHaveLength(before);
    expectProblem(await server.request('PUT', '/api/v1/audit/tracked-fields/opportunity', { token: admin.token, body: { fields: ['nope'] } }), 422, 'TSR308', [
      { path: '/fields/0', code: 'TSR308' },
    ]);
  });

  it('logs sign-ins, permission changes and metadata changes, queryable by event and actor', async () => {
    const bossId = await admin.user('boss@example.com', { admin: true });
    const boss = await admin.signIn('boss@example.com');
    await server.request('POST', '/api/v1/auth/sign-in', { body: { tenant: 'audit', email: 'boss@example.com', password: 'wrong password' } });
    const applied = await server.request('POST', '/api/v1/metadata/apply', {
      cookie: boss,
      body: { apiName: 'widget', labels: { en: 'Widget' }, fields: [{ apiName: 'name', type: 'text', labels: { en: 'Name' } }] },
    });
    expect(applied.status, applied.text).toBe(200);
    await server.request('PUT', '/api/v1/security/object-access/opportunity', { cookie: boss, body: { defaultAccess: 'read' } });
    const log = await admin.call<{
      data: { event: string; actorId: string | null; actor: string; target: string | null; detail: Record<string, unknown> }[];
      nextCursor: string | null;
    }>('GET', '/api/v1/audit/log?limit=200');
    const events = log.data.map((entry) => entry.event);
    for (const event of [
      'permission_set.create',
      'user.create',
      'sign_in',
      'sign_in.failed',
      'metadata.apply',
      'object_access.update',
      'tracked_fields.update',
    ]) {
      expect(events, event).toContain(event);
    }
    const apply = log.data.find((entry) => entry.event === 'metadata.apply' && entry.actorId === bossId);
    expect(apply).toMatchObject({ actor: 'user:boss@example.com', detail: { actions: expect.arrayContaining(['create_table widget']) } });
    const byBoss = await admin.call<{ data: { actorId: string }[] }>('GET', `/api/v1/audit/log?actorId=${bossId}`);
    expect(byBoss.data.length).toBeGreaterThanOrEqual(3);
    expect(byBoss.data.every((entry) => entry.actorId === bossId)).toBe(true);
    const page = await admin.call<{ data: { id: string }[]; nextCursor: string }>('GET', '/api/v1/audit/log?limit=2');
    expect(page.data).toHaveLength(2);
    const next = await admin.call<{ data: { id: string }[] }>('GET', `/api/v1/audit/log?limit=2&cursor=${page.nextCursor}`);
    expect((next.data[0]?.id as string) < (page.data[1]?.id as string)).toBe(true);
    expectProblem(await server.request('GET', '/api/v1/audit/log?limit=0&color=red', { token: admin.token }), 400, 'TSR102', [
      { path: 'limit', code: 'TSR102' },
      { path: 'color', code: 'TSR102' },
    ]);
  });

  it('gives tenants created before the security tables their tables on first use', async () => {
    // A tenant as an older Tessera created it: schema, revision table and an API token only.
    await sql`insert into tessera.tenants (slug, schema_name) values ('legacy', 't_legacy')`.execute(server.database.db);
    await sql`create schema t_legacy`.execute(server.database.db);
    await sql`create table t_legacy._meta_revision (revision integer primary key, created_at timestamptz not null default now(), author text not null,
      snapshot jsonb not null, actions jsonb not null, snapshot_hash text not null)`.execute(server.database.db);
    const issued = await server.request('POST', '/api/v1/admin/tenants/legacy/tokens', { token: 'test-admin-token', body: { label: 'old' } });
    expect(issued.status, issued.text).toBe(201);
    expect(await schemaTables(server as never, 't_legacy')).toEqual(['_meta_revision']);
    const legacy = new TenantAdmin(server, 'legacy', issued.body.token);
    expect((await server.request('GET', '/api/v1/metadata', { token: legacy.token })).status).toBe(200);
    const tables = await schemaTables(server as never, 't_legacy');
    expect(tables).toEqual(
      expect.arrayContaining(['_users', '_roles', '_permission_sets', '_sharing_rules', '_record_shares', '_field_history', '_audit_log', '_system_version']),
    );
    await legacy.user('first@legacy.example.com');
    expect(
      (
        await server.request('POST', '/api/v1/auth/sign-in', {
          body: { tenant: 'legacy', email: 'first@legacy.example.com', password: 'correct horse battery' },
        })
      ).status,
    ).toBe(200);
  });
});
