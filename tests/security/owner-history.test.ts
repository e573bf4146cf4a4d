// Owner history (负责人变更): owner_id can be tracked like a custom field, so a reassignment shows
// who made it, when, and from which user to which, with both users' names and emails beside their
// ids; the record type is trackable too. Columns the system maintains (id, created_by, created_at,
// updated_at, version, deleted_at) are refused by name and path, and a refused setting or owner
// change writes nothing.
import { testDriverKinds } from '@tessera/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crmBundle } from '../fixtures/crm-objects.ts';
import { companyDef, dealDef } from '../fixtures/form-objects.ts';
import { expectProblem } from '../support/api-assertions.ts';
import { type SecurityServer, startSecurityServer, TenantAdmin } from './security-server.ts';

const kinds = await testDriverKinds();
const OPPS = '/api/v1/objects/opportunity/records';
const SYSTEM_COLUMNS = ['id', 'created_by', 'created_at', 'updated_at', 'version', 'deleted_at'];

interface Entry {
  id: string;
  at: string;
  field: string;
  oldValue: unknown;
  newValue: unknown;
  oldUser?: unknown;
  newUser?: unknown;
  operation: string;
  actorId: string | null;
  actor: string;
}

describe.each(kinds)('owner history on %s', (kind) => {
  let server: SecurityServer;
  let admin: TenantAdmin;
  const ids: Record<'rep' | 'lead' | 'anna' | 'viewer', string> = { rep: '', lead: '', anna: '', viewer: '' };
  const cookies: Record<'rep' | 'lead' | 'viewer', string> = { rep: '', lead: '', viewer: '' };

  beforeAll(async () => {
    server = await startSecurityServer(kind);
    admin = new TenantAdmin(server, 'owners', await server.createTenant('owners'));
    // deal (with company, its lookup target) has record types; opportunity has none.
    await admin.call('POST', '/api/v1/metadata/apply', { objects: [...crmBundle.objects, companyDef, dealDef] });
    const sales = await admin.permissionSet('sales', { opportunity: { create: true, read: true, edit: true } });
    // Only modify-all may reassign records (the team lead); the viewer reads everything but amounts.
    const lead = await admin.permissionSet('lead', { opportunity: { create: true, read: true, edit: true, viewAll: true, modifyAll: true } });
    const viewer = await admin.permissionSet('viewer', { opportunity: { read: true, viewAll: true, fields: { amount: 'none' } } });
    ids.rep = await admin.user('rep@example.com', { permissionSetIds: [sales] });
    ids.anna = await admin.user('anna@example.com', { permissionSetIds: [sales] });
    ids.lead = await admin.user('lead@example.com', { permissionSetIds: [lead] });
    ids.viewer = await admin.user('viewer@example.com', { permissionSetIds: [viewer] });
    cookies.rep = await admin.signIn('rep@example.com');
    cookies.lead = await admin.signIn('lead@example.com');
    cookies.viewer = await admin.signIn('viewer@example.com');
  });

  afterAll(async () => {
    await server?.close();
  });

  const user = (name: 'rep' | 'anna' | 'lead') => ({ id: ids[name], name, email: `${name}@example.com` });
  const history = async (cookie: string, id: string): Promise<Entry[]> => {
    const result = await server.request('GET', `${OPPS}/${id}/history`, { cookie });
    expect(result.status, result.text).toBe(200);
    return result.body.data as Entry[];
  };

  it('tracks owner changes: who, when, from and to, with the users named', async () => {
    const tracked = await server.request('PUT', '/api/v1/audit/tracked-fields/opportunity', { token: admin.token, body: { fields: ['owner_id', 'amount'] } });
    expect(tracked.status, tracked.text).toBe(200);
    expect(tracked.body).toEqual({ object: 'opportunity', fields: ['amount', 'owner_id'] });
    expect((await admin.call('GET', '/api/v1/audit/tracked-fields')).data).toContainEqual({ object: 'opportunity', fields: ['amount', 'owner_id'] });

    const created = await server.request('POST', OPPS, { cookie: cookies.rep, body: { name: 'Deal', amount: 100 } });
    expect(created.status, created.text).toBe(201);
    const id = created.body.id as string;
    expect(created.body.owner_id).toBe(ids.rep);

    // The rep may not reassign (TSR409): refused, and nothing is written to the history.
    expectProblem(await server.request('PATCH', `${OPPS}/${id}`, { cookie: cookies.rep, body: { owner_id: ids.anna } }), 400, 'TSR400', [
      { path: '/owner_id', code: 'TSR409' },
    ]);
    expect(await history(cookies.lead, id)).toHaveLength(2);

    const before = Date.now();
    const moved = await server.request('PATCH', `${OPPS}/${id}`, { cookie: cookies.lead, body: { owner_id: ids.anna } });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body.owner_id).toBe(ids.anna);
    const after = Date.now();
    // An administrator's integration token hands it back to the rep.
    await admin.call('PATCH', `${OPPS}/${id}`, { owner_id: ids.rep });

    const entries = await history(cookies.lead, id);
    const shape = entries.map(({ at: _at, id: _id, ...entry }) => entry);
    expect(shape).toEqual([
      {
        field: 'owner_id',
        oldValue: ids.anna,
        newValue: ids.rep,
        oldUser: user('anna'),
        newUser: user('rep'),
        operation: 'update',
        actorId: null,
        actor: 'integration',
      },
      {
        field: 'owner_id',
        oldValue: ids.rep,
        newValue: ids.anna,
        oldUser: user('rep'),
        newUser: user('anna'),
        operation: 'update',
        actorId: ids.lead,
        actor: 'user:lead@example.com',
      },
      { field: 'amount', oldValue: null, newValue: 100, operation: 'create', actorId: ids.rep, actor: 'user:rep@example.com' },
      {
        field: 'owner_id',
        oldValue: null,
        newValue: ids.rep,
        oldUser: null,
        newUser: user('rep'),
        operation: 'create',
        actorId: ids.rep,
        actor: 'user:rep@example.com',
      },
    ]);
    const reassigned = Date.parse(entries[1]?.at as string);
    // The database clock and this process's clock may differ by a little; a second is ample.
    expect(reassigned).toBeGreaterThanOrEqual(before - 1000);
    expect(reassigned).toBeLessThanOrEqual(after + 1000);

    // Field-level security still applies: the viewer sees the owner changes, not the amount's history.
    expect((await history(cookies.viewer, id)).map((entry) => entry.field)).toEqual(['owner_id', 'owner_id', 'owner_id']);

    // owner_id has no foreign key: an id that names no user is still shown, with no name.
    const stranger = '01900000-0000-7000-8000-000000000000';
    await admin.call('PATCH', `${OPPS}/${id}`, { owner_id: stranger });
    expect((await history(cookies.lead, id))[0]).toMatchObject({ field: 'owner_id', oldUser: user('rep'), newUser: { id: stranger, name: null, email: null } });
  });

  it('tracks record type changes, and refuses record_type on an object without record types', async () => {
    expect(await admin.call('PUT', '/api/v1/audit/tracked-fields/deal', { fields: ['record_type'] })).toEqual({ object: 'deal', fields: ['record_type'] });
    const deal = await admin.call<{ id: string; record_type: string }>('POST', '/api/v1/objects/deal/records', { name: 'Deal', partner_name: 'Partner' });
    expect(deal.record_type).toBe('direct');
    await admin.call('PATCH', `/api/v1/objects/deal/records/${deal.id}`, { record_type: 'partner' });
    const entries = (await admin.call<{ data: Entry[] }>('GET', `/api/v1/objects/deal/records/${deal.id}/history`)).data;
    expect(entries.map(({ field, oldValue, newValue, operation }) => ({ field, oldValue, newValue, operation }))).toEqual([
      { field: 'record_type', oldValue: 'direct', newValue: 'partner', operation: 'update' },
      { field: 'record_type', oldValue: null, newValue: 'direct', operation: 'create' },
    ]);
    expect(entries[0]).not.toHaveProperty('oldUser');
    expectProblem(
      await server.request('PUT', '/api/v1/audit/tracked-fields/opportunity', { token: admin.token, body: { fields: ['record_type'] } }),
      422,
      'TSR308',
      [{ path: '/fields/0', code: 'TSR308' }],
      true,
    );
  });

  it('refuses columns the system maintains, naming each path, and keeps the setting unchanged', async () => {
    const setting = async () =>
      (await admin.call<{ data: { object: string; fields: string[] }[] }>('GET', '/api/v1/audit/tracked-fields')).data.find(
        (entry) => entry.object === 'opportunity',
      );
    const current = await setting();
    const refused = await server.request('PUT', '/api/v1/audit/tracked-fields/opportunity', {
      token: admin.token,
      body: { fields: ['owner_id', ...SYSTEM_COLUMNS, 'nope'] },
    });
    expectProblem(
      refused,
      422,
      'TSR308',
      [...SYSTEM_COLUMNS, 'nope'].map((_name, i) => ({ path: `/fields/${i + 1}`, code: 'TSR308' })),
      true,
    );
    const messages = (refused.body.errors as { message: string }[]).map((error) => error.message);
    expect(messages.slice(0, SYSTEM_COLUMNS.length)).toEqual(
      SYSTEM_COLUMNS.map((name) => `opportunity.${name} is maintained by the system and cannot be tracked`),
    );
    expect(messages.at(-1)).toBe("opportunity has no field 'nope'");
    expect(await setting()).toEqual(current);
  });

  it('refuses computed fields (formula, roll-up): their values change without a write to the record', async () => {
    const labels = (en: string) => ({ en, zh: en });
    const quote = {
      apiName: 'quote',
      labels: labels('Quote'),
      fields: [
        { apiName: 'amount', type: 'currency', labels: labels('Amount') },
        { apiName: 'doubled', type: 'formula', returns: 'currency', labels: labels('Doubled'), expression: { '*': [{ var: 'amount' }, 2] } },
        { apiName: 'lines', type: 'rollup', labels: labels('Lines'), childObject: 'quote_line', childField: 'quote', function: 'count' },
      ],
    };
    const line = {
      apiName: 'quote_line',
      labels: labels('Quote line'),
      fields: [{ apiName: 'quote', type: 'lookup', target: 'quote', labels: labels('Quote') }],
    };
    await admin.call('POST', '/api/v1/metadata/apply', { objects: [quote, line] });
    const refused = await server.request('PUT', '/api/v1/audit/tracked-fields/quote', { token: admin.token, body: { fields: ['amount', 'doubled', 'lines'] } });
    expectProblem(
      refused,
      422,
      'TSR308',
      [
        { path: '/fields/1', code: 'TSR308' },
        { path: '/fields/2', code: 'TSR308' },
      ],
      true,
    );
    expect((refused.body.errors as { message: string }[])[0]?.message).toMatch(/quote\.doubled is a formula/);
    const accepted = await server.request('PUT', '/api/v1/audit/tracked-fields/quote', { token: admin.token, body: { fields: ['amount'] } });
    expect(accepted.status, accepted.text).toBe(200);
  });
});
