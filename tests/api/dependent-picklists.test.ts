// Issue #21, dependent picklists over HTTP on both drivers: a picklist controlled by a picklist
// and a multipicklist controlled by a boolean are enforced on create, patch (also a patch of the
// controller alone, checked against the stored dependent value), bulk, upsert and import, with
// the dependent field's path and the allowed values (en and zh); refused writes change nothing.
// The metadata is validated with typed errors, and evolution refuses a narrower map while records
// hold a value it would no longer allow.
import { testDriverKinds } from '@tessera/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TenantClient, type TestServer } from '../support/test-server.ts';
import { upload } from './import-support.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are dynamic JSON
type Json = Record<string, any>;
const labels = (en: string, zh: string) => ({ en, zh });
const value = (apiName: string, zh: string) => ({ apiName, labels: labels(apiName, zh) });
const ZH = { 'accept-language': 'zh-CN,zh;q=0.9' };
const RECORDS = '/api/v1/objects/ticket/records';

function ticket(hardware: string[] = ['disk', 'screen']): Json {
  return {
    apiName: 'ticket',
    labels: labels('Ticket', '工单'),
    nameField: 'name',
    fields: [
      { apiName: 'name', type: 'text', labels: labels('Name', '名称'), required: true },
      { apiName: 'ref', type: 'text', labels: labels('Ref', '编号'), externalId: true },
      {
        apiName: 'category',
        type: 'picklist',
        labels: labels('Category', '类别'),
        values: [value('hardware', '硬件'), value('software', '软件'), value('other', '其他')],
      },
      {
        apiName: 'reason',
        type: 'picklist',
        labels: labels('Reason', '原因'),
        values: [value('disk', '硬盘'), value('screen', '屏幕'), value('bug', '缺陷'), value('license', '许可')],
        controllingField: 'category',
        dependentValues: { hardware, software: ['bug', 'license'] },
      },
      { apiName: 'urgent', type: 'boolean', labels: labels('Urgent', '紧急') },
      {
        apiName: 'escalation',
        type: 'multipicklist',
        labels: labels('Escalation', '升级'),
        values: [value('manager', '经理'), value('director', '总监')],
        controllingField: 'urgent',
        dependentValues: { true: ['manager', 'director'], false: ['manager'] },
      },
    ],
  };
}

const kinds = await testDriverKinds();

describe.each(kinds)('dependent picklists on %s', (kind) => {
  let server: TestServer;
  let api: TenantClient;
  let token: string;
  const put = (path: string, body: unknown) => server.request('PUT', path, { token, body });
  const count = async () => (await api.list('ticket', { limit: 200 })).body.data.length;
  const errorAt = (body: Json, path: string) => (body.errors as Json[]).find((error) => error.path === path);

  beforeAll(async () => {
    server = await startTestServer(kind);
    token = await server.createTenant(`dep_${kind}`);
    api = server.tenant(token);
    const applied = await api.apply({ objects: [ticket()] });
    expect(applied.status, applied.text.slice(0, 2000)).toBe(200);
  }, 180_000);
  afterAll(async () => server?.close());

  it('create: allowed pairs are stored; a value the controller does not allow is refused at its path with the allowed values', async () => {
    const made = await api.post(RECORDS, { name: 'ok', category: 'hardware', reason: 'disk', urgent: true, escalation: ['director'] });
    expect(made.status, made.text).toBe(201);
    expect(made.body).toMatchObject({ category: 'hardware', reason: 'disk', escalation: ['director'] });
    const before = await count();
    const refused = await api.post(RECORDS, { name: 'bad', category: 'hardware', reason: 'bug' });
    expect(refused.status, refused.text).toBe(400);
    expect(errorAt(refused.body, '/reason')).toMatchObject({ code: 'TSR415', allowed: ['disk', 'screen'] });
    expect(errorAt(refused.body, '/reason')?.message).toContain('disk, screen');
    const zh = await api.post(RECORDS, { name: 'bad', category: 'hardware', reason: 'bug' }, ZH);
    expect(zh.status).toBe(400);
    expect(errorAt(zh.body, '/reason')?.message).toMatch(/控制字段.*可选值：disk、screen/);
    expect(await count()).toBe(before);
  });

  it('a null or unmapped controller allows no dependent value; a boolean controls a multipicklist per item', async () => {
    const before = await count();
    const noController = await api.post(RECORDS, { name: 'x', reason: 'disk' });
    expect(noController.status, noController.text).toBe(400);
    expect(errorAt(noController.body, '/reason')).toMatchObject({ code: 'TSR415', allowed: [] });
    const unmapped = await api.post(RECORDS, { name: 'x', category: 'other', reason: 'disk' });
    expect(errorAt(unmapped.body, '/reason')).toMatchObject({ code: 'TSR415', allowed: [] });
    const multi = await api.post(RECORDS, { name: 'x', urgent: false, escalation: ['manager', 'director'] });
    expect(multi.status, multi.text).toBe(400);
    expect(errorAt(multi.body, '/escalation/1')).toMatchObject({ code: 'TSR415', allowed: ['manager'] });
    expect(await count()).toBe(before);
    const empty = await api.post(RECORDS, { name: 'x', category: 'other' });
    expect(empty.status, empty.text).toBe(201);
  });

  it('patch: changing only the controller re-checks the stored dependent value; changing both together passes', async () => {
    const made = await api.post(RECORDS, { name: 'p', category: 'software', reason: 'bug' });
    expect(made.status, made.text).toBe(201);
    const controllerOnly = await api.patch(`${RECORDS}/${made.body.id}`, { category: 'hardware' });
    expect(controllerOnly.status, controllerOnly.text).toBe(400);
    expect(errorAt(controllerOnly.body, '/reason')).toMatchObject({ code: 'TSR415', allowed: ['disk', 'screen'] });
    const dependentOnly = await api.patch(`${RECORDS}/${made.body.id}`, { reason: 'screen' });
    expect(errorAt(dependentOnly.body, '/reason')).toMatchObject({ code: 'TSR415', allowed: ['bug', 'license'] });
    const stored = await api.get(`${RECORDS}/${made.body.id}`);
    expect(stored.body).toMatchObject({ category: 'software', reason: 'bug', version: made.body.version });
    const both = await api.patch(`${RECORDS}/${made.body.id}`, { category: 'hardware', reason: 'screen' });
    expect(both.status, both.text).toBe(200);
    const cleared = await api.patch(`${RECORDS}/${made.body.id}`, { category: null, reason: null });
    expect(cleared.status, cleared.text).toBe(200);
  });

  it('bulk all-or-nothing names the failing record and writes nothing; partial keeps the good ones', async () => {
    const before = await count();
    const records = [
      { name: 'b1', category: 'software', reason: 'license' },
      { name: 'b2', category: 'software', reason: 'disk' },
    ];
    const refused = await api.post(`${RECORDS}/bulk`, { operation: 'create', records });
    expect(refused.status, refused.text).toBe(422);
    expect(refused.body).toMatchObject({ code: 'TSR141', failed: [1] });
    expect(errorAt(refused.body, '/records/1/reason')).toMatchObject({ code: 'TSR415' });
    expect(await count()).toBe(before);
    const partial = await api.post(`${RECORDS}/bulk`, { operation: 'create', mode: 'partial', records });
    expect(partial.status, partial.text).toBe(200);
    expect(await count()).toBe(before + 1);
  });

  it('upsert by external id checks the record as it will be stored', async () => {
    const created = await put(`${RECORDS}/by/ref/T-1`, { name: 'u', category: 'hardware', reason: 'disk' });
    expect(created.status, created.text).toBeLessThan(300);
    const refused = await put(`${RECORDS}/by/ref/T-1`, { category: 'software' });
    expect(refused.status, refused.text).toBe(400);
    expect(errorAt(refused.body, '/reason')).toMatchObject({ code: 'TSR415' });
    const stored = await api.get(`${RECORDS}/${created.body.id}`);
    expect(stored.body).toMatchObject({ category: 'hardware', reason: 'disk' });
  });

  it('metadata: typed errors name each bad place of a dependency', async () => {
    const bad = ticket();
    bad.fields[3].dependentValues = { hardware: ['disk', 'keyboard'], gadget: ['disk'] };
    bad.fields[5].controllingField = 'name';
    const refused = await api.apply({ objects: [bad] });
    expect(refused.status, refused.text).toBe(422);
    const paths = (refused.body.errors as Json[]).map((error) => `${error.code} ${error.path}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        'TSR235 /objects/0/fields/3/dependentValues/hardware/1',
        'TSR235 /objects/0/fields/3/dependentValues/gadget',
        'TSR235 /objects/0/fields/5/controllingField',
      ]),
    );
  });

  it('evolution: a map that no longer allows stored values is refused naming the records; once they change it applies', async () => {
    const held = await api.post(RECORDS, { name: 'held', category: 'hardware', reason: 'screen' });
    expect(held.status, held.text).toBe(201);
    const narrower = await api.apply({ objects: [ticket(['disk'])] });
    expect(narrower.status, narrower.text).toBe(422);
    const refusal = (narrower.body.errors as Json[]).find((error) => error.code === 'TSR217');
    expect(refusal, narrower.text).toMatchObject({ path: '/objects/0/fields/3/dependentValues' });
    expect(refusal?.message).toContain(held.body.id);
    // Removing a controlling value the map still names is a metadata error, not silent loss.
    const withoutOther = ticket();
    withoutOther.fields[2].values = withoutOther.fields[2].values.filter((item: Json) => item.apiName !== 'software');
    const removal = await api.apply({ objects: [withoutOther] });
    expect(removal.status, removal.text).toBe(422);
    expect((removal.body.errors as Json[]).map((error) => `${error.code} ${error.path}`)).toContain('TSR235 /objects/0/fields/3/dependentValues/software');
    const cleared = await api.patch(`${RECORDS}/${held.body.id}`, { category: null, reason: null });
    expect(cleared.status, cleared.text).toBe(200);
    const others = (await api.list('ticket', { limit: 200 })).body.data.filter((record: Json) => record.reason === 'screen');
    for (const record of others) expect((await api.patch(`${RECORDS}/${record.id}`, { reason: 'disk' })).status).toBe(200);
    const applied = await api.apply({ objects: [ticket(['disk'])] });
    expect(applied.status, applied.text.slice(0, 2000)).toBe(200);
    const nowRefused = await api.post(RECORDS, { name: 'n', category: 'hardware', reason: 'screen' });
    expect(errorAt(nowRefused.body, '/reason')).toMatchObject({ code: 'TSR415', allowed: ['disk'] });
  });
});

// Imports run on PostgreSQL, as in every import test (import.test.ts, import-large.test.ts).
describe('dependent picklists through import', () => {
  let server: TestServer;
  let api: TenantClient;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer('postgres');
    token = await server.createTenant('dep_import');
    api = server.tenant(token);
    const applied = await api.apply({ objects: [ticket()] });
    expect(applied.status, applied.text.slice(0, 2000)).toBe(200);
  }, 180_000);
  afterAll(async () => server?.close());

  it('reports the row whose dependent value its controller does not allow and imports the rest', async () => {
    const csv = 'name,category,reason\ni1,hardware,screen\ni2,hardware,license\n';
    const run = await upload(server.baseUrl, '/api/v1/imports/ticket?mode=skip-bad-rows&wait=true&lang=en', { token }, csv);
    expect(run.status, run.text).toBe(200);
    expect(run.body.counts).toMatchObject({ create: 1, error: 1 });
    const error = (run.body.errors as Json[]).find((item) => item.row === 3);
    expect(error?.reason ?? '', run.text).toContain('disk, screen');
    const stored = (await api.list('ticket')).body.data.map((record: Json) => `${record.name}:${record.reason}`);
    expect(stored).toEqual(['i1:screen']);
  });
});
