// GET /api/v1/openapi.json is a valid OpenAPI 3.1 document (checked with the real validator) that
// describes the tenant's live objects and follows metadata changes.
import { Validator } from '@seriousme/openapi-schema-validator';
import { testDriverKinds } from '@tessera/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crmBundle } from '../fixtures/crm-objects.ts';
import { expectProblem } from '../support/api-assertions.ts';
import { startTestServer, type TenantClient, type TestServer } from '../support/test-server.ts';

const kinds = await testDriverKinds();

async function validate(document: unknown): Promise<{ valid: boolean; errors?: unknown }> {
  const validator = new Validator();
  return validator.validate(document as Parameters<Validator['validate']>[0]);
}

describe.each(kinds)('OpenAPI document on %s', (kind) => {
  let server: TestServer;
  let api: TenantClient;

  beforeAll(async () => {
    server = await startTestServer(kind);
    api = server.tenant(await server.createTenant('spec'));
  });

  afterAll(async () => {
    await server?.close();
  });

  it('is valid for a tenant without objects', async () => {
    const result = await api.get('/api/v1/openapi.json');
    expect(result.status).toBe(200);
    expect(result.headers.get('content-type')).toMatch(/^application\/json/);
    const outcome = await validate(result.body);
    expect(outcome.errors ?? []).toEqual([]);
    expect(outcome.valid).toBe(true);
    expect(Object.keys(result.body.paths).some((path) => path.startsWith('/api/v1/objects/'))).toBe(false);
  });

  it("is valid and describes the tenant's objects after an apply", async () => {
    expect((await api.apply(crmBundle)).status).toBe(200);
    const result = await api.get('/api/v1/openapi.json');
    const document = result.body;
    const outcome = await validate(document);
    expect(outcome.errors ?? []).toEqual([]);
    expect(outcome.valid).toBe(true);
    expect(document.openapi).toMatch(/^3\.1\./);
    for (const object of ['account', 'opportunity']) {
      expect(Object.keys(document.paths)).toEqual(
        expect.arrayContaining([
          `/api/v1/objects/${object}/records`,
          `/api/v1/objects/${object}/records/{id}`,
          `/api/v1/objects/${object}/records/{id}/restore`,
        ]),
      );
    }
    const schemas = document.components.schemas;
    expect(Object.keys(schemas)).toEqual(expect.arrayContaining(['Account', 'AccountCreate', 'AccountPatch', 'Opportunity', 'OpportunityCreate', 'Problem']));
    const opportunity = JSON.stringify(schemas.Opportunity);
    for (const field of ['number', 'amount', 'close_date', 'last_contact', 'tags', 'account', 'code']) expect(opportunity).toContain(`"${field}"`);
    // The autonumber is read-only: in the record, not in the create body.
    expect(Object.keys(schemas.OpportunityCreate.properties)).not.toContain('number');
    expect(Object.keys(schemas.OpportunityCreate.properties)).toContain('amount');
  });

  it('follows a new object and a new field', async () => {
    expect(
      (await api.apply({ apiName: 'lead', labels: { en: 'Lead', zh: '线索' }, fields: [{ apiName: 'source', type: 'text', labels: { en: 'Source' } }] }))
        .status,
    ).toBe(200);
    const document = (await api.get('/api/v1/openapi.json')).body;
    expect((await validate(document)).valid).toBe(true);
    expect(Object.keys(document.paths)).toContain('/api/v1/objects/lead/records');
    expect(JSON.stringify(document.components.schemas.Lead)).toContain('"source"');
  });

  it('is refused without a valid token', async () => {
    expectProblem(await server.request('GET', '/api/v1/openapi.json'), 401, 'TSR300');
    expectProblem(await server.request('GET', '/api/v1/openapi.json', { token: 'tsr_nope' }), 401, 'TSR301');
  });

  it('is not a valid document once broken (the validator is real)', async () => {
    const document = (await api.get('/api/v1/openapi.json')).body;
    delete document.info;
    document.paths['/api/v1/objects/lead/records'].get.responses = 'none';
    const outcome = await validate(document);
    expect(outcome.valid).toBe(false);
  });
});
