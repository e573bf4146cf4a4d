// Field-level and object-level security on every surface: list and get projections, filter, sort,
// fields and expand parameters (a hidden field answers exactly like a field that does not exist,
// so no filter oracle), create and patch (read-only fields refused, hidden fields unknown), forms,
// the metadata read, the OpenAPI document, and the admin-only metadata routes.
import { testDriverKinds } from '@tessera/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crmBundle } from '../fixtures/crm-objects.ts';
import { expectProblem, MISSING_ID } from '../support/api-assertions.ts';
import { problemShape, type SecurityServer, startSecurityServer, TenantAdmin } from './security-server.ts';

const kinds = await testDriverKinds();
const OPPS = '/api/v1/objects/opportunity/records';
const ACCOUNTS = '/api/v1/objects/account/records';

describe.each(kinds)('field-level security on %s', (kind) => {
  let server: SecurityServer;
  let admin: TenantAdmin;
  let rep: string;
  let oppOnly: string;
  let repId: string;
  let accountId: string;
  let oppId: string;
  const get = (path: string, cookie = rep) => server.request('GET', path, { cookie });
  const send = (method: string, path: string, body: unknown, cookie = rep) => server.request(method, path, { cookie, body });
  /** The same request with a hidden name and with a name that does not exist answer alike. */
  const sameAsUnknown = async (path: (name: string) => string, status: number, code: string) => {
    const hidden = await get(path('code'));
    const unknown = await get(path('zzzz'));
    expectProblem(hidden, status, code);
    expectProblem(unknown, status, code);
    expect(JSON.stringify(problemShape(hidden)).replaceAll("'code'", "'NAME'")).toBe(JSON.stringify(problemShape(unknown)).replaceAll("'zzzz'", "'NAME'"));
  };

  beforeAll(async () => {
    server = await startSecurityServer(kind);
    admin = new TenantAdmin(server, 'fls', await server.createTenant('fls'));
    await admin.call('POST', '/api/v1/metadata/apply', crmBundle);
    const sales = await admin.permissionSet('sales', {
      account: { read: true },
      opportunity: { create: true, read: true, edit: true, fields: { amount: 'read', code: 'none', number: 'read' } },
    });
    const opportunities = await admin.permissionSet('opportunities_only', { opportunity: { read: true, create: true, edit: true } });
    repId = await admin.user('rep@example.com', { permissionSetIds: [sales] });
    await admin.user('opp@example.com', { permissionSetIds: [opportunities] });
    rep = await admin.signIn('rep@example.com');
    oppOnly = await admin.signIn('opp@example.com');
    await admin.call('PUT', '/api/v1/security/object-access/account', { defaultAccess: 'read' });
    accountId = (await admin.call<{ id: string }>('POST', ACCOUNTS, { name: 'Visible account' })).id;
    oppId = (await admin.call<{ id: string }>('POST', OPPS, { name: 'Deal', amount: 1000, code: 'SECRET-1', owner_id: repId, account: accountId })).id;
  });

  afterAll(async () => {
    await server?.close();
  });

  it('leaves hidden fields out of lists and gets, and keeps readable ones', async () => {
    const list = await get(OPPS);
    expect(list.status, list.text).toBe(200);
    expect(list.body.data).toHaveLength(1);
    expect(list.body.data[0]).not.toHaveProperty('code');
    expect(list.body.data[0]).toMatchObject({ name: 'Deal', amount: 1000 });
    const one = await get(`${OPPS}/${oppId}`);
    expect(one.body).not.toHaveProperty('code');
    expect(one.body.amount).toBe(1000);
    expect(one.text).not.toContain('SECRET-1');
    // The integration token still sees everything.
    expect((await admin.call('GET', `${OPPS}/${oppId}`)).code).toBe('SECRET-1');
  });

  it('refuses hidden fields in filter, sort, fields and expand exactly as unknown fields', async () => {
    await sameAsUnknown((name) => `${OPPS}?filter=${encodeURIComponent(JSON.stringify({ '==': [{ var: name }, 'SECRET-1'] }))}`, 400, 'TSR103');
    await sameAsUnknown((name) => `${OPPS}?sort=-${name}`, 400, 'TSR104');
    await sameAsUnknown((name) => `${OPPS}?fields=name,${name}`, 400, 'TSR106');
    await sameAsUnknown((name) => `${OPPS}?expand=${name}`, 400, 'TSR106');
    // Readable fields still filter and sort.
    const filtered = await get(`${OPPS}?filter=${encodeURIComponent(JSON.stringify({ '>': [{ var: 'amount' }, 10] }))}&sort=-amount&fields=name,amount`);
    expect(filtered.body.data).toEqual([{ id: oppId, name: 'Deal', amount: 1000 }]);
  });

  it('expands a lookup to a record the user can see, else gives the id only', async () => {
    const visible = await get(`${OPPS}/${oppId}?expand=account`);
    expect(visible.body.account).toMatchObject({ id: accountId, name: 'Visible account' });
    await admin.call('PUT', '/api/v1/security/object-access/account', { defaultAccess: 'private' });
    const hidden = await get(`${OPPS}/${oppId}?expand=account`);
    expect(hidden.body.account).toBe(accountId);
    const listed = await get(`${OPPS}?expand=account`);
    expect(listed.body.data[0].account).toBe(accountId);
    // Pointing a lookup at a record you cannot see is refused like pointing at none.
    const hiddenTarget = await send('POST', OPPS, { name: 'Ref', account: accountId });
    const missingTarget = await send('POST', OPPS, { name: 'Ref', account: MISSING_ID });
    expectProblem(hiddenTarget, 400, 'TSR411', [{ path: '/account', code: 'TSR411' }], true);
    expect(problemShape(hiddenTarget)).toEqual(problemShape(missingTarget));
    expectProblem(await send('PATCH', `${OPPS}/${oppId}`, { account: accountId }), 400, 'TSR411', [{ path: '/account', code: 'TSR411' }], true);
    await admin.call('PUT', '/api/v1/security/object-access/account', { defaultAccess: 'read' });
    // Without any access to the target object: the id only, too.
    await admin.call('PUT', '/api/v1/security/object-access/opportunity', { defaultAccess: 'read' });
    const noObject = await get(`${OPPS}/${oppId}?expand=account`, oppOnly);
    expect(noObject.status, noObject.text).toBe(200);
    expect(noObject.body.account).toBe(accountId);
    await admin.call('PUT', '/api/v1/security/object-access/opportunity', { defaultAccess: 'private' });
    expectProblem(await get(`${OPPS}/${oppId}?expand=account`, oppOnly), 404, 'TSR111');
  });

  it('refuses writes to read-only fields and treats hidden ones as unknown', async () => {
    expectProblem(await send('PATCH', `${OPPS}/${oppId}`, { amount: 5 }), 400, 'TSR400', [{ path: '/amount', code: 'TSR409' }], true);
    expectProblem(await send('PATCH', `${OPPS}/${oppId}`, { code: 'X' }), 400, 'TSR400', [{ path: '/code', code: 'TSR408' }], true);
    expectProblem(
      await send('POST', OPPS, { name: 'New', amount: 5, code: 'Y' }),
      400,
      'TSR400',
      [
        { path: '/amount', code: 'TSR409' },
        { path: '/code', code: 'TSR408' },
      ],
      true,
    );
    const unknownMessage = (await send('POST', OPPS, { name: 'New', zzzz: 1 })).body.errors[0].message as string;
    const hiddenMessage = (await send('POST', OPPS, { name: 'New', code: 1 })).body.errors[0].message as string;
    expect(hiddenMessage.replace("'code'", "'NAME'")).toBe(unknownMessage.replace("'zzzz'", "'NAME'"));
    const patched = await send('PATCH', `${OPPS}/${oppId}`, { description: 'fine' });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body).not.toHaveProperty('code');
    expect((await admin.call('GET', `${OPPS}/${oppId}`)).code).toBe('SECRET-1');
  });

  it('answers an object without read permission exactly like an unknown object', async () => {
    for (const path of [ACCOUNTS, `${ACCOUNTS}/${accountId}`, '/api/v1/metadata/objects/account', '/api/v1/forms/account']) {
      const hidden = await get(path, oppOnly);
      const unknown = await get(path.replace('account', 'zzzz'), oppOnly);
      expectProblem(hidden, 404, 'TSR110');
      expect(JSON.stringify(problemShape(hidden)).replace("'account'", 'X')).toBe(JSON.stringify(problemShape(unknown)).replace("'zzzz'", 'X'));
    }
    expectProblem(await send('POST', ACCOUNTS, { name: 'x' }, oppOnly), 404, 'TSR110');
    // Read without create: the object is visible, creating is forbidden.
    expectProblem(await send('POST', ACCOUNTS, { name: 'x' }), 403, 'TSR302');
    expectProblem(await send('PATCH', `${ACCOUNTS}/${accountId}`, { name: 'x' }), 403, 'TSR302');
    expectProblem(await server.request('DELETE', `${ACCOUNTS}/${accountId}`, { cookie: rep }), 403, 'TSR302');
  });

  it('shows only readable objects and fields in the metadata', async () => {
    const metadata = await get('/api/v1/metadata', oppOnly);
    expect(metadata.body.objects.map((object: { apiName: string }) => object.apiName)).toEqual(['opportunity']);
    const opportunity = (await get('/api/v1/metadata/objects/opportunity')).body;
    expect(opportunity.fields.map((field: { apiName: string }) => field.apiName)).not.toContain('code');
    expect(opportunity.fields.map((field: { apiName: string }) => field.apiName)).toContain('amount');
  });

  it('builds forms without hidden fields and with read-only fields marked', async () => {
    const form = await get('/api/v1/forms/opportunity?mode=edit');
    expect(form.status, form.text).toBe(200);
    expect(form.body.schema.properties).not.toHaveProperty('code');
    expect(form.body.schema.properties.amount.readOnly).toBe(true);
    expect(form.body.uiSchema.amount).toEqual({ 'ui:readonly': true });
    expect(form.body.schema.properties.name.readOnly).toBeUndefined();
    expect(form.body.schema.properties.owner_id.readOnly).toBe(true);
    const full = (await admin.call('GET', '/api/v1/forms/opportunity?mode=create')) as { schema: { properties: Record<string, { readOnly?: boolean }> } };
    expect(full.schema.properties.code?.readOnly).toBeUndefined();
    expect(full.schema.properties.amount?.readOnly).toBeUndefined();
    const accountForm = await get('/api/v1/forms/account?mode=create');
    expect(accountForm.body.canSubmit).toBe(false);
    expect(accountForm.body.schema.properties.name.readOnly).toBe(true);
  });

  it('documents in OpenAPI only what the user may do', async () => {
    const document = (await get('/api/v1/openapi.json')).body;
    const schemas = document.components.schemas;
    const base = Object.keys(schemas).find(
      (name) => schemas[name].properties?.amount && schemas[name].properties?.stage && !name.endsWith('Create') && !name.endsWith('Patch'),
    );
    expect(base).toBeDefined();
    const output = schemas[base as string];
    expect(output.properties).not.toHaveProperty('code');
    const create =
      schemas[`${base}Create`] ??
      schemas[Object.keys(schemas).find((name) => name.toLowerCase().includes('opportunity') && name.toLowerCase().includes('create')) as string];
    expect(create.properties).toHaveProperty('name');
    expect(create.properties).not.toHaveProperty('amount');
    expect(create.properties).not.toHaveProperty('owner_id');
    expect(document.paths['/api/v1/objects/account/records'].get).toBeDefined();
    expect(document.paths['/api/v1/objects/account/records'].post).toBeUndefined();
    expect(document.paths['/api/v1/objects/account/records/{id}'].patch).toBeUndefined();
    expect(document.paths['/api/v1/objects/opportunity/records/{id}'].delete).toBeUndefined();
    expect(document.paths['/api/v1/objects/opportunity/records/{id}/restore']).toBeUndefined();
    expect(document.paths['/api/v1/metadata/apply']).toBeUndefined();
    const narrow = (await get('/api/v1/openapi.json', oppOnly)).body;
    expect(Object.keys(narrow.paths).some((path) => path.includes('/account/'))).toBe(false);
    const full = await admin.call('GET', '/api/v1/openapi.json');
    expect(full.paths['/api/v1/metadata/apply']).toBeDefined();
    expect(full.paths['/api/v1/objects/account/records'].post).toBeDefined();
  });

  it('keeps metadata and security changes for administrators', async () => {
    const document = { apiName: 'widget', labels: { en: 'Widget' }, fields: [{ apiName: 'name', type: 'text', labels: { en: 'Name' } }] };
    expectProblem(await send('POST', '/api/v1/metadata/apply', document), 403, 'TSR302');
    expectProblem(await send('POST', '/api/v1/metadata/validate', document), 403, 'TSR302');
    expectProblem(await get('/api/v1/security/users'), 403, 'TSR302');
    expectProblem(await get('/api/v1/audit/log'), 403, 'TSR302');
    await admin.user('boss@example.com', { admin: true });
    const boss = await admin.signIn('boss@example.com');
    const applied = await send('POST', '/api/v1/metadata/apply', document, boss);
    expect(applied.status, applied.text).toBe(200);
    expect((await get('/api/v1/security/users', boss)).status).toBe(200);
    // An admin user sees every record and field.
    expect((await get(`${OPPS}/${oppId}`, boss)).body.code).toBe('SECRET-1');
  });
});
