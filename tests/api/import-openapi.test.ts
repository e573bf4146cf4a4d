// Issue #20: the import endpoints are in the tenant's OpenAPI document (valid OpenAPI 3.1) with
// problem+json errors and the TSR15x codes, and a real import response matches the schema.
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responseChecker } from '../support/openapi-responses.ts';
import { startTestServer, type TenantClient, type TestServer } from '../support/test-server.ts';
import { company, lead, upload } from './import-support.ts';

describe('import in OpenAPI', () => {
  let server: TestServer;
  let api: TenantClient;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer('postgres');
    token = await server.createTenant('importdoc');
    api = server.tenant(token);
    const applied = await api.apply({ objects: [company, lead] });
    expect(applied.status, applied.text).toBe(200);
  }, 120_000);
  afterAll(async () => server?.close());

  it('lists the routes with their problem responses; a dry run matches the Import schema', async () => {
    const document = (await api.get('/api/v1/openapi.json')).body;
    const outcome = await new Validator().validate(document);
    expect(outcome.errors ?? []).toEqual([]);
    for (const [path, method] of [
      ['/api/v1/imports/{object}', 'post'],
      ['/api/v1/imports/{object}/preview', 'post'],
      ['/api/v1/imports/{object}/mappings', 'get'],
      ['/api/v1/imports/{object}/mappings/{name}', 'put'],
      ['/api/v1/imports/{id}', 'get'],
      ['/api/v1/imports/{id}/errors.csv', 'get'],
      ['/api/v1/imports/{id}/undo', 'post'],
      ['/api/v1/imports/{id}/rerun', 'post'],
      ['/api/v1/imports', 'get'],
    ] as const) {
      const operation = document.paths[path]?.[method];
      expect(operation, `${method} ${path}`).toBeDefined();
      expect(operation.responses.default).toBeDefined();
    }
    const run = document.paths['/api/v1/imports/{object}'].post;
    expect(run.parameters[0].schema.enum).toEqual(['company', 'lead']);
    expect(Object.keys(run.requestBody.content)).toEqual([
      'text/csv',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'multipart/form-data',
    ]);
    expect(run.requestBody.content['multipart/form-data'].schema.required).toEqual(['file']);
    expect(document.paths['/api/v1/imports/{object}/preview'].post.requestBody.content['multipart/form-data']).toBeDefined();
    expect(Object.keys(document.paths['/api/v1/imports/{id}/rerun'].post.responses)).toEqual(expect.arrayContaining(['200', '202', '404', '409']));
    expect(Object.keys(document.paths['/api/v1/imports/{id}/undo'].post.responses)).toEqual(expect.arrayContaining(['200', '404', '409']));
    const codes = document.components.schemas.Problem.properties.code.enum;
    for (const code of ['TSR150', 'TSR151', 'TSR152', 'TSR153', 'TSR155', 'TSR156', 'TSR421', 'TSR422']) expect(codes).toContain(code);

    const dry = await upload(server.baseUrl, '/api/v1/imports/lead?dryRun=true', { token }, 'name,code\nA,A-1\n');
    expect(dry.status, dry.text).toBe(200);
    responseChecker(document)('/api/v1/imports/{object}', 'post', '200', dry.body);
    const form = new FormData();
    form.append('file', new File(['name,code\nB,B-1\n'], 'b.csv', { type: 'text/csv' }));
    form.append('wait', 'true');
    const multipart = await fetch(`${server.baseUrl}/api/v1/imports/lead`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    expect(multipart.status).toBe(200);
    responseChecker(document)('/api/v1/imports/{object}', 'post', '200', await multipart.json());
    const history = await api.get('/api/v1/imports');
    expect(history.status, history.text).toBe(200);
    expect(history.body.data).toHaveLength(1);
    responseChecker(document)('/api/v1/imports', 'get', '200', history.body);
  });
});
