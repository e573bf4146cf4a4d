// Issue #21, picklist values: for every picklist-like field type (from the registry: the types
// whose fields carry `values`) on every surface — create, patch, bulk create and list filters —
// an unknown value is refused naming its path and the allowed api names (in English and Chinese),
// a label is stored as its api name when exactly one value carries it, and a label several values
// share is refused naming the candidates. Refused writes leave the table unchanged.
import { FIELD_TYPES, normaliseField } from '@tessera/metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIELD_FIXTURES } from '../../metadata/src/testing/fixtures.ts';
import { startTestServer, type TenantClient, type TestServer } from '../support/test-server.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are dynamic JSON
type Json = Record<string, any>;
const PICKLIST_TYPES = FIELD_TYPES.filter((type) => 'values' in normaliseField('probe', FIELD_FIXTURES[type]));
const ZH = { 'accept-language': 'zh-CN,zh;q=0.9' };
const VALUES = [
  { apiName: 'new', labels: { en: 'New', zh: '新建' } },
  { apiName: 'closed_won', labels: { en: 'Closed Won', zh: '赢单' } },
  { apiName: 'hot_a', labels: { en: 'Hot', zh: '热门甲' } },
  { apiName: 'hot_b', labels: { en: 'hot', zh: '热门乙' } },
];
const API_NAMES = VALUES.map((value) => value.apiName);

it('the registry has picklist-like field types', () => {
  expect(PICKLIST_TYPES).toEqual(expect.arrayContaining(['picklist', 'multipicklist']));
});

describe.each(PICKLIST_TYPES)('%s values on every surface', (type) => {
  let server: TestServer;
  let api: TenantClient;
  const object = `lead_${type}`;
  const records = `/api/v1/objects/${object}/records`;
  const multi = type === 'multipicklist';
  /** A written value: one item for a picklist, a list of one for a multi-select. */
  const write = (value: string) => (multi ? [value] : value);
  /** Where the offending item sits. */
  const at = (path: string) => (multi ? `${path}/0` : path);
  const count = async () => (await api.list(object, { limit: 200 })).body.data.length;

  beforeAll(async () => {
    server = await startTestServer('postgres');
    api = server.tenant(await server.createTenant(`pick${PICKLIST_TYPES.indexOf(type)}`));
    const applied = await api.apply({
      objects: [
        {
          apiName: object,
          labels: { en: 'Lead', zh: '线索' },
          fields: [
            { type: 'text', apiName: 'name', labels: { en: 'Name', zh: '名称' } },
            { type, apiName: 'stage', labels: { en: 'Stage', zh: '阶段' }, values: VALUES },
          ],
        },
      ],
    });
    expect(applied.status, applied.text.slice(0, 2000)).toBe(200);
  }, 120_000);
  afterAll(async () => server?.close());

  it.each([
    ['an api name', 'closed_won', 'closed_won'],
    ['an en label in another case', 'closed won', 'closed_won'],
    ['a zh label', '赢单', 'closed_won'],
    ['a zh label shared by no other value', '热门乙', 'hot_b'],
  ])('create with %s stores the api name', async (_name, written, stored) => {
    const created = await api.post(records, { name: 'x', stage: write(written) });
    expect(created.status, created.text).toBe(201);
    expect(created.body.stage).toEqual(write(stored));
  });

  it('create with an unknown value is refused naming the allowed values in both languages; nothing is saved', async () => {
    const before = await count();
    const en = await api.post(records, { name: 'x', stage: write('Closed Lost') });
    expect(en.status, en.text).toBe(400);
    const error = en.body.errors.find((item: Json) => item.path === at('/stage'));
    expect(error, en.text).toMatchObject({ code: 'TSR405', allowed: API_NAMES });
    expect(error.message).toContain('closed_won');
    const zh = await api.post(records, { name: 'x', stage: write('Closed Lost') }, ZH);
    const zhError = zh.body.errors.find((item: Json) => item.path === at('/stage'));
    expect(zhError.message).toContain('可选值');
    expect(zhError.message).toContain('closed_won');
    expect(await count()).toBe(before);
  });

  it('an ambiguous label is refused naming the candidates', async () => {
    const before = await count();
    const refused = await api.post(records, { name: 'x', stage: write('HOT') });
    expect(refused.status, refused.text).toBe(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: at('/stage'), code: 'TSR405', allowed: ['hot_a', 'hot_b'] })]);
    expect(refused.body.errors[0].message).toMatch(/hot_a, hot_b/);
    expect(await count()).toBe(before);
  });

  it('patch: a label is stored as its api name, an unknown value refused and the record unchanged', async () => {
    const created = await api.post(records, { name: 'p', stage: write('new') });
    const id = created.body.id as string;
    const patched = await api.patch(`${records}/${id}`, { stage: write('Closed Won') });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body.stage).toEqual(write('closed_won'));
    const refused = await api.patch(`${records}/${id}`, { stage: write('lost') });
    expect(refused.status, refused.text).toBe(400);
    expect(refused.body.errors[0]).toMatchObject({ path: at('/stage'), allowed: API_NAMES });
    expect((await api.get(`${records}/${id}`)).body.stage).toEqual(write('closed_won'));
  });

  it('bulk create: labels become api names; an unknown value names its record, path and the allowed values', async () => {
    const bulk = await api.post(`${records}/bulk`, {
      operation: 'create',
      records: [
        { name: 'b1', stage: write('新建') },
        { name: 'b2', stage: write('NEW') },
      ],
    });
    expect(bulk.status, bulk.text).toBe(200);
    for (const result of bulk.body.results) expect((await api.get(`${records}/${result.id}`)).body.stage).toEqual(write('new'));
    const before = await count();
    const refused = await api.post(`${records}/bulk`, {
      operation: 'create',
      records: [
        { name: 'b3', stage: write('new') },
        { name: 'b4', stage: write('nope') },
      ],
    });
    const errors = JSON.stringify(refused.body);
    expect(errors).toContain(at('/records/1/stage'));
    expect(errors).toContain('"allowed":["new","closed_won","hot_a","hot_b"]');
    expect(await count()).toBe(before + (refused.body.results?.filter((result: Json) => result.status === 'created').length ?? 0));
  });

  const filters: [string, unknown, string][] = multi
    ? [
        ['in (membership)', { in: ['won', { var: 'stage' }] }, '/in/0'],
        ['! in', { '!': { in: ['won', { var: 'stage' }] } }, '/!/in/0'],
      ]
    : [
        ['==', { '==': [{ var: 'stage' }, 'won'] }, '/=='],
        ['!=', { '!=': ['won', { var: 'stage' }] }, '/!='],
        ['in (list)', { in: [{ var: 'stage' }, ['new', 'won']] }, '/in/1/1'],
      ];

  it.each(filters)('filter %s with an unknown value is refused (400) naming the path and the allowed values', async (_op, rule, path) => {
    const listed = await api.get(`${records}?filter=${encodeURIComponent(JSON.stringify(rule))}`);
    expect(listed.status, listed.text).toBe(400);
    expect(listed.body.errors).toEqual([expect.objectContaining({ path: expect.stringContaining(path), code: 'TSR103', allowed: API_NAMES })]);
  });

  it('the OpenAPI document describes errors[].allowed', async () => {
    const document = await api.get('/api/v1/openapi.json');
    expect(document.body.components.schemas.ProblemError.properties.allowed).toMatchObject({ type: 'array', items: { type: 'string' } });
  });

  it('a filter with a known value still lists its rows', async () => {
    const rule = multi ? { in: ['closed_won', { var: 'stage' }] } : { '==': [{ var: 'stage' }, 'closed_won'] };
    const listed = await api.get(`${records}?filter=${encodeURIComponent(JSON.stringify(rule))}`);
    expect(listed.status, listed.text).toBe(200);
    expect(listed.body.data.length).toBeGreaterThan(0);
    for (const row of listed.body.data) expect(multi ? row.stage : [row.stage]).toContain('closed_won');
  });
});
