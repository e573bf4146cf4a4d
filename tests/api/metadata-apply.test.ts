// POST /metadata/apply: invalid documents list every error with JSON pointers and apply nothing;
// unsupported changes are refused; applying twice is a no-op; fields can be added to tables with rows.
import { testDriverKinds } from '@tessera/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountObject, crmBundle, opportunityObject } from '../fixtures/crm-objects.ts';
import { countRows, expectProblem, schemaColumns, schemaTables } from '../support/api-assertions.ts';
import { startTestServer, type TenantClient, type TestServer } from '../support/test-server.ts';

const kinds = await testDriverKinds();
const clone = <T>(value: T): T => structuredClone(value);

const BROKEN_BUNDLE = {
  objects: [
    {
      apiName: 'widget',
      labels: { en: 'Widget' },
      fields: [
        { apiName: 'name', type: 'text', labels: { en: 'Name' }, minLength: 10, maxLength: 5 },
        { apiName: 'name', type: 'text', labels: { en: 'Name again' } },
        { apiName: 'created_at', type: 'text', labels: { en: 'Created' } },
        { apiName: 'parent', type: 'lookup', labels: { en: 'Parent' }, target: 'nowhere' },
        {
          apiName: 'kind',
          type: 'picklist',
          labels: { en: 'Kind' },
          values: [
            { apiName: 'a', labels: { en: 'A' }, default: true },
            { apiName: 'a', labels: { en: 'A' }, default: true },
          ],
        },
        { apiName: 'num', type: 'autonumber', labels: { en: 'Number' }, format: 'W-{xx}' },
        { apiName: 'size', type: 'number', labels: { en: 'Size' }, min: 10, max: 1, default: 50 },
      ],
      indexes: [{ fields: ['missing'] }],
    },
  ],
};

const BROKEN_ERRORS = [
  { path: '/objects/0/fields/0/minLength', code: 'TSR210' },
  { path: '/objects/0/fields/1/apiName', code: 'TSR202' },
  { path: '/objects/0/fields/2/apiName', code: 'TSR203' },
  { path: '/objects/0/fields/3/target', code: 'TSR204' },
  { path: '/objects/0/fields/4/values/1/apiName', code: 'TSR214' },
  { path: '/objects/0/fields/4/values/1/default', code: 'TSR205' },
  { path: '/objects/0/fields/5/format', code: 'TSR207' },
  { path: '/objects/0/fields/6/min', code: 'TSR210' },
  { path: '/objects/0/fields/6/default', code: 'TSR206' },
  { path: '/objects/0/indexes/0/fields/0', code: 'TSR208' },
];

describe.each(kinds)('metadata apply on %s', (kind) => {
  let server: TestServer;
  let api: TenantClient;
  let revision: number;

  const snapshotOf = async (schema: string) => ({ tables: await schemaTables(server, schema), columns: await schemaColumns(server, schema) });

  beforeAll(async () => {
    server = await startTestServer(kind);
    api = server.tenant(await server.createTenant('meta'));
  });

  afterAll(async () => {
    await server?.close();
  });

  it('applies the single-object form, then the bundle form', async () => {
    const empty = await api.get('/api/v1/metadata');
    expect(empty.body).toEqual({ revision: 0, objects: [], calendars: [] });
    const single = await api.apply(accountObject);
    expect(single.status, single.text).toBe(200);
    expect(single.body).toMatchObject({ revision: 1, changed: true });
    expect(single.body.actions.map((action: { kind: string }) => action.kind)).toContain('create_table');
    const bundle = await api.apply(crmBundle);
    expect(bundle.status, bundle.text).toBe(200);
    expect(bundle.body).toMatchObject({ revision: 2, changed: true });
    const live = await api.get('/api/v1/metadata');
    expect(live.body.revision).toBe(2);
    expect(live.body.objects.map((object: { apiName: string }) => object.apiName).sort()).toEqual(['account', 'opportunity']);
    expect(await schemaTables(server, 't_meta')).toEqual(expect.arrayContaining(['account', 'opportunity']));
    revision = 2;
  });

  it('answers changed:false with the same revision when the same document is applied again', async () => {
    for (const document of [crmBundle, accountObject, opportunityObject]) {
      const again = await api.apply(document);
      expect(again.status).toBe(200);
      expect(again.body).toEqual({ revision, changed: false, actions: [] });
    }
    expect((await api.get('/api/v1/metadata')).body.revision).toBe(revision);
  });

  it('refuses a document with many mistakes with 422, listing every error, and applies nothing', async () => {
    const before = await snapshotOf('t_meta');
    const result = await api.apply(BROKEN_BUNDLE);
    expectProblem(result, 422, 'TSR200', BROKEN_ERRORS);
    expect(result.body.errors).toHaveLength(BROKEN_ERRORS.length);
    for (const error of result.body.errors as Array<{ path: string; message: string }>) {
      expect(error.path).toMatch(/^\/objects\/0\//);
      expect(error.message.length).toBeGreaterThan(5);
    }
    expect(await snapshotOf('t_meta')).toEqual(before);
    expect((await api.get('/api/v1/metadata')).body.revision).toBe(revision);
    // The dry run says the same and writes nothing either.
    const dry = await api.post('/api/v1/metadata/validate', BROKEN_BUNDLE);
    expectProblem(dry, 422, 'TSR200', BROKEN_ERRORS);
    expect(await snapshotOf('t_meta')).toEqual(before);
  });

  it('refuses schema-level mistakes with every error and its pointer', async () => {
    const before = await snapshotOf('t_meta');
    const result = await api.apply({
      objects: [
        { apiName: 'Bad Name', labels: { en: 'Bad' }, fields: [] },
        {
          apiName: 'ok_object',
          labels: { en: 'Ok' },
          fields: [
            { apiName: 'n', type: 'text', labels: { en: 'N' }, maxLength: -5 },
            { apiName: 'k', type: 'nope', labels: { en: 'K' } },
          ],
        },
      ],
    });
    expect(result.status).toBe(422);
    const paths = (result.body.errors as Array<{ path: string }>).map((error) => error.path);
    expect(paths).toEqual(expect.arrayContaining(['/objects/0/apiName', '/objects/1/fields/0/maxLength']));
    expect(paths.some((path) => path.startsWith('/objects/1/fields/1'))).toBe(true);
    expect(await snapshotOf('t_meta')).toEqual(before);
    expect((await api.get('/api/v1/metadata')).body.revision).toBe(revision);
  });

  it('refuses unsupported changes with 422 TSR209 and applies nothing', async () => {
    const before = await snapshotOf('t_meta');
    const typeChange = clone(crmBundle);
    const email = typeChange.objects[1]?.fields.find((field) => field.apiName === 'contact_email') as { type: string };
    email.type = 'url';
    expectProblem(await api.apply(typeChange), 422, 'TSR209', [{ path: '/objects/1/fields/9/type', code: 'TSR209' }], true);
    expect(await snapshotOf('t_meta')).toEqual(before);
    expect((await api.get('/api/v1/metadata')).body.revision).toBe(revision);
  });

  it('refuses bodies that are not JSON', async () => {
    expectProblem(await api.apply('not a document'), 422, 'TSR200');
    expectProblem(await api.post('/api/v1/metadata/apply'), 400, 'TSR101');
  });

  it('adds an optional field to a table with rows; existing rows read null', async () => {
    const created = await api.post('/api/v1/objects/account/records', { name: 'Existing' });
    expect(created.status).toBe(201);
    const withField = clone(accountObject);
    withField.fields.push({ apiName: 'segment', type: 'text', labels: { en: 'Segment' } });
    const applied = await api.apply(withField);
    expect(applied.status, applied.text).toBe(200);
    expect(applied.body).toMatchObject({ revision: revision + 1, changed: true });
    expect(applied.body.actions).toEqual([expect.objectContaining({ kind: 'add_column', object: 'account' })]);
    revision += 1;
    expect(await schemaColumns(server, 't_meta')).toContain('account.segment character varying');
    const read = await api.get(`/api/v1/objects/account/records/${created.body.id}`);
    expect(read.body).toMatchObject({ name: 'Existing', segment: null });
    const written = await api.patch(`/api/v1/objects/account/records/${created.body.id}`, { segment: 'SMB' });
    expect(written.body.segment).toBe('SMB');
  });

  it('adds a required field with a default to a table with rows; rows get the default', async () => {
    const withDefault = clone(accountObject);
    withDefault.fields.push({ apiName: 'segment', type: 'text', labels: { en: 'Segment' } });
    withDefault.fields.push({ apiName: 'tier', type: 'text', labels: { en: 'Tier' }, required: true, default: 'bronze', maxLength: 20 });
    const applied = await api.apply(withDefault);
    expect(applied.status, applied.text).toBe(200);
    revision += 1;
    const rows = await api.list('account');
    expect(rows.body.data.every((row: { tier: string }) => row.tier === 'bronze')).toBe(true);
  });

  it('refuses a required field without default on a non-empty table, naming the row count', async () => {
    const rows = await countRows(server, 't_meta', 'account');
    expect(rows).toBeGreaterThan(0);
    const before = await snapshotOf('t_meta');
    const document = clone(accountObject);
    document.fields.push({ apiName: 'segment', type: 'text', labels: { en: 'Segment' } });
    document.fields.push({ apiName: 'tier', type: 'text', labels: { en: 'Tier' }, required: true, default: 'bronze', maxLength: 20 });
    document.fields.push({ apiName: 'region', type: 'text', labels: { en: 'Region' }, required: true });
    const result = await api.apply(document);
    // The error points into the document (a single object: /fields/<index>), like every other metadata
    // error. TSR209 "not supported" until metadata evolution lands its own data-violation code (TSR217).
    expect(result.status, result.text).toBe(422);
    expect(['TSR209', 'TSR217']).toContain(result.body.code);
    const pointers = [...(result.body.errors ?? []), ...(result.body.violations ?? [])].map((error: { path: string }) => error.path);
    expect(pointers).toContain('/fields/6');
    expect(result.body.detail).toContain(`${rows} existing records`);
    expect(await snapshotOf('t_meta')).toEqual(before);
    expect((await api.get('/api/v1/metadata')).body.revision).toBe(revision);
    // On an empty table the same field is fine.
    const fresh = clone(accountObject);
    fresh.apiName = 'empty_account';
    fresh.fields.push({ apiName: 'region', type: 'text', labels: { en: 'Region' }, required: true });
    expect((await api.apply(fresh)).status).toBe(200);
    revision += 1;
  });

  it('answers a dry run with the planned actions and writes nothing', async () => {
    const before = await snapshotOf('t_meta');
    const planned = await api.post('/api/v1/metadata/validate', {
      apiName: 'lead',
      labels: { en: 'Lead', zh: '线索' },
      fields: [{ apiName: 'name', type: 'text', labels: { en: 'Name' }, required: true }],
    });
    expect(planned.status, planned.text).toBe(200);
    expect(planned.body.valid).toBe(true);
    expect(planned.body.actions.map((action: { kind: string }) => action.kind)).toContain('create_table');
    expect(await snapshotOf('t_meta')).toEqual(before);
    expect((await api.get('/api/v1/metadata')).body.revision).toBe(revision);
    expectProblem(await api.get('/api/v1/objects/lead/records'), 404, 'TSR110');
    expectProblem(await api.get('/api/v1/metadata/objects/lead'), 404, 'TSR110');
    expect((await api.get('/api/v1/metadata/objects/account')).body.apiName).toBe('account');
  });
});
