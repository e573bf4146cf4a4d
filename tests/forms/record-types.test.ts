// Record types over HTTP: the default on create, picklist subsets per record type on create and
// update (naming the record type), unknown record types, objects without record types, and
// layout / record type changes applied as metadata only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companyDef, dealDef } from '../fixtures/form-objects.ts';
import { startTestServer, type TenantClient, type TestServer } from '../support/test-server.ts';

const DEALS = '/api/v1/objects/deal/records';
let server: TestServer;
let api: TenantClient;

beforeAll(async () => {
  server = await startTestServer();
  api = server.tenant(await server.createTenant('record_types'));
  const applied = await api.apply({ objects: [companyDef, dealDef] });
  expect(applied.status, applied.text).toBe(200);
});
afterAll(async () => server?.close());

const codesOf = (body: { errors?: { path: string; code: string }[] }) => body.errors?.map((error) => `${error.code} ${error.path}`);

describe('record types on records', () => {
  it('gives a record the default record type and checks its values against it', async () => {
    const created = await api.post(DEALS, { name: 'A' });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ record_type: 'direct', stage: 'new' });
    expect(Object.keys(created.body).slice(-7)).toEqual(['record_type', 'owner_id', 'created_by', 'created_at', 'updated_at', 'version', 'deleted_at']);

    const refused = await api.post(DEALS, { name: 'B', stage: 'negotiation' });
    expect(refused.status).toBe(400);
    expect(codesOf(refused.body)).toEqual(['TSR405 /stage']);
    expect(refused.body.errors[0].message).toContain("record type 'direct'");
  });

  it('accepts the values of the record type a record names, and refuses unknown record types', async () => {
    const partner = await api.post(DEALS, { name: 'P', record_type: 'partner', stage: 'negotiation' });
    expect(partner.status, partner.text).toBe(201);
    expect(partner.body.record_type).toBe('partner');
    const unknown = await api.post(DEALS, { name: 'X', record_type: 'retail' });
    expect(unknown.status).toBe(400);
    expect(codesOf(unknown.body)).toEqual(['TSR414 /record_type']);
    expect(unknown.body.errors[0].message).toContain('direct, partner');
  });

  it('checks an update against the stored record type unless the update names another', async () => {
    const partner = (await api.post(DEALS, { name: 'Q', record_type: 'partner', stage: 'won', amount: 10 })).body;
    expect(partner.id).toBeDefined();
    const refused = await api.patch(`${DEALS}/${partner.id}`, { stage: 'lost' });
    expect(refused.status).toBe(400);
    expect(codesOf(refused.body)).toEqual(['TSR405 /stage']);
    expect(refused.body.errors[0].message).toContain("record type 'partner'");
    const moved = await api.patch(`${DEALS}/${partner.id}`, { record_type: 'direct', stage: 'lost' });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body).toMatchObject({ record_type: 'direct', stage: 'lost', version: 2 });
    const wrongPair = await api.patch(`${DEALS}/${partner.id}`, { record_type: 'partner', stage: 'lost' });
    expect(codesOf(wrongPair.body)).toEqual(['TSR405 /stage']);
  });

  it('filters and sorts by record type', async () => {
    const partners = await api.list('deal', { filter: JSON.stringify({ '==': [{ var: 'record_type' }, 'partner'] }), sort: 'record_type,name' });
    expect(partners.status, partners.text).toBe(200);
    expect(partners.body.data.map((record) => record.name)).toEqual(['P']);
  });

  it('leaves objects without record types as they were', async () => {
    const company = await api.post('/api/v1/objects/company/records', { name: 'Acme' });
    expect(company.status).toBe(201);
    expect(company.body).not.toHaveProperty('record_type');
    const refused = await api.post('/api/v1/objects/company/records', { name: 'Acme 2', record_type: 'direct' });
    expect(codesOf(refused.body)).toEqual(['TSR408 /record_type']);
  });

  it('documents record_type in the OpenAPI record schemas', async () => {
    const { body } = await api.get('/api/v1/openapi.json');
    const text = JSON.stringify(body);
    expect(text).toContain('"record_type"');
  });
});

describe('changing layouts and record types', () => {
  it('is metadata only: one update_metadata action, a new revision, the new form at once', async () => {
    const changed = structuredClone(dealDef);
    changed.layouts[0]?.sections[0]?.fields.reverse();
    (changed.recordTypes[1] as { picklistValues: Record<string, string[]> }).picklistValues.stage = ['new', 'won'];
    const applied = await api.apply({ objects: [companyDef, changed] });
    expect(applied.status, applied.text).toBe(200);
    expect(applied.body.actions).toEqual([{ kind: 'update_metadata', object: 'deal', changes: ['recordTypes', 'layouts'] }]);
    const form = await api.get('/api/v1/forms/deal?recordType=partner');
    expect(form.body.schema.properties.stage.oneOf.map((option: { const: string }) => option.const)).toEqual(['new', 'won']);
    const direct = await api.get('/api/v1/forms/deal');
    expect(direct.body.sections[0].fields[0]).toBe('number');
  });

  it('adds record types to an object with records: older records count as the default', async () => {
    const older = (await api.post('/api/v1/objects/company/records', { name: 'Old', industry: 'telecom' })).body;
    const withTypes = {
      ...companyDef,
      recordTypes: [
        { apiName: 'customer', labels: { en: 'Customer' }, picklistValues: { industry: ['retail'] } },
        { apiName: 'supplier', labels: { en: 'Supplier' } },
      ],
    };
    const applied = await api.apply({ objects: [withTypes, dealDef] });
    expect(applied.status, applied.text).toBe(200);
    const read = await api.get(`/api/v1/objects/company/records/${older.id}`);
    expect(read.body.record_type).toBeNull();
    const refused = await api.patch(`/api/v1/objects/company/records/${older.id}`, { industry: 'telecom' });
    expect(codesOf(refused.body)).toEqual(['TSR405 /industry']);
    expect(refused.body.errors[0].message).toContain("record type 'customer'");
    const supplier = await api.patch(`/api/v1/objects/company/records/${older.id}`, { record_type: 'supplier', industry: 'telecom' });
    expect(supplier.status, supplier.text).toBe(200);
  });
});
