// Issue #20: the bulk, upsert-by-external-id and export endpoints are in the tenant's OpenAPI
// document (valid OpenAPI 3.1) with problem+json errors, and a real bulk response matches the
// schema the document gives for it.
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responseChecker } from '../support/openapi-responses.ts';
import { startTestServer, type TenantClient, type TestServer } from '../support/test-server.ts';
import { bulkDeal } from './bulk-fixtures.ts';

describe('bulk and export in OpenAPI', () => {
  let server: TestServer;
  let api: TenantClient;

  beforeAll(async () => {
    server = await startTestServer('postgres');
    api = server.tenant(await server.createTenant('bulkdoc'));
    const applied = await api.apply({
      objects: [bulkDeal, { apiName: 'note', labels: { en: 'Note', zh: '备注' }, fields: [{ apiName: 'title', type: 'text', labels: { en: 'Title' } }] }],
    });
    expect(applied.status, applied.text).toBe(200);
  }, 120_000);
  afterAll(async () => server?.close());

  it('lists the routes with their problem responses, and the document is valid', async () => {
    const document = (await api.get('/api/v1/openapi.json')).body;
    const outcome = await new Validator().validate(document);
    expect(outcome.errors ?? []).toEqual([]);
    const bulk = document.paths['/api/v1/objects/{object}/records/bulk'].post;
    expect(bulk.parameters[0].schema.enum).toEqual(['deal', 'note']);
    expect(Object.keys(bulk.responses)).toEqual(expect.arrayContaining(['200', '400', '422', 'default']));
    const exported = document.paths['/api/v1/objects/{object}/export'].get;
    expect(exported.parameters.map((parameter: { name: string }) => parameter.name)).toEqual(['object', 'format', 'lang', 'fields', 'filter', 'sort', 'view']);
    expect(Object.keys(exported.responses['200'].content)).toEqual(['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
    // Only objects with an external id field can be upserted by one.
    const upsert = document.paths['/api/v1/objects/{object}/records/by/{field}/{value}'].put;
    expect(upsert.parameters[0].schema.enum).toEqual(['deal']);
    expect(document.components.responses.UnprocessableContent.content['application/problem+json']).toBeDefined();
    const codes = document.components.schemas.Problem.properties.code.enum;
    for (const code of ['TSR140', 'TSR141', 'TSR142', 'TSR143', 'TSR144']) expect(codes).toContain(code);

    const check = responseChecker(document);
    const result = await api.post('/api/v1/objects/deal/records/bulk', {
      operation: 'upsert',
      mode: 'partial',
      records: [{ name: 'A', code: 'A' }, { name: 'B' }],
    });
    expect(result.status).toBe(200);
    check('/api/v1/objects/{object}/records/bulk', 'post', '200', result.body);
  });
});
