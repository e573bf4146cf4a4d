// Saved list views (issue #18): personal views for their owner, shared views (administrators only)
// for the roles they name or everybody, one default per owner and object, applied to the list
// with `?view=` under the request's own parameters; every bad definition refused with its path,
// exactly as the list would refuse it, and nothing saved. On PostgreSQL and PGlite.
import type { ObjectDef } from '@tessera/metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDriverKinds } from '../../runtime/src/db/test-database.ts';
import { type RunningSecurityServer, startSecurityServer, TenantAdmin } from '../security/security-server.ts';
import { labels } from '../security/stage-picklist.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are dynamic JSON
type Json = Record<string, any>;
const kinds = await testDriverKinds();

const deal: ObjectDef = {
  apiName: 'deal',
  labels: labels('Deal'),
  fields: [
    { apiName: 'name', type: 'text', labels: labels('Name'), required: true },
    { apiName: 'amount', type: 'currency', labels: labels('Amount') },
    { apiName: 'margin', type: 'number', labels: labels('Margin') },
  ],
};

describe.each(kinds)('saved list views on %s', (kind) => {
  let server: RunningSecurityServer;
  const tokens: Record<string, string> = {};
  let salesRole = '';
  const call = (who: string, method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
    server.request<Json>(method, path, { token: tokens[who], ...(body === undefined ? {} : { body }), ...(headers ? { headers } : {}) });
  const views = (who: string) => call(who, 'GET', '/api/v1/objects/deal/views');

  beforeAll(async () => {
    server = await startSecurityServer(kind, { rateLimit: false });
    tokens.tenant = await server.createTenant('views');
    const admin = new TenantAdmin(server, 'views', tokens.tenant);
    await admin.call('POST', '/api/v1/metadata/apply', { objects: [deal] });
    salesRole = await admin.role('sales');
    const support = await admin.role('support');
    // Sellers read every deal but not its margin.
    const sellers = await admin.permissionSet('sellers', { deal: { read: true, create: true, edit: true, viewAll: true, fields: { margin: 'none' } } });
    await admin.user('ann@example.com', { roleId: salesRole, permissionSetIds: [sellers] });
    await admin.user('bob@example.com', { roleId: support, permissionSetIds: [sellers] });
    await admin.user('boss@example.com', { admin: true });
    for (const who of ['ann', 'bob', 'boss']) tokens[who] = await admin.userToken(`${who}@example.com`);
    for (const [name, amount] of [
      ['small', 10],
      ['medium', 500],
      ['large', 9000],
    ] as const) {
      expect((await call('tenant', 'POST', '/api/v1/objects/deal/records', { name, amount, margin: 1 })).status).toBe(201);
    }
  }, 120_000);
  afterAll(async () => server?.close());

  it('a personal view is its owner’s: saved, listed, applied with ?view=, invisible to colleagues', async () => {
    const created = await call('ann', 'POST', '/api/v1/objects/deal/views', {
      labels: { zh: '大单', en: 'Big deals' },
      definition: { filter: { '>': [{ var: 'amount' }, 100] }, sort: '-amount', fields: ['name', 'amount'], pageSize: 20 },
      default: true,
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ shared: false, default: true, editable: true, labels: { zh: '大单' } });
    const listed = await call('ann', 'GET', `/api/v1/objects/deal/records?view=${created.body.id}`);
    expect(listed.status, listed.text).toBe(200);
    expect(listed.body.data.map((row: Json) => row.name)).toEqual(['large', 'medium']);
    expect(Object.keys(listed.body.data[0]).sort()).toEqual(['amount', 'id', 'name']);
    // The request's own parameters win over the view's.
    const resorted = await call('ann', 'GET', `/api/v1/objects/deal/records?view=${created.body.id}&sort=amount`);
    expect(resorted.body.data.map((row: Json) => row.name)).toEqual(['medium', 'large']);
    expect((await views('ann')).body.data.map((view: Json) => view.id)).toContain(created.body.id);
    expect((await views('bob')).body.data.map((view: Json) => view.id)).not.toContain(created.body.id);
    const foreign = await call('bob', 'GET', `/api/v1/objects/deal/records?view=${created.body.id}`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('TSR121');
  });

  it('a shared view is made by an administrator and shown to the roles it names', async () => {
    const refused = await call('ann', 'POST', '/api/v1/objects/deal/views', { labels: { en: 'All' }, definition: {}, shared: true });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('TSR123');
    const shared = await call('boss', 'POST', '/api/v1/objects/deal/views', {
      labels: { en: 'Sales pipeline', zh: '销售管道' },
      definition: { sort: 'name' },
      shared: true,
      roleIds: [salesRole],
    });
    expect(shared.status, shared.text).toBe(201);
    expect((await views('ann')).body.data.find((view: Json) => view.id === shared.body.id)).toMatchObject({ shared: true, editable: false });
    expect((await views('bob')).body.data.map((view: Json) => view.id)).not.toContain(shared.body.id);
    const changed = await call('ann', 'PATCH', `/api/v1/objects/deal/views/${shared.body.id}`, { labels: { en: 'Mine now' } });
    expect(changed.status).toBe(403);
    const everybody = await call('tenant', 'POST', '/api/v1/objects/deal/views', { labels: { en: 'Everybody' }, definition: {} });
    expect(everybody.body).toMatchObject({ shared: true, roleIds: [] });
    expect((await views('bob')).body.data.map((view: Json) => view.id)).toContain(everybody.body.id);
  });

  it('refuses a definition the list would refuse, naming each path, and saves nothing', async () => {
    const before = (await views('ann')).body.data.length;
    const bad = await call('ann', 'POST', '/api/v1/objects/deal/views', {
      labels: { en: '' },
      definition: { filter: { '>': [{ var: 'margin' }, 0] }, sort: 'nonsense', fields: ['name', 'ghost'], pageSize: 500, colour: 'red' },
      roleIds: ['not-a-role'],
    });
    expect(bad.status, bad.text).toBe(400);
    const paths = (bad.body.errors as Json[]).map((error) => error.path);
    expect(paths).toEqual(
      expect.arrayContaining(['/labels/en', '/definition/colour', '/definition/pageSize', '/definition/sort', '/definition/fields', '/roleIds']),
    );
    // Ann cannot read the margin: a view cannot filter on it either.
    expect(paths.some((path) => path.startsWith('/definition/filter'))).toBe(true);
    expect((await views('ann')).body.data.length).toBe(before);
  });

  it('keeps one default per owner, and checks versions on change', async () => {
    const first = (await call('bob', 'POST', '/api/v1/objects/deal/views', { labels: { en: 'A' }, definition: {}, default: true })).body;
    const second = (await call('bob', 'POST', '/api/v1/objects/deal/views', { labels: { en: 'B' }, definition: {}, default: true })).body;
    const mine = (await views('bob')).body.data.filter((view: Json) => !view.shared);
    expect(mine.filter((view: Json) => view.default).map((view: Json) => view.id)).toEqual([second.id]);
    const stale = await call('bob', 'PATCH', `/api/v1/objects/deal/views/${first.id}`, { labels: { en: 'A2' } }, { 'if-match': '"7"' });
    expect(stale.status).toBe(409);
    const renamed = await call('bob', 'PATCH', `/api/v1/objects/deal/views/${first.id}`, { labels: { en: 'A2' }, version: first.version });
    expect(renamed.status, renamed.text).toBe(200);
    expect(renamed.body).toMatchObject({ labels: { en: 'A2' }, version: first.version + 1 });
    expect((await call('bob', 'DELETE', `/api/v1/objects/deal/views/${first.id}`)).status).toBe(204);
    expect((await call('bob', 'GET', `/api/v1/objects/deal/views/${first.id}`)).status).toBe(404);
  });
});
