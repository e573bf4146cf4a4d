// GET /forms/:object and GET /objects/:object/lookup over HTTP, and record types and layouts
// refused at save time with pointers; runs against PostgreSQL when it answers, else PGlite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companyDef, dealDef } from '../fixtures/form-objects.ts';
import { startTestServer, type TenantClient, type TestServer } from '../support/test-server.ts';

let server: TestServer;
let api: TenantClient;

beforeAll(async () => {
  server = await startTestServer();
  api = server.tenant(await server.createTenant('forms_api'));
  const applied = await api.apply({ objects: [companyDef, dealDef] });
  expect(applied.status, applied.text).toBe(200);
});
afterAll(async () => server?.close());

describe('GET /forms/:object', () => {
  it('serves the default record type layout in the asked language', async () => {
    const { status, body } = await api.get('/api/v1/forms/deal?mode=create&lang=zh');
    expect(status).toBe(200);
    expect(body).toMatchObject({ object: 'deal', mode: 'create', language: 'zh', recordType: 'direct', layout: 'direct_layout', canSubmit: true });
    expect(body.sections.map((section: { title: string }) => section.title)).toEqual(['交易信息', '结果', '重要备注']);
    expect(body.uiSchema['ui:order']).toEqual(['name', 'stage', 'amount', 'close_date', 'company', 'number', 'loss_reason', 'discount', 'notes', 'owner_id']);
    expect(body.schema.properties.stage.oneOf).toEqual([
      { const: 'new', title: '新建' },
      { const: 'won', title: '赢单' },
      { const: 'lost', title: '丢单' },
    ]);
    expect(body.schema.required).toEqual(['name', 'stage', 'close_date', 'loss_reason']);
    expect(body.uiSchema.company).toEqual({ 'ui:widget': 'lookup', 'ui:options': { target: 'company' } });
    expect(body.uiSchema.amount).toEqual({ 'ui:help': '税前金额' });
    expect(body.readOnlyFields).toEqual(['number']);
    expect(body.rules.visibility).toEqual([
      { field: 'loss_reason', when: { '==': [{ var: 'stage' }, 'lost'] } },
      { field: 'discount', when: { and: [{ '>': [{ var: 'amount' }, 10000] }, { '!=': [{ var: 'stage' }, 'lost'] }] } },
      { field: 'notes', when: { icontains: [{ var: 'name' }, 'vip'] } },
    ]);
    expect(body.rules.validation).toEqual([
      { apiName: 'won_needs_amount', condition: dealDef.validationRules[0]?.condition, message: '赢单必须填写金额', field: 'amount' },
    ]);
  });

  it('serves another record type with its own values and layout, in English from Accept-Language', async () => {
    const { status, body } = await api.get('/api/v1/forms/deal?mode=edit&recordType=partner', { 'accept-language': 'en-GB,en;q=0.9' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ mode: 'edit', language: 'en', recordType: 'partner', layout: 'partner_layout' });
    expect(body.schema.properties.stage.oneOf.map((option: { title: string }) => option.title)).toEqual(['New', 'Negotiation', 'Won']);
    expect(body.schema.properties.stage).not.toHaveProperty('default');
    expect(body.readOnlyFields).toEqual(['amount']);
    expect(body.schema.required).toEqual(['name', 'stage', 'partner_name']);
  });

  it('serves a plain object with every field in one section', async () => {
    const { body } = await api.get('/api/v1/forms/company');
    expect(body).toMatchObject({ recordType: null, layout: null, sections: [{ columns: 1, fields: ['name', 'industry', 'code', 'employees', 'deal_total'] }] });
    expect(body.readOnlyFields).toEqual(['deal_total']);
    expect(body.schema.properties.deal_total).toMatchObject({ title: 'Deal total', type: 'number', readOnly: true });
    expect(body.uiSchema.deal_total).toEqual({ 'ui:readonly': true });
  });

  it.each([
    ['/api/v1/forms/ghost', 404, 'TSR110', undefined],
    ['/api/v1/forms/deal?mode=view', 400, 'TSR102', 'mode'],
    ['/api/v1/forms/deal?lang=fr', 400, 'TSR102', 'lang'],
    ['/api/v1/forms/deal?recordType=retail', 400, 'TSR102', 'recordType'],
    ['/api/v1/forms/deal?layout=wide', 400, 'TSR102', 'layout'],
  ])('refuses %s with %i %s', async (path, status, code, errorPath) => {
    const response = await api.get(path);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.code).toBe(code);
    if (errorPath) expect(response.body.errors.map((error: { path: string }) => error.path)).toEqual([errorPath]);
  });
});

describe('GET /objects/:object/lookup', () => {
  beforeAll(async () => {
    for (const name of ['Huawei Cloud', 'China Huawei Partner', 'Acme 100%', 'huawei devices', 'Xiaomi']) {
      expect((await api.post('/api/v1/objects/company/records', { name })).status).toBe(201);
    }
    const gone = await api.post('/api/v1/objects/company/records', { name: 'Huawei (deleted)' });
    expect((await api.delete(`/api/v1/objects/company/records/${gone.body.id}`)).status).toBe(204);
  });

  it('finds live records by name, case-insensitively, prefixes first', async () => {
    const { status, body } = await api.get('/api/v1/objects/company/lookup?q=HUAWEI');
    expect(status).toBe(200);
    expect(body.data.map((option: { name: string }) => option.name)).toEqual(['Huawei Cloud', 'huawei devices', 'China Huawei Partner']);
    expect(body.data[0]).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), name: 'Huawei Cloud' });
  });

  it('treats % and _ as text, honours limit and lists everything for an empty query', async () => {
    expect((await api.get('/api/v1/objects/company/lookup?q=100%25')).body.data.map((option: { name: string }) => option.name)).toEqual(['Acme 100%']);
    expect((await api.get('/api/v1/objects/company/lookup?q=_')).body.data).toEqual([]);
    expect((await api.get('/api/v1/objects/company/lookup?limit=2')).body.data.map((option: { name: string }) => option.name)).toEqual([
      'Acme 100%',
      'China Huawei Partner',
    ]);
  });

  it('refuses unknown objects and bad limits', async () => {
    expect((await api.get('/api/v1/objects/ghost/lookup?q=a')).body.code).toBe('TSR110');
    const bad = await api.get('/api/v1/objects/company/lookup?limit=500');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('limit');
  });
});

describe('record types and layouts at save time', () => {
  it('refuses unknown fields, foreign picklist values, unknown layouts and operators with pointers', async () => {
    const broken = structuredClone(dealDef) as typeof dealDef & { layouts: { sections: { fields: Record<string, unknown>[] }[] }[] };
    broken.layouts[0]?.sections[0]?.fields.push({ field: 'ghost' });
    (broken.layouts[1]?.sections[0]?.fields[4] as Record<string, unknown>).visibleWhen = { merge: [{ var: 'stage' }] };
    (broken.recordTypes[1] as { picklistValues: Record<string, string[]> }).picklistValues.stage = ['new', 'closed'];
    (broken.recordTypes[1] as { layout: string }).layout = 'nope';
    const { status, body } = await api.apply({ objects: [companyDef, broken] });
    expect(status).toBe(422);
    expect(body.errors.map((error: { path: string; code: string }) => `${error.code} ${error.path}`).sort()).toEqual(
      [
        'TSR230 /objects/1/layouts/0/sections/0/fields/6/field',
        'TSR232 /objects/1/layouts/1/sections/0/fields/4/visibleWhen/merge',
        'TSR231 /objects/1/recordTypes/1/layout',
        'TSR231 /objects/1/recordTypes/1/picklistValues/stage/1',
      ].sort(),
    );
    expect(body.errors.find((error: { code: string; path: string }) => error.code === 'TSR231' && error.path.endsWith('/1')).message).toContain(
      "'closed' is not a value of deal.stage",
    );
  });
});
