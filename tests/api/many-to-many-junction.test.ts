// Many-to-many through an admin-modelled junction object (issue #21) on both drivers: metadata
// refusals (TSR251–TSR255) at the offending path; the pair's unique index planned as a migration
// action; links written as junction records through the write pipeline (defaults, required fields,
// field history, permissions: TSR179); junction records edited or deleted directly show through the
// field at once; filters over the junction equal json-logic-js on the API values for random link
// sets; the reverse related list carries each link's junction record.
import { applyRule, isTruthy } from '@tessera/metadata';
import { testDriverKinds } from '@tessera/runtime';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, type RunningSecurityServer, startSecurityServer, TenantAdmin } from '../security/security-server.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are dynamic JSON
type Json = Record<string, any>;
const kinds = await testDriverKinds();
const OPPS = '/api/v1/objects/opportunity/records';
const CONTACTS = '/api/v1/objects/contact/records';
const ROLES = '/api/v1/objects/deal_role/records';

const labels = (en: string) => ({ en, zh: en });
const contact = { apiName: 'contact', labels: labels('Contact'), fields: [{ apiName: 'name', type: 'text', labels: labels('Name') }] };
const lookup = (apiName: string, target: string, extra: Json = {}) => ({
  apiName,
  type: 'lookup',
  target,
  required: true,
  onDelete: 'cascade',
  labels: labels(apiName),
  ...extra,
});
const dealRole = (extraFields: Json[] = [], lookups: Json[] = [lookup('opportunity', 'opportunity'), lookup('contact', 'contact')]) => ({
  apiName: 'deal_role',
  labels: labels('Deal role'),
  fields: [
    ...lookups,
    {
      apiName: 'role',
      type: 'picklist',
      labels: labels('Role'),
      values: [
        { apiName: 'user', labels: labels('User'), default: true },
        { apiName: 'champion', labels: labels('Champion') },
      ],
    },
    ...extraFields,
  ],
});
const dealRoleWithSince = () => dealRole([{ apiName: 'since', type: 'date', required: true, backfill: '2026-01-01', labels: labels('Since') }]);
const opportunity = (m2m: Json = { junction: 'deal_role' }) => ({
  apiName: 'opportunity',
  labels: labels('Opportunity'),
  fields: [
    { apiName: 'name', type: 'text', labels: labels('Name') },
    { apiName: 'contacts', type: 'manytomany', target: 'contact', labels: labels('Contacts'), ...m2m },
  ],
});
const filterOf = (rule: unknown) => `filter=${encodeURIComponent(JSON.stringify(rule))}`;

describe.each(kinds)('many-to-many through a junction object on %s', (kind) => {
  let server: RunningSecurityServer;
  let admin: TenantAdmin;
  let schema = '';
  const c: string[] = [];
  const call = (method: string, path: string, body?: unknown, token = admin.token) => server.request<Json>(method, path, { token, body });
  const plan = (document: Json) => call('POST', '/api/v1/metadata/plan', document);
  const codes = (body: Json) => (body.errors as Json[]).map((error) => [error.code, error.path]);
  const roles = async (opportunityId: string) =>
    (await call('GET', `${ROLES}?limit=200&${filterOf({ '==': [{ var: 'opportunity' }, opportunityId] })}`)).body.data as Json[];

  beforeAll(async () => {
    server = await startSecurityServer(kind, { rateLimit: false });
    admin = new TenantAdmin(server, 'junction', await server.createTenant('junction'));
    schema = (
      await sql<{ s: string }>`select schema_name as s from information_schema.schemata where schema_name like '%junction%'`.execute(server.database.db)
    ).rows[0]?.s as string;
  }, 180_000);
  afterAll(async () => server?.close());

  it('refuses junctions that do not resolve, at the offending path', async () => {
    const cases: [Json, [string, string][]][] = [
      [{ objects: [contact, opportunity({ junction: 'nowhere' })] }, [['TSR251', '/objects/1/fields/1/junction']]],
      [{ objects: [contact, dealRole([], [lookup('contact', 'contact')]), opportunity()] }, [['TSR252', '/objects/2/fields/1/junction']]],
      [
        {
          objects: [contact, dealRole([], [lookup('opportunity', 'opportunity'), lookup('contact', 'contact'), lookup('referrer', 'contact')]), opportunity()],
        },
        [['TSR252', '/objects/2/fields/1/junction']],
      ],
      [
        {
          objects: [
            contact,
            dealRole([], [lookup('opportunity', 'opportunity', { required: false, onDelete: 'setNull' }), lookup('contact', 'contact')]),
            opportunity(),
          ],
        },
        [['TSR252', '/objects/2/fields/1/junction']],
      ],
      [
        { objects: [contact, dealRole(), opportunity({ junction: 'deal_role', junctionFields: { source: 'opportunity', target: 'nope' } })] },
        [['TSR252', '/objects/2/fields/1/junctionFields/target']],
      ],
      [{ objects: [contact, dealRole(), opportunity({ junction: 'contact' })] }, [['TSR252', '/objects/2/fields/1/junction']]],
    ];
    for (const [document, expected] of cases) {
      const refused = await plan(document);
      expect(refused.status, refused.text).toBe(422);
      expect(codes(refused.body)).toEqual(expected);
    }
    // Two fields on one junction object.
    const twice: { fields: Json[] } = opportunity();
    twice.fields.push({ apiName: 'others', type: 'manytomany', target: 'contact', labels: labels('Others'), junction: 'deal_role' });
    const refused = await plan({ objects: [contact, dealRole(), twice] });
    expect(codes(refused.body)).toEqual([['TSR253', '/objects/2/fields/2/junction']]);
    // Ambiguity resolved by naming the lookups.
    const named = await plan({
      objects: [
        contact,
        dealRole([], [lookup('opportunity', 'opportunity'), lookup('contact', 'contact'), lookup('referrer', 'contact')]),
        opportunity({ junction: 'deal_role', junctionFields: { source: 'opportunity', target: 'contact' } }),
      ],
    });
    expect(named.status, named.text).toBe(200);
  });

  it('plans the unique pair index among live junction records, and applies', async () => {
    const planned = await plan({ objects: [contact, dealRole(), opportunity()] });
    expect(planned.status, planned.text).toBe(200);
    const kinds = (planned.body.steps as Json[]).map((step) => step.kind);
    expect(kinds).not.toContain('create_link_table');
    expect(planned.body.steps).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'create_index', object: 'deal_role' })]));
    const applied = await call('POST', '/api/v1/metadata/apply', { objects: [contact, dealRole(), opportunity()] });
    expect(applied.status, applied.text).toBe(200);
    for (const name of ['Ada', 'Bo', '陈', 'Dee', 'Eve']) c.push((await call('POST', CONTACTS, { name })).body.id);
  });

  it('writes links as junction records through the pipeline: defaults apply, soft deletes unlink', async () => {
    const created = await call('POST', OPPS, { name: 'o1', contacts: [c[0], c[1]] });
    expect(created.status, created.text).toBe(201);
    expect(created.body.contacts).toEqual([c[0], c[1]].sort());
    const id = created.body.id as string;
    const records = await roles(id);
    expect(records.map((record) => [record.contact, record.role]).sort()).toEqual(
      [
        [c[0], 'user'],
        [c[1], 'user'],
      ].sort(),
    );
    const patched = await call('PATCH', `${OPPS}/${id}`, { contacts: [c[1], c[2]] });
    expect(patched.status, patched.text).toBe(200);
    expect([...patched.body.contacts].sort()).toEqual([c[1], c[2]].sort());
    // c[0]'s junction record is in the recycle bin, not gone.
    const deleted = await sql<{ n: number }>`select count(*)::int as n from ${sql.id(schema, 'deal_role')}
      where contact = ${c[0]}::uuid and deleted_at is not null`.execute(server.database.db);
    expect(Number(deleted.rows[0]?.n)).toBe(1);
    const added = await call('POST', `${OPPS}/${id}/links/contacts`, { ids: [c[3], c[1]] });
    expect(added.status, added.text).toBe(200);
    expect((await roles(id)).map((record) => record.contact).sort()).toEqual([c[1], c[2], c[3]].sort());
    const removed = await call('DELETE', `${OPPS}/${id}/links/contacts`, { ids: [c[2], c[4]] });
    expect(removed.status, removed.text).toBe(200);
    expect([...removed.body.contacts].sort()).toEqual([c[1], c[3]].sort());
    const cleared = await call('PATCH', `${OPPS}/${id}`, { contacts: null });
    expect(cleared.body.contacts).toBeNull();
    expect(await roles(id)).toEqual([]);
  });

  it('shows direct edits of junction records through the field at once; a duplicate live pair is refused', async () => {
    const id = (await call('POST', OPPS, { name: 'o2' })).body.id as string;
    const role = await call('POST', ROLES, { opportunity: id, contact: c[4], role: 'champion' });
    expect(role.status, role.text).toBe(201);
    const expanded = await call('GET', `${OPPS}/${id}?expand=contacts`);
    expect(expanded.body.contacts).toEqual([{ id: c[4], name: 'Eve' }]);
    const duplicate = await call('POST', ROLES, { opportunity: id, contact: c[4] });
    expect(duplicate.status, duplicate.text).toBe(409);
    expect(duplicate.body.errors[0]).toMatchObject({ code: 'TSR410', path: '/contact' });
    expect((await call('PATCH', `${ROLES}/${role.body.id}`, { role: 'user' })).status).toBe(200);
    expect((await roles(id))[0]?.role).toBe('user');
    expect((await call('DELETE', `${ROLES}/${role.body.id}`)).status).toBe(204);
    expect((await call('GET', `${OPPS}/${id}`)).body.contacts).toBeNull();
    // A deleted junction record no longer blocks its pair.
    expect((await call('POST', `${OPPS}/${id}/links/contacts`, { ids: [c[4]] })).body.contacts).toEqual([c[4]]);
    // The OpenAPI document says the links are junction records.
    const openapi = await call('GET', '/api/v1/openapi.json');
    expect(JSON.stringify(openapi.body)).toContain('Each link is a live `deal_role` record');
    // Export writes the linked names.
    const exported = await server.request('GET', `/api/v1/objects/opportunity/export?format=csv&${filterOf({ '==': [{ var: 'id' }, id] })}`, {
      token: admin.token,
    });
    expect(exported.status, exported.text).toBe(200);
    expect(exported.text).toContain('Eve');
  });

  it('filters has_any / has_all / in / null over the junction as json-logic-js does, for random link sets', async () => {
    const sets = fc.sample(fc.subarray(c), { numRuns: 14, seed: 21 });
    for (const [index, set] of sets.entries()) await call('POST', OPPS, { name: `p${index}`, contacts: set });
    // One junction record soft-deleted directly: it must stop counting everywhere.
    const someone = (await call('GET', `${ROLES}?limit=1`)).body.data[0] as Json;
    expect((await call('DELETE', `${ROLES}/${someone.id}`)).status).toBe(204);
    const all = (await call('GET', `${OPPS}?limit=200`)).body.data as Json[];
    const ids = fc.subarray(c, { minLength: 0, maxLength: 3 });
    const rule = fc.oneof(
      ids.map((picked) => ({ has_any: [{ var: 'contacts' }, picked] })),
      ids.map((picked) => ({ has_all: [{ var: 'contacts' }, picked] })),
      fc.constantFrom(...c).map((one) => ({ in: [one, { var: 'contacts' }] })),
      fc.constantFrom({ '==': [{ var: 'contacts' }, null] }, { '!=': [{ var: 'contacts' }, null] }),
    );
    const rules = fc.sample(
      fc.oneof(
        rule,
        rule.map((inner) => ({ '!': inner })),
      ),
      { numRuns: 30, seed: 7 },
    );
    for (const each of rules) {
      const page = await call('GET', `${OPPS}?limit=200&${filterOf(each)}`);
      expect(page.status, `${JSON.stringify(each)} ${page.text}`).toBe(200);
      const expected = all.filter((record) => isTruthy(applyRule(each, record))).map((record) => record.id);
      expect(page.body.data.map((record: Json) => record.id).sort(), JSON.stringify(each)).toEqual(expected.sort());
    }
  });

  it('lists the linking records on the target page with their junction records', async () => {
    const id = (await call('POST', OPPS, { name: 'rel', contacts: [c[2]] })).body.id as string;
    const [role] = await roles(id);
    await call('PATCH', `${ROLES}/${role?.id}`, { role: 'champion' });
    const related = await call('GET', `${CONTACTS}/${c[2]}/related/opportunity/contacts?limit=200`);
    expect(related.status, related.text).toBe(200);
    const row = (related.body.data as Json[]).find((record) => record.id === id);
    expect(row?.$junction).toMatchObject({ id: role?.id, role: 'champion', opportunity: id, contact: c[2] });
    const lists = await call('GET', `${CONTACTS}/${c[2]}/related?limit=20`);
    const list = (lists.body.data as Json[]).find((each) => each.object === 'opportunity' && each.field === 'contacts');
    expect(list).toMatchObject({ via: 'manytomany', junction: { object: 'deal_role', source: 'opportunity', target: 'contact' } });
    expect(list?.junction.columns).toContain('role');
    expect(list?.records.find((record: Json) => record.id === id)?.$junction?.role).toBe('champion');
    // The junction's own lookup list shows on the source's page only: on the target's the many-to-many list replaces it.
    const shown = (data: Json[]) => data.map((each) => `${each.object}.${each.field}`);
    expect(shown(lists.body.data)).not.toContain('deal_role.contact');
    expect(shown((await call('GET', `${OPPS}/${id}/related?limit=20`)).body.data)).toContain('deal_role.opportunity');
  });

  it('applies the junction pipeline: required fields name the field (400), field history, permissions (403 TSR179)', async () => {
    const tracked = await call('PUT', '/api/v1/audit/tracked-fields/deal_role', { fields: ['role'] });
    expect(tracked.status, tracked.text).toBe(200);
    const id = (await call('POST', OPPS, { name: 'h1', contacts: [c[0]] })).body.id as string;
    const [role] = await roles(id);
    const history = await call('GET', `${ROLES}/${role?.id}/history`);
    expect(history.status, history.text).toBe(200);
    expect((history.body.data as Json[]).some((entry) => entry.field === 'role' && entry.newValue === 'user')).toBe(true);

    // A seller who may edit opportunities and read deal roles, but not create them.
    const sales = await admin.permissionSet('sales', {
      opportunity: { create: true, read: true, edit: true, viewAll: true, modifyAll: true },
      contact: { read: true, viewAll: true },
      deal_role: { read: true, viewAll: true },
    });
    await admin.call('POST', '/api/v1/security/users', { email: 'li@example.com', name: '李雷', password: PASSWORD, permissionSetIds: [sales] });
    const seller = await admin.userToken('li@example.com');
    const before = (await roles(id)).length;
    const refused = await call('POST', `${OPPS}/${id}/links/contacts`, { ids: [c[1]] }, seller);
    expect(refused.status, refused.text).toBe(403);
    expect(refused.body.errors).toEqual([expect.objectContaining({ code: 'TSR179', path: '/ids' })]);
    const patchRefused = await call('PATCH', `${OPPS}/${id}`, { contacts: [] }, seller);
    expect(patchRefused.status, patchRefused.text).toBe(403);
    expect(patchRefused.body.errors).toEqual([expect.objectContaining({ code: 'TSR179', path: '/contacts' })]);
    expect((await roles(id)).length).toBe(before);

    // A required junction field without a default: linking cannot fill it.
    const withSince = {
      objects: [contact, dealRole([{ apiName: 'since', type: 'date', required: true, backfill: '2026-01-01', labels: labels('Since') }]), opportunity()],
    };
    const reviewed = await plan(withSince);
    const required = await call('POST', '/api/v1/metadata/apply', { definition: withSince, planHash: reviewed.body.planHash });
    expect(required.status, required.text).toBe(200);
    const missing = await call('POST', `${OPPS}/${id}/links/contacts`, { ids: [c[3]] });
    // The junction record's own refusal (400 TSR400, as its own form gets), moved under the field's path.
    expect(missing.status, missing.text).toBe(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ code: 'TSR402', path: '/ids/since' })]);
    const patched = await call('PATCH', `${OPPS}/${id}`, { contacts: [c[0], c[3]] });
    expect(patched.body.errors).toEqual([expect.objectContaining({ code: 'TSR402', path: '/contacts/since' })]);
    expect((await roles(id)).length).toBe(before);
  });

  it('refuses removing the junction object or its lookups, and moving a live field to or from a junction', async () => {
    const removed = await plan({ objects: [contact, opportunity()], remove: ['deal_role'] });
    expect(codes(removed.body)).toEqual([['TSR254', '/remove/0']]);
    const lost = await plan({ objects: [contact, dealRole([], [lookup('opportunity', 'opportunity')])] });
    expect(codes(lost.body)).toEqual([['TSR254', '/objects/1']]);
    const managed = await plan({ objects: [contact, dealRole(), opportunity({})] });
    expect(codes(managed.body)).toEqual([['TSR255', '/objects/2/fields/1/junction']]);
    // Removing the field drops only the pair index: the junction records stay the object's data.
    const planned = await plan({ objects: [contact, dealRole(), { ...opportunity(), fields: opportunity().fields.slice(0, 1) }] });
    expect(planned.status, planned.text).toBe(200);
    expect(planned.body.steps).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'drop_index', object: 'deal_role' })]));
    expect((planned.body.steps as Json[]).map((step) => step.kind)).not.toContain('drop_link_table');
  });

  it('moves a live managed field to a junction object: a reviewed step copies every link, counted, then drops the link table', async () => {
    const helper = (m2m: Json = {}) => ({
      ...opportunity(),
      fields: [...opportunity().fields, { apiName: 'helpers', type: 'manytomany', target: 'contact', labels: labels('Helpers'), ...m2m }],
    });
    const helperRole = (extra: Json[] = []) => ({
      apiName: 'helper_role',
      labels: labels('Helper role'),
      fields: [lookup('opportunity', 'opportunity'), lookup('contact', 'contact'), ...extra],
    });
    expect((await call('POST', '/api/v1/metadata/apply', { objects: [contact, dealRoleWithSince(), helper(), helperRole()] })).status).toBe(200);
    const sets = fc.sample(fc.subarray(c, { minLength: 1 }), { numRuns: 6, seed: 3 });
    const ids: string[] = [];
    for (const set of sets) ids.push((await call('POST', OPPS, { name: 'm', helpers: set })).body.id);
    const before = await Promise.all(ids.map(async (id) => (await call('GET', `${OPPS}/${id}`)).body.helpers));
    const links = sets.reduce((total, set) => total + set.length, 0);

    // A required junction field without a default cannot be filled by the copy.
    const blocked = await plan({
      objects: [
        contact,
        dealRoleWithSince(),
        helper({ junction: 'helper_role' }),
        helperRole([{ apiName: 'note', type: 'text', required: true, backfill: 'x', labels: labels('Note') }]),
      ],
    });
    expect(blocked.status, blocked.text).toBe(422);
    expect(codes(blocked.body)).toContainEqual(['TSR255', '/objects/2/fields/2/junction']);

    const moved = { objects: [contact, dealRoleWithSince(), helper({ junction: 'helper_role' }), helperRole()] };
    const planned = await plan(moved);
    expect(planned.status, planned.text).toBe(200);
    expect(planned.body.steps).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'move_links_to_junction', field: 'helpers', risk: 'touches_data', rows: links })]),
    );
    const applied = await call('POST', '/api/v1/metadata/apply', { definition: moved, planHash: planned.body.planHash });
    expect(applied.status, applied.text).toBe(200);
    const after = await Promise.all(ids.map(async (id) => (await call('GET', `${OPPS}/${id}`)).body.helpers));
    expect(after).toEqual(before);
    expect((await call('GET', '/api/v1/objects/helper_role/records?limit=200')).body.data).toHaveLength(links);
    const tables = await sql<{ t: string }>`select table_name as t from information_schema.tables where table_schema = ${schema}`.execute(server.database.db);
    expect(tables.rows.map((row) => row.t)).not.toContain('_links_opportunity_helpers');
    // Back to the managed table is refused.
    const back = await plan({ objects: [contact, dealRoleWithSince(), helper(), helperRole()] });
    expect(codes(back.body)).toEqual([['TSR255', '/objects/2/fields/2/junction']]);
  });
});
