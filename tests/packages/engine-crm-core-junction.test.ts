// crm-core's move of opportunity.contacts from the managed link table to the
// opportunity_contact_role junction object: the previous version (the shipped folder without the
// junction) installed with links set through the field, then upgraded to the shipped version
// through plan → apply. Every link survives as a junction record (the plan counts them), the
// managed table is gone, and the shipped sample data links opportunities with roles. From 1.2.0
// (the junction without a name), the upgrade names every junction record by formula.
import { readFileSync } from 'node:fs';
import { testDriverKinds } from '@tessera/runtime';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { CRM_CORE, crmCoreRelease, JUNCTION, SHIPPED_VERSION as SHIPPED, withoutJunctionName } from './crm-core-releases.ts';
import { bundleSource, freshTenant, reviewed } from './engine-support.ts';

const kinds = await testDriverKinds();

/** 1.1.0: the shipped folder as it was before the junction: managed links, no junction object. */
const previous = () =>
  crmCoreRelease('1.1.0', (files) => {
    const contacts = files['objects/opportunity.json'].fields.find((field: { apiName: string }) => field.apiName === 'contacts');
    delete contacts.junction;
    delete files[`objects/${JUNCTION}.json`];
    delete files['data/6-opportunity-contact-roles.json'];
    const security = files['security/sales.json'];
    for (const set of security.permissionSets) delete set.objects[JUNCTION];
    delete security.objectAccess[JUNCTION];
  });
/** 1.2.0: the junction without a name field; its records listed by id. */
const unnamed = () => crmCoreRelease('1.2.0', withoutJunctionName);

type Named = { id: string; name?: string; contact: string; opportunity: string };
/** "contact · opportunity", from the records the junction points at. */
async function expectedNames(api: Awaited<ReturnType<typeof freshTenant>>['api'], roles: Named[]): Promise<string[]> {
  const nameOf = async (object: string, id: string) => (await api.get(`/api/v1/objects/${object}/records/${id}`)).body.name as string;
  return Promise.all(roles.map(async (role) => `${await nameOf('contact', role.contact)} · ${await nameOf('opportunity', role.opportunity)}`));
}

describe.each(kinds)('crm-core: opportunity contacts move to %s junction records', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(async () => server?.close());

  it('upgrades with every managed link kept as a junction record, counted in the plan', async () => {
    const { api, schema } = await freshTenant(server, 'crmjn');
    await reviewed(api, 'install', { source: previous(), sampleData: true });
    const opportunities = (await api.list('opportunity', { limit: 200 })).body.data as { id: string }[];
    const contacts = (await api.list('contact', { limit: 200 })).body.data as { id: string }[];
    const linked = new Map<string, string[]>();
    for (const [index, opportunity] of opportunities.entries()) {
      const ids = contacts.filter((_, position) => (position + index) % 3 !== 0).map((contact) => contact.id);
      const patched = await api.patch(`/api/v1/objects/opportunity/records/${opportunity.id}`, { contacts: ids });
      expect(patched.status, patched.text).toBe(200);
      linked.set(opportunity.id, patched.body.contacts);
    }
    const count = [...linked.values()].reduce((total, ids) => total + (ids?.length ?? 0), 0);

    const { plan, applied } = await reviewed(api, 'upgrade', { source: bundleSource(CRM_CORE) });
    expect(plan.steps).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'move_links_to_junction', rows: count, risk: 'touches_data' })]));
    expect(applied).toMatchObject({ namespace: 'crm', version: SHIPPED });
    for (const [id, ids] of linked) expect((await api.get(`/api/v1/objects/opportunity/records/${id}`)).body.contacts).toEqual(ids);
    const roles = (await api.list(JUNCTION, { limit: 200 })).body.data as { role: string | null }[];
    expect(roles).toHaveLength(count);
    const tables = await sql<{ t: string }>`select table_name as t from information_schema.tables where table_schema = ${schema}`.execute(server.database.db);
    expect(tables.rows.map((row) => row.t)).not.toContain('_links_opportunity_contacts');
  });

  it('installs the shipped version with sample opportunities linking contacts by role', async () => {
    const { api } = await freshTenant(server, 'crmjs');
    await reviewed(api, 'install', { source: bundleSource(CRM_CORE), sampleData: true });
    const roles = (await api.list(JUNCTION, { limit: 200 })).body.data as { opportunity: string; contact: string; role: string }[];
    const sample = JSON.parse(readFileSync(`${CRM_CORE}data/6-opportunity-contact-roles.json`, 'utf8')).records as unknown[];
    expect(roles).toHaveLength(sample.length);
    for (const role of roles) {
      const opportunity = (await api.get(`/api/v1/objects/opportunity/records/${role.opportunity}?expand=contacts`)).body;
      expect(opportunity.contacts.map((each: { id: string }) => each.id)).toContain(role.contact);
    }
  });

  it('upgrades from 1.2.0: the junction records get names from their contact and opportunity, which follow renames', async () => {
    const { api } = await freshTenant(server, 'crmjname');
    await reviewed(api, 'install', { source: unnamed(), sampleData: true });
    expect((await api.get(`/api/v1/metadata/objects/${JUNCTION}`)).body.nameField).toBeNull();
    const before = (await api.list(JUNCTION, { limit: 200 })).body.data as Named[];
    expect(before.length).toBeGreaterThan(0);
    expect(before[0]).not.toHaveProperty('name');

    const { plan, applied } = await reviewed(api, 'upgrade', { source: bundleSource(CRM_CORE) });
    expect(plan).toMatchObject({ operation: 'upgrade', namespace: 'crm', from: '1.2.0', to: SHIPPED, conflicts: [] });
    expect(applied).toMatchObject({ namespace: 'crm', version: SHIPPED });
    expect((await api.get(`/api/v1/metadata/objects/${JUNCTION}`)).body.nameField).toBe('name');
    const after = (await api.list(JUNCTION, { limit: 200 })).body.data as Named[];
    expect(after.map((row) => row.id).sort()).toEqual(before.map((row) => row.id).sort());
    expect(after.map((row) => row.name)).toEqual(await expectedNames(api, after));

    const [first] = after as [Named];
    const contact = (await api.get(`/api/v1/objects/contact/records/${first.contact}`)).body;
    const renamed = await api.patch(`/api/v1/objects/contact/records/${contact.id}`, { name: `${contact.name}（新）` }, { 'If-Match': `"${contact.version}"` });
    expect(renamed.status, renamed.text).toBe(200);
    const reread = (await api.get(`/api/v1/objects/${JUNCTION}/records/${first.id}`)).body as Named;
    expect(reread.name).toBe((await expectedNames(api, [reread]))[0]);
    expect(reread.name).toContain('（新）');
    // The lookup search reads the formula, as a list does.
    const found = await api.get(`/api/v1/objects/${JUNCTION}/lookup?q=${encodeURIComponent('（新）')}`);
    expect(found.status, found.text).toBe(200);
    expect(found.body.data).toContainEqual({ id: first.id, name: reread.name });
  });
});
