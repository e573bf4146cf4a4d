// Many-to-many fields (issue #21) on both drivers: the value is the list of linked ids; create and
// patch write the whole set, the link endpoints add and remove (idempotent); an unknown id and one
// the writer cannot read get the same TSR411 at the id's path, nothing saved; has_any / has_all /
// null filters select what json-logic-js selects on the API values; deleting a linked record hides
// its links (restore brings them back); field history records the change; removing the field
// drops its junction table (destructive, counted) and removing the target object is refused.
import { applyRule, isTruthy } from '@tessera/metadata';
import { testDriverKinds } from '@tessera/runtime';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, type RunningSecurityServer, startSecurityServer, TenantAdmin } from '../security/security-server.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are dynamic JSON
type Json = Record<string, any>;
const kinds = await testDriverKinds();
const OPPS = '/api/v1/objects/opportunity/records';
const CONTACTS = '/api/v1/objects/contact/records';
const MISSING = '0190a000-0000-7000-8000-0000000000ff';

const contact = {
  apiName: 'contact',
  labels: { en: 'Contact', zh: '联系人' },
  fields: [{ apiName: 'name', type: 'text', labels: { en: 'Name', zh: '姓名' } }],
};
const opportunity = (withContacts = true) => ({
  apiName: 'opportunity',
  labels: { en: 'Opportunity', zh: '商机' },
  fields: [
    { apiName: 'name', type: 'text', labels: { en: 'Name', zh: '名称' } },
    ...(withContacts ? [{ apiName: 'contacts', type: 'manytomany', target: 'contact', labels: { en: 'Contacts', zh: '联系人' } }] : []),
  ],
});

describe.each(kinds)('many-to-many on %s', (kind) => {
  let server: RunningSecurityServer;
  let admin: TenantAdmin;
  let schema = '';
  let userToken = '';
  const c: string[] = [];
  const call = (method: string, path: string, body?: unknown, token = admin.token) => server.request<Json>(method, path, { token, body });
  const links = async () =>
    Number((await sql<{ n: string }>`select count(*) as n from ${sql.id(schema, '_links_opportunity_contacts')}`.execute(server.database.db)).rows[0]?.n);

  beforeAll(async () => {
    server = await startSecurityServer(kind, { rateLimit: false });
    admin = new TenantAdmin(server, 'manytomany', await server.createTenant('manytomany'));
    const applied = await call('POST', '/api/v1/metadata/apply', { objects: [contact, opportunity()] });
    expect(applied.status, applied.text).toBe(200);
    for (const name of ['Ada', 'Bo', '陈', 'Dee']) c.push((await call('POST', CONTACTS, { name })).body.id);
    // A seller: edits opportunities, reads only the contacts they own (none of the admin's).
    const sales = await admin.permissionSet('sales', {
      opportunity: { create: true, read: true, edit: true, viewAll: true },
      contact: { create: true, read: true, edit: true },
    });
    await admin.call('POST', '/api/v1/security/users', { email: 'li@example.com', name: '李雷', password: PASSWORD, permissionSetIds: [sales] });
    userToken = await admin.userToken('li@example.com');
    schema = (
      await sql<{ s: string }>`select schema_name as s from information_schema.schemata where schema_name like '%manytomany%'`.execute(server.database.db)
    ).rows[0]?.s as string;
  }, 180_000);
  afterAll(async () => server?.close());

  it('creates with links, replaces them on patch, clears them with null', async () => {
    const created = await call('POST', OPPS, { name: 'o1', contacts: [c[0], (c[1] as string).toUpperCase(), c[0]] });
    expect(created.status, created.text).toBe(201);
    expect(created.body.contacts).toEqual([c[0], c[1]]);
    const read = await call('GET', `${OPPS}/${created.body.id}`);
    expect(read.body.contacts).toEqual([c[0], c[1]]);
    const patched = await call('PATCH', `${OPPS}/${created.body.id}`, { contacts: [c[1], c[2]] });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body.contacts).toEqual([c[1], c[2]]);
    expect(patched.body.version).toBe(2);
    const cleared = await call('PATCH', `${OPPS}/${created.body.id}`, { contacts: null });
    expect(cleared.body.contacts).toBeNull();
  });

  it('adds and removes links through the link endpoints, idempotently', async () => {
    const id = (await call('POST', OPPS, { name: 'o2', contacts: [c[0]] })).body.id;
    const path = `${OPPS}/${id}/links/contacts`;
    for (let round = 0; round < 2; round += 1) {
      const added = await call('POST', path, { ids: [c[1], c[0], c[2]] });
      expect(added.status, added.text).toBe(200);
      expect(added.body.contacts).toEqual([c[0], c[1], c[2]]);
    }
    for (let round = 0; round < 2; round += 1) {
      const removed = await call('DELETE', path, { ids: [c[0], c[2]] });
      expect(removed.status, removed.text).toBe(200);
      expect(removed.body.contacts).toEqual([c[1]]);
    }
    const bad = await call('POST', path, { ids: ['nope', c[0]] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: Json) => e.path)).toEqual(['/ids/0']);
    expect((await call('POST', `${OPPS}/${id}/links/name`, { ids: [c[0]] })).status).toBe(400);
  });

  it('refuses unknown and invisible ids alike, naming the path; nothing is saved', async () => {
    const before = await links();
    const unknown = await call('POST', OPPS, { name: 'bad', contacts: [c[0], MISSING] });
    expect(unknown.status, unknown.text).toBe(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ path: '/contacts/1', code: 'TSR411' })]);
    // The seller cannot read the admin's contacts: the same answer, so no existence oracle.
    const hidden = await call('POST', OPPS, { name: 'bad', contacts: [c[0]] }, userToken);
    expect(hidden.status, hidden.text).toBe(400);
    expect(hidden.body.errors).toEqual([expect.objectContaining({ path: '/contacts/0', code: 'TSR411' })]);
    expect(hidden.body.detail).toBe(unknown.body.detail);
    const own = (await call('POST', CONTACTS, { name: 'Li own' }, userToken)).body.id;
    const opp = await call('POST', OPPS, { name: 'seller', contacts: [own] }, userToken);
    expect(opp.status, opp.text).toBe(201);
    const viaEndpoint = await call('POST', `${OPPS}/${opp.body.id}/links/contacts`, { ids: [c[3]] }, userToken);
    expect(viaEndpoint.status).toBe(400);
    expect(viaEndpoint.body.errors).toEqual([expect.objectContaining({ path: '/ids/0', code: 'TSR411' })]);
    expect(await links()).toBe(before + 1);
    expect((await call('GET', OPPS.replace('records', `records/${opp.body.id}`))).body.contacts).toEqual([own]);
  });

  it('expands to [{id, name}] in link order; a linked record the reader cannot see keeps its id and no name', async () => {
    const own = (await call('POST', CONTACTS, { name: 'Li expand' }, userToken)).body.id;
    await call('POST', OPPS, { name: 'e1', contacts: [c[2], own, c[0]] });
    await call('POST', OPPS, { name: 'e2' });
    for (const token of [admin.token, userToken]) {
      // The names each reader may see: the contacts their own list shows.
      const readable = new Map(((await call('GET', `${CONTACTS}?limit=200`, undefined, token)).body.data as Json[]).map((r) => [r.id, r.name]));
      const bare = (await call('GET', `${OPPS}?limit=200`, undefined, token)).body.data as Json[];
      const expected = (record: Json) => record.contacts?.map((id: string) => ({ id, name: readable.get(id) ?? null })) ?? null;
      const page = await call('GET', `${OPPS}?limit=200&expand=contacts`, undefined, token);
      expect(page.status, page.text).toBe(200);
      expect(page.body.data.map((record: Json) => record.contacts)).toEqual(bare.map(expected));
      const projected = await call('GET', `${OPPS}?limit=200&fields=name&expand=contacts`, undefined, token);
      expect(projected.body.data).toEqual(bare.map((record) => ({ id: record.id, name: record.name, contacts: expected(record) })));
      for (const record of bare) {
        const one = await call('GET', `${OPPS}/${record.id}?expand=contacts`, undefined, token);
        expect(one.body.contacts).toEqual(expected(record));
      }
    }
    const hidden = (await call('GET', `${OPPS}?limit=200&expand=contacts`, undefined, userToken)).body.data as Json[];
    // The fixture shows both cases: a visible name and a hidden one.
    const shown = hidden.flatMap((record) => record.contacts ?? []);
    expect(shown).toEqual(
      expect.arrayContaining([
        { id: own, name: 'Li expand' },
        { id: c[0], name: null },
      ]),
    );
  });

  it('filters has_any / has_all / null as json-logic-js does on the API values', async () => {
    const sets = [[], [c[0]], [c[1]], [c[0], c[1]], [c[1], c[2], c[3]], [c[3]]];
    for (const [index, set] of sets.entries()) await call('POST', OPPS, { name: `f${index}`, contacts: set });
    const all = (await call('GET', `${OPPS}?limit=200`)).body.data as Json[];
    const rules = [
      { has_any: [{ var: 'contacts' }, [c[0], c[3]]] },
      { has_any: [{ var: 'contacts' }, []] },
      { has_any: [{ var: 'contacts' }, [(c[1] as string).toUpperCase()]] },
      { has_all: [{ var: 'contacts' }, [c[0], c[1]]] },
      { has_all: [{ var: 'contacts' }, [c[1]]] },
      { has_all: [{ var: 'contacts' }, []] },
      { has_all: [{ var: 'contacts' }, [c[1], 'not-an-id']] },
      { '!': { has_any: [{ var: 'contacts' }, [c[1]]] } },
      { '!': { has_all: [{ var: 'contacts' }, [c[1], c[2]]] } },
      { '==': [{ var: 'contacts' }, null] },
      { '!=': [{ var: 'contacts' }, null] },
      { in: [c[2], { var: 'contacts' }] },
      { and: [{ has_any: [{ var: 'contacts' }, [c[1]]] }, { '!': { has_all: [{ var: 'contacts' }, [c[0]]] } }] },
    ];
    for (const rule of rules) {
      const page = await call('GET', `${OPPS}?limit=200&filter=${encodeURIComponent(JSON.stringify(rule))}`);
      expect(page.status, `${JSON.stringify(rule)} ${page.text}`).toBe(200);
      const expected = all.filter((record) => isTruthy(applyRule(rule, record))).map((record) => record.id);
      expect(page.body.data.map((record: Json) => record.id).sort(), JSON.stringify(rule)).toEqual(expected.sort());
    }
    const wrong = await call('GET', `${OPPS}?filter=${encodeURIComponent(JSON.stringify({ has_any: [{ var: 'name' }, ['x']] }))}`);
    expect(wrong.status).toBe(400);
  });

  it('hides the links of a deleted record on the other side, and a restore brings them back', async () => {
    const id = (await call('POST', OPPS, { name: 'd1', contacts: [c[2], c[3]] })).body.id;
    expect((await call('DELETE', `${CONTACTS}/${c[2]}`)).status).toBe(204);
    expect((await call('GET', `${OPPS}/${id}`)).body.contacts).toEqual([c[3]]);
    const filtered = await call('GET', `${OPPS}?filter=${encodeURIComponent(JSON.stringify({ has_any: [{ var: 'contacts' }, [c[2]]] }))}`);
    expect(filtered.body.data).toEqual([]);
    expect((await call('POST', `${CONTACTS}/${c[2]}/restore`)).status).toBe(200);
    expect((await call('GET', `${OPPS}/${id}`)).body.contacts).toEqual([c[2], c[3]]);
  });

  it('records link changes in the field history', async () => {
    const tracked = await call('PUT', '/api/v1/audit/tracked-fields/opportunity', { fields: ['contacts'] });
    expect(tracked.status, tracked.text).toBe(200);
    const id = (await call('POST', OPPS, { name: 'h1', contacts: [c[0]] })).body.id;
    await call('POST', `${OPPS}/${id}/links/contacts`, { ids: [c[1]] });
    await call('DELETE', `${OPPS}/${id}/links/contacts`, { ids: [c[0]] });
    const history = await call('GET', `${OPPS}/${id}/history`);
    expect(history.status, history.text).toBe(200);
    const changes = (history.body.data as Json[]).filter((entry) => entry.field === 'contacts').map((entry) => [entry.oldValue, entry.newValue]);
    expect(changes).toEqual(
      expect.arrayContaining([
        [[c[0]], [c[0], c[1]]],
        [[c[0], c[1]], [c[1]]],
      ]),
    );
  });

  it('lists the records linking to a target on its page (the reverse related list), as the has_any filter selects them', async () => {
    for (const target of [c[0], c[1], c[3]] as string[]) {
      const linking = await call('GET', `${OPPS}?limit=200&filter=${encodeURIComponent(JSON.stringify({ has_any: [{ var: 'contacts' }, [target]] }))}`);
      const expected = (linking.body.data as Json[]).map((record) => record.id).sort();
      const related = await call('GET', `${CONTACTS}/${target}/related?limit=20`);
      expect(related.status, related.text).toBe(200);
      const list = (related.body.data as Json[]).find((each) => each.object === 'opportunity' && each.field === 'contacts');
      expect(list).toMatchObject({ via: 'manytomany', count: expected.length });
      expect(list?.columns).not.toContain('contacts');
      expect(list?.records.map((record: Json) => record.id).every((id: string) => expected.includes(id))).toBe(true);
      const paged = await call('GET', `${CONTACTS}/${target.toUpperCase()}/related/opportunity/contacts?limit=200`);
      expect(paged.status, paged.text).toBe(200);
      expect(paged.body.data.map((record: Json) => record.id).sort()).toEqual(expected);
    }
    // Linking from the target's page is the source's link endpoint: the list grows by one.
    const before = (await call('GET', `${CONTACTS}/${c[3]}/related/opportunity/contacts?limit=200`)).body.data.length as number;
    const fresh = (await call('POST', OPPS, { name: 'r1' })).body.id;
    expect((await call('POST', `${OPPS}/${fresh}/links/contacts`, { ids: [c[3]] })).status).toBe(200);
    expect((await call('GET', `${CONTACTS}/${c[3]}/related/opportunity/contacts?limit=200`)).body.data).toHaveLength(before + 1);
  });

  it('refuses to remove the target object; removing the field drops its junction table, counted as destructive', async () => {
    const refused = await call('POST', '/api/v1/metadata/plan', { objects: [opportunity()], remove: ['contact'] });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'TSR222' })]));
    const count = await links();
    expect(count).toBeGreaterThan(0);
    const planned = await call('POST', '/api/v1/metadata/plan', { objects: [opportunity(false)] });
    expect(planned.status, planned.text).toBe(200);
    expect(planned.body.steps).toEqual([expect.objectContaining({ kind: 'drop_link_table', field: 'contacts', risk: 'destructive', rows: count })]);
    const applied = await call('POST', '/api/v1/metadata/apply', {
      definition: { objects: [opportunity(false)] },
      planHash: planned.body.planHash,
      allowDestructive: true,
    });
    expect(applied.status, applied.text).toBe(200);
    const tables = async () =>
      (await sql<{ t: string }>`select table_name as t from information_schema.tables where table_schema = ${schema}`.execute(server.database.db)).rows.map(
        (r) => r.t,
      );
    expect(await tables()).not.toContain('_links_opportunity_contacts');
    expect((await call('GET', `${OPPS}?limit=1`)).body.data[0]).not.toHaveProperty('contacts');
    const readded = await call('POST', '/api/v1/metadata/apply', { objects: [contact, opportunity()] });
    expect(readded.status, readded.text).toBe(200);
    expect(await tables()).toContain('_links_opportunity_contacts');
    expect((await call('GET', `${OPPS}?limit=1`)).body.data[0].contacts).toBeNull();
  });
});
