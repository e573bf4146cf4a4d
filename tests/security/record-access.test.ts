// Record-level security: private org-wide default, owners, the role hierarchy (managers see and,
// when the object allows it, edit their subordinates' records), criteria sharing rules (to a role
// or a role and its subordinates, read or edit) and manual shares, each paired with what it refuses.
import { testDriverKinds } from '@tessera/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crmBundle } from '../fixtures/crm-objects.ts';
import { expectProblem, MISSING_ID } from '../support/api-assertions.ts';
import { problemShape, type SecurityServer, startSecurityServer, TenantAdmin } from './security-server.ts';

const kinds = await testDriverKinds();
const OPPS = '/api/v1/objects/opportunity/records';

describe.each(kinds)('record access on %s', (kind) => {
  let server: SecurityServer;
  let admin: TenantAdmin;
  const users: Record<string, string> = {};
  const cookies: Record<string, string> = {};
  const roles: Record<string, string> = {};
  const opp: Record<string, string> = {};
  const as = (who: string) => ({
    get: (path: string) => server.request('GET', path, { cookie: cookies[who] }),
    post: (path: string, body?: unknown) => server.request('POST', path, { cookie: cookies[who], body }),
    patch: (path: string, body: unknown) => server.request('PATCH', path, { cookie: cookies[who], body }),
    delete: (path: string) => server.request('DELETE', path, { cookie: cookies[who] }),
  });
  const names = async (who: string, query = '') => {
    const result = await as(who).get(`${OPPS}?sort=name&limit=200${query}`);
    expect(result.status, result.text).toBe(200);
    return (result.body.data as { name: string }[]).map((record) => record.name);
  };

  beforeAll(async () => {
    server = await startSecurityServer(kind);
    const token = await server.createTenant('access');
    admin = new TenantAdmin(server, 'access', token);
    await admin.call('POST', '/api/v1/metadata/apply', crmBundle);
    roles.ceo = await admin.role('ceo');
    roles.vp = await admin.role('vp_sales', roles.ceo);
    roles.east = await admin.role('rep_east', roles.vp);
    roles.west = await admin.role('rep_west', roles.vp);
    const sales = await admin.permissionSet('sales', {
      account: { read: true, create: true, edit: true },
      opportunity: { create: true, read: true, edit: true, delete: true },
    });
    for (const [who, role] of [
      ['ceo', 'ceo'],
      ['vp', 'vp'],
      ['east', 'east'],
      ['east2', 'east'],
      ['west', 'west'],
    ] as const) {
      users[who] = await admin.user(`${who}@example.com`, { roleId: roles[role], permissionSetIds: [sales] });
      cookies[who] = await admin.signIn(`${who}@example.com`);
    }
    for (const [name, owner, stage] of [
      ['E1', 'east', 'prospecting'],
      ['E2', 'east', 'won'],
      ['X1', 'east2', 'prospecting'],
      ['W1', 'west', 'prospecting'],
      ['V1', 'vp', 'prospecting'],
      ['C1', 'ceo', 'won'],
    ] as const) {
      opp[name] = (await admin.call<{ id: string }>('POST', OPPS, { name, owner_id: users[owner], stage })).id;
    }
  });

  afterAll(async () => {
    await server?.close();
  });

  it('shows owners their own records and managers their subordinates’, no more', async () => {
    expect(await names('east')).toEqual(['E1', 'E2']);
    expect(await names('west')).toEqual(['W1']);
    expect(await names('vp')).toEqual(['E1', 'E2', 'V1', 'W1', 'X1']);
    expect(await names('ceo')).toEqual(['C1', 'E1', 'E2', 'V1', 'W1', 'X1']);
    // Peers in one role are not each other's managers.
    expect(await names('east2')).toEqual(['X1']);
    // Filters and the access predicate combine; count of a filter over hidden rows reveals nothing.
    expect(await names('east', `&filter=${encodeURIComponent(JSON.stringify({ '==': [{ var: 'stage' }, 'won'] }))}`)).toEqual(['E2']);
  });

  it('answers a record you cannot see exactly like one that does not exist', async () => {
    const hidden = await as('east').get(`${OPPS}/${opp.W1}`);
    const missing = await as('east').get(`${OPPS}/${MISSING_ID}`);
    expectProblem(hidden, 404, 'TSR111');
    expectProblem(missing, 404, 'TSR111');
    const normalise = (result: typeof hidden) =>
      JSON.stringify(problemShape(result))
        .replace(opp.W1 as string, 'ID')
        .replace(MISSING_ID, 'ID');
    expect(normalise(hidden)).toBe(normalise(missing));
    for (const result of [
      await as('east').patch(`${OPPS}/${opp.W1}`, { name: 'mine now' }),
      await as('east').delete(`${OPPS}/${opp.W1}`),
      await as('east').post(`${OPPS}/${opp.W1}/restore`),
      await as('east').get(`${OPPS}/${opp.W1}/history`),
      await as('east').get(`${OPPS}/${opp.W1}/shares`),
    ]) {
      expectProblem(result, 404, 'TSR111');
    }
    expect((await admin.call('GET', `${OPPS}/${opp.W1}`)).name).toBe('W1');
  });

  it('lets managers edit subordinates’ records only while the object allows it', async () => {
    const edited = await as('vp').patch(`${OPPS}/${opp.E1}`, { description: 'checked by vp' });
    expect(edited.status, edited.text).toBe(200);
    await admin.call('PUT', '/api/v1/security/object-access/opportunity', { defaultAccess: 'private', managerAccess: 'read' });
    expectProblem(await as('vp').patch(`${OPPS}/${opp.E1}`, { description: 'again' }), 403, 'TSR302');
    expect((await as('vp').get(`${OPPS}/${opp.E1}`)).status).toBe(200);
    await admin.call('PUT', '/api/v1/security/object-access/opportunity', { defaultAccess: 'private', managerAccess: 'none' });
    expect(await names('vp')).toEqual(['V1']);
    await admin.call('PUT', '/api/v1/security/object-access/opportunity', { defaultAccess: 'private', managerAccess: 'edit' });
    expect(await names('vp')).toEqual(['E1', 'E2', 'V1', 'W1', 'X1']);
  });

  it('follows a role moved in the hierarchy', async () => {
    // rep_west moves under ceo directly: vp no longer manages west.
    await admin.call('PATCH', `/api/v1/security/roles/${roles.west}`, { parentId: roles.ceo });
    expect(await names('vp')).toEqual(['E1', 'E2', 'V1', 'X1']);
    expect(await names('ceo')).toContain('W1');
    // A role cannot move under its own subordinate.
    expectProblem(
      await admin.server.request('PATCH', `/api/v1/security/roles/${roles.ceo}`, { token: admin.token, body: { parentId: roles.east } }),
      422,
      'TSR308',
      [{ path: '/parentId', code: 'TSR308' }],
    );
    await admin.call('PATCH', `/api/v1/security/roles/${roles.west}`, { parentId: roles.vp });
    expect(await names('vp')).toEqual(['E1', 'E2', 'V1', 'W1', 'X1']);
  });

  it('shares records matching a sharing rule with a role, read or edit', async () => {
    const rule = await admin.call<{ id: string }>('POST', '/api/v1/security/sharing-rules', {
      object: 'opportunity',
      name: 'won_to_west',
      criteria: { '==': [{ var: 'stage' }, 'won'] },
      roleId: roles.west,
      access: 'read',
    });
    expect(await names('west')).toEqual(['C1', 'E2', 'W1']);
    expect(await names('east2')).toEqual(['X1']);
    expectProblem(await as('west').patch(`${OPPS}/${opp.E2}`, { description: 'no' }), 403, 'TSR302');
    // A record that stops matching stops being shared.
    await admin.call('PATCH', `${OPPS}/${opp.C1}`, { stage: 'lost' });
    expect(await names('west')).toEqual(['E2', 'W1']);
    await admin.call('PATCH', `${OPPS}/${opp.C1}`, { stage: 'won' });
    await admin.call('DELETE', `/api/v1/security/sharing-rules/${rule.id}`);
    expect(await names('west')).toEqual(['W1']);

    // To the vp role and its subordinates, with edit.
    const edit = await admin.call<{ id: string }>('POST', '/api/v1/security/sharing-rules', {
      object: 'opportunity',
      name: 'won_to_sales',
      criteria: { '==': [{ var: 'stage' }, 'won'] },
      roleId: roles.vp,
      includeSubordinates: true,
      access: 'edit',
    });
    expect(await names('west')).toEqual(['C1', 'E2', 'W1']);
    expect(await names('east2')).toEqual(['C1', 'E2', 'X1']);
    expect((await as('west').patch(`${OPPS}/${opp.C1}`, { description: 'shared edit' })).status).toBe(200);
    // Edit through a share is not ownership: no delete.
    expectProblem(await as('west').delete(`${OPPS}/${opp.C1}`), 403, 'TSR302');
    await admin.call('DELETE', `/api/v1/security/sharing-rules/${edit.id}`);
    expect(await names('west')).toEqual(['W1']);
  });

  it('refuses sharing rules that could never apply, with every problem', async () => {
    const result = await admin.server.request('POST', '/api/v1/security/sharing-rules', {
      token: admin.token,
      body: {
        object: 'opportunity',
        name: 'Bad Name',
        criteria: { '==': [{ var: 'nope' }, 1] },
        roleId: '01900000-0000-7000-8000-000000000000',
        access: 'all',
      },
    });
    expectProblem(result, 422, 'TSR308', [
      { path: '/name', code: 'TSR308' },
      { path: '/criteria/==/0/var', code: 'TSR308' },
      { path: '/roleId', code: 'TSR308' },
      { path: '/access', code: 'TSR308' },
    ]);
  });

  it('shares one record manually, and only its owner (or their managers) may', async () => {
    expectProblem(await as('west').get(`${OPPS}/${opp.E1}`), 404, 'TSR111');
    const shared = await as('east').post(`${OPPS}/${opp.E1}/shares`, { userId: users.west, access: 'read' });
    expect(shared.status, shared.text).toBe(201);
    expect((await as('west').get(`${OPPS}/${opp.E1}`)).body.name).toBe('E1');
    expectProblem(await as('west').patch(`${OPPS}/${opp.E1}`, { description: 'w' }), 403, 'TSR302');
    // west sees E1 but does not own it: cannot re-share it or list its shares.
    expectProblem(await as('west').post(`${OPPS}/${opp.E1}/shares`, { userId: users.east2, access: 'edit' }), 403, 'TSR302');
    expectProblem(await as('west').get(`${OPPS}/${opp.E1}/shares`), 403, 'TSR302');
    expect((await as('east').post(`${OPPS}/${opp.E1}/shares`, { userId: users.west, access: 'edit' })).status).toBe(201);
    expect((await as('west').patch(`${OPPS}/${opp.E1}`, { description: 'w' })).status).toBe(200);
    const listed = await as('vp').get(`${OPPS}/${opp.E1}/shares`);
    expect(listed.body.data).toEqual([expect.objectContaining({ userId: users.west, access: 'edit' })]);
    expect((await as('east').delete(`${OPPS}/${opp.E1}/shares/${users.west}`)).status).toBe(204);
    expectProblem(await as('west').get(`${OPPS}/${opp.E1}`), 404, 'TSR111');
    expectProblem(await as('east').delete(`${OPPS}/${opp.E1}/shares/${users.west}`), 404, 'TSR310');
    expectProblem(await as('east').post(`${OPPS}/${opp.E1}/shares`, { userId: MISSING_ID, access: 'read' }), 422, 'TSR308', [
      { path: '/userId', code: 'TSR308' },
    ]);
  });

  it('makes the creator the owner, and only modify-all may name another owner', async () => {
    const created = await as('east').post(OPPS, { name: 'E3' });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ owner_id: users.east, created_by: users.east });
    expectProblem(await as('east').post(OPPS, { name: 'E4', owner_id: users.west }), 400, 'TSR400', [{ path: '/owner_id', code: 'TSR409' }]);
    expectProblem(await as('east').patch(`${OPPS}/${created.body.id}`, { owner_id: users.west }), 400, 'TSR400', [{ path: '/owner_id', code: 'TSR409' }]);
    // The integration token may set any owner; the record then belongs to west.
    await admin.call('PATCH', `${OPPS}/${created.body.id}`, { owner_id: users.west });
    expectProblem(await as('east').get(`${OPPS}/${created.body.id}`), 404, 'TSR111');
    expect((await as('west').get(`${OPPS}/${created.body.id}`)).status).toBe(200);
    // Owners delete and restore their records.
    expect((await as('west').delete(`${OPPS}/${created.body.id}`)).status).toBe(204);
    expect((await as('west').post(`${OPPS}/${created.body.id}/restore`)).status).toBe(200);
  });

  it('opens an object to everyone with public read, and to edits with public read-write', async () => {
    await admin.call('PUT', '/api/v1/security/object-access/opportunity', { defaultAccess: 'read' });
    expect(await names('east2')).toHaveLength(7);
    expectProblem(await as('east2').patch(`${OPPS}/${opp.W1}`, { description: 'x' }), 403, 'TSR302');
    await admin.call('PUT', '/api/v1/security/object-access/opportunity', { defaultAccess: 'read_write' });
    expect((await as('east2').patch(`${OPPS}/${opp.W1}`, { description: 'x' })).status).toBe(200);
    // Deleting stays with owners and managers.
    expectProblem(await as('east2').delete(`${OPPS}/${opp.W1}`), 403, 'TSR302');
    await admin.call('PUT', '/api/v1/security/object-access/opportunity', { defaultAccess: 'private' });
    expect(await names('east2')).toEqual(['X1']);
  });
});
