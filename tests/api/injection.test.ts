// SQL injection attempts through every input that reaches SQL: filter values and field names,
// sort keys, fields/expand, body keys, object names and record ids. Each is refused (400/404
// problem+json) or treated as plain data, and afterwards the tenant's tables and rows are unchanged.
import { testDriverKinds } from '@tessera/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crmBundle } from '../fixtures/crm-objects.ts';
import { countRows, expectProblem, listAll, schemaColumns, schemaTables } from '../support/api-assertions.ts';
import { startTestServer, type TenantClient, type TestServer } from '../support/test-server.ts';

const kinds = await testDriverKinds();
const OPPORTUNITIES = '/api/v1/objects/opportunity/records';
const HOSTILE = [
  "'; drop table t_inject.opportunity; --",
  "Robert'); drop table t_inject.account; --",
  '\\"; drop table x; --',
  '$$; drop table x; $$',
  "' or '1'='1",
  '%_\\',
  '\u0000',
];

describe.each(kinds)('SQL injection on %s', (kind) => {
  let server: TestServer;
  let api: TenantClient;
  let tablesBefore: string[];
  let columnsBefore: string[];
  let opportunitiesBefore: number;
  let accountsBefore: number;
  let recordId: string;

  beforeAll(async () => {
    server = await startTestServer(kind);
    api = server.tenant(await server.createTenant('inject'));
    expect((await api.apply(crmBundle)).status).toBe(200);
    const account = await api.post('/api/v1/objects/account/records', { name: 'Target' });
    for (const name of HOSTILE.filter((text) => !text.includes('\u0000'))) {
      const created = await api.post(OPPORTUNITIES, { name, account: account.body.id });
      expect(created.status, created.text).toBe(201);
      recordId = created.body.id;
    }
    tablesBefore = await schemaTables(server, 't_inject');
    columnsBefore = await schemaColumns(server, 't_inject');
    opportunitiesBefore = await countRows(server, 't_inject', 'opportunity');
    accountsBefore = await countRows(server, 't_inject', 'account');
  });

  afterAll(async () => {
    await server?.close();
  });

  it('treats hostile filter values as data: exact matches only', async () => {
    for (const value of HOSTILE.filter((text) => !text.includes('\u0000'))) {
      const found = await api.list('opportunity', { filter: JSON.stringify({ '==': [{ var: 'name' }, value] }) });
      expect(found.status, found.text).toBe(200);
      expect(found.body.data.map((row: { name: string }) => row.name)).toEqual([value]);
      for (const op of ['starts_with', 'ends_with', 'icontains']) {
        const partial = await api.list('opportunity', { filter: JSON.stringify({ [op]: [{ var: 'name' }, value] }) });
        expect(partial.status).toBe(200);
        expect(partial.body.data.map((row: { name: string }) => row.name)).toContain(value);
      }
    }
    // LIKE wildcards in a value are literal characters.
    const wildcard = await api.list('opportunity', { filter: JSON.stringify({ icontains: [{ var: 'name' }, '%'] }) });
    expect(wildcard.body.data.map((row: { name: string }) => row.name)).toEqual(['%_\\']);
  });

  it('refuses a NUL character in a filter value or a record as a 400, not a 500', async () => {
    const filtered = await api.list('opportunity', { filter: JSON.stringify({ '==': [{ var: 'name' }, 'a\u0000b'] }) });
    expect(filtered.status, filtered.text).toBeLessThan(500);
    const created = await api.post(OPPORTUNITIES, { name: 'a\u0000b' });
    expect(created.status, created.text).toBe(400);
  });

  it('refuses hostile field names in filter vars with TSR103 (TSR160 where the name reads as a lookup path)', async () => {
    for (const name of ['name"; drop table x; --', 't.name', 'pg_catalog.pg_class', 'name) or (1=1', '*', 'opportunity.name', '__proto__', 'constructor']) {
      const result = await api.list('opportunity', { filter: JSON.stringify({ '==': [{ var: name }, 1] }) });
      // A dotted name is a lookup path (`account.region`): one that reaches nothing is TSR160.
      const code = name.includes('.') ? 'TSR160' : 'TSR103';
      expectProblem(result, 400, code, [{ path: 'filter/==/0/var', code }], true);
    }
  });

  it('refuses hostile sort keys with TSR104', async () => {
    for (const sort of ['amount;drop table x', '"name"', 'name desc', 'name asc nulls first', '(select 1)', '1', '-id;--', '__proto__']) {
      expectProblem(await api.list('opportunity', { sort }), 400, 'TSR104', [{ path: 'sort', code: 'TSR104' }], true);
    }
  });

  it('refuses hostile fields= and expand= names with TSR106', async () => {
    for (const fields of ['name,"amount"', 'name;select 1', '*', 'name) from x; --', 'hasOwnProperty']) {
      expectProblem(await api.list('opportunity', { fields }), 400, 'TSR106', [{ path: 'fields', code: 'TSR106' }]);
    }
    for (const expand of ['account) or (1=1', 'account;drop table x', 'toString']) {
      expectProblem(await api.list('opportunity', { expand }), 400, 'TSR106', [{ path: 'expand', code: 'TSR106' }]);
      expectProblem(await api.get(`${OPPORTUNITIES}/${recordId}?expand=${encodeURIComponent(expand)}`), 400, 'TSR106', [{ path: 'expand', code: 'TSR106' }]);
    }
  });

  it('refuses hostile body keys with TSR408 on create and patch', async () => {
    const key = 'name" = null; drop table x; --';
    expectProblem(await api.post(OPPORTUNITIES, { name: 'x', [key]: 1 }), 400, 'TSR400', [{ path: `/${key}`, code: 'TSR408' }], true);
    expectProblem(await api.patch(`${OPPORTUNITIES}/${recordId}`, { [key]: 1 }), 400, 'TSR400', [{ path: `/${key}`, code: 'TSR408' }], true);
    expectProblem(await api.post(OPPORTUNITIES, { name: 'x', 'a/b~c': 1 }), 400, 'TSR400', [{ path: '/a~1b~0c', code: 'TSR408' }], true);
    expectProblem(await api.post(OPPORTUNITIES, JSON.parse('{"name":"x","__proto__":{"amount":1}}')), 400, 'TSR400', [{ path: '/__proto__', code: 'TSR408' }]);
  });

  it('answers 404 TSR110 for hostile object names', async () => {
    for (const object of [
      encodeURIComponent('opportunity;drop table x'),
      'pg_catalog.pg_class',
      '..%2F..%2Fx',
      '_meta_revision',
      encodeURIComponent('t_inject.opportunity'),
      encodeURIComponent('"opportunity"'),
      '__proto__',
      'constructor',
    ]) {
      expectProblem(await api.get(`/api/v1/objects/${object}/records`), 404, 'TSR110');
      expectProblem(await api.post(`/api/v1/objects/${object}/records`, { name: 'x' }), 404, 'TSR110');
      expectProblem(await api.get(`/api/v1/metadata/objects/${object}`), 404, 'TSR110');
    }
  });

  it('answers 404 TSR111 for hostile record ids', async () => {
    for (const id of ["' or 1=1 --", `${recordId}' or '1'='1`, '1 or 1=1', `${recordId};drop table x`]) {
      const path = `${OPPORTUNITIES}/${encodeURIComponent(id)}`;
      expectProblem(await api.get(path), 404, 'TSR111');
      expectProblem(await api.patch(path, { name: 'pwned' }), 404, 'TSR111');
      expectProblem(await api.delete(path), 404, 'TSR111');
      expectProblem(await server.request('POST', `${path}/restore`, { token: undefined }), 401, 'TSR300');
    }
  });

  it('left every table, column and row as it was', async () => {
    expect(await schemaTables(server, 't_inject')).toEqual(tablesBefore);
    expect(await schemaColumns(server, 't_inject')).toEqual(columnsBefore);
    expect(await countRows(server, 't_inject', 'opportunity')).toBe(opportunitiesBefore);
    expect(await countRows(server, 't_inject', 'account')).toBe(accountsBefore);
    const names = (await listAll(api, 'opportunity')).map((row) => row.name);
    expect(names).not.toContain('pwned');
    expect(names.sort()).toEqual(HOSTILE.filter((text) => !text.includes('\u0000')).sort());
  });
});
