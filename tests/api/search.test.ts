// Global search (issue #18): CJK substrings, ranking (exact > prefix > substring), every field
// type of the registry searched or not as search/searchable-fields.ts says, row and field security
// compiled into the SQL (a hidden record or a match in a hidden field never comes back), bad input
// as problem+json naming its parameter, and the route in OpenAPI. On PostgreSQL and PGlite.
import { FIELD_TYPES, type FieldDef, type FieldType, type ObjectDef } from '@tessera/metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDriverKinds } from '../../runtime/src/db/test-database.ts';
import { type RunningSecurityServer, startSecurityServer, TenantAdmin } from '../security/security-server.ts';
import { labels } from '../security/stage-picklist.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are dynamic JSON
type Json = Record<string, any>;
const kinds = await testDriverKinds();

const company: ObjectDef = {
  apiName: 'company',
  labels: labels('Company'),
  fields: [
    { apiName: 'name', type: 'text', labels: labels('Name'), required: true },
    { apiName: 'city', type: 'text', labels: labels('City') },
    { apiName: 'secret', type: 'text', labels: labels('Secret') },
  ],
};

/**
 * One field of each registry type, with a value holding a token unique to it, and whether search
 * finds the token (text-like types) or not (values that are codes, numbers, dates, ids). A new
 * field type fails type-checking here until it is decided.
 */
type Case = { field: Omit<FieldDef, 'apiName' | 'labels'>; value: unknown; q: string; found: boolean } | { skip: string };
const CASES: Record<FieldType, Case> = {
  text: { field: { type: 'text' }, value: 'zqtext one', q: 'zqtext', found: true },
  textarea: { field: { type: 'textarea' }, value: 'a long note with zqtextarea inside', q: 'zqtextarea', found: true },
  email: { field: { type: 'email' }, value: 'zqmail@example.com', q: 'zqmail', found: true },
  phone: { field: { type: 'phone' }, value: '+86 10 8899 7766', q: '8899 7766', found: true },
  url: { field: { type: 'url' }, value: 'https://zqurl.example.com', q: 'zqurl', found: true },
  autonumber: { field: { type: 'autonumber', format: 'ZQA-{0000}' } as Omit<FieldDef, 'apiName' | 'labels'>, value: undefined, q: 'zqa-0001', found: true },
  formula: {
    field: { type: 'formula', returns: 'text', expression: { cat: ['zqformula-', { var: 'f_text' }] } } as Omit<FieldDef, 'apiName' | 'labels'>,
    value: undefined,
    q: 'zqformula-zqtext',
    found: true,
  },
  picklist: {
    field: { type: 'picklist', values: [{ apiName: 'zqpick', labels: labels('Pick') }] } as Omit<FieldDef, 'apiName' | 'labels'>,
    value: 'zqpick',
    q: 'zqpick',
    found: false,
  },
  multipicklist: {
    field: { type: 'multipicklist', values: [{ apiName: 'zqmulti', labels: labels('Multi') }] } as Omit<FieldDef, 'apiName' | 'labels'>,
    value: ['zqmulti'],
    q: 'zqmulti',
    found: false,
  },
  number: { field: { type: 'number' }, value: 9_876_543, q: '9876543', found: false },
  currency: { field: { type: 'currency' }, value: 8_765_432, q: '8765432', found: false },
  percent: { field: { type: 'percent' }, value: 76.54, q: '76.54', found: false },
  boolean: { field: { type: 'boolean' }, value: true, q: 'true', found: false },
  date: { field: { type: 'date' }, value: '2031-07-19', q: '2031-07-19', found: false },
  datetime: { field: { type: 'datetime' }, value: '2032-08-21T10:00:00.000Z', q: '2032-08-21', found: false },
  lookup: { field: { type: 'lookup', target: 'company' } as Omit<FieldDef, 'apiName' | 'labels'>, value: 'company-id', q: 'company-id', found: false },
  rollup: { skip: 'a roll-up is a number, count or date of child records: never text' },
  user: { skip: "a user field holds a user's id; search matches a record's own text, not its users' names" },
  // Searched by its words: an inline tag splits no word, so zq<b>rich</b>text is found as zqrichtext.
  richtext: { field: { type: 'richtext' }, value: '<p>a note with zq<b>rich</b>text inside</p>', q: 'zqrichtext', found: true },
  time: { field: { type: 'time' }, value: '21:43:17', q: '21:43', found: false },
  polylookup: { skip: "a polylookup's value is an object name and a record id: codes, never text" },
  manytomany: { skip: 'a many-to-many value is a list of record ids: codes, never text' },
  geolocation: { skip: 'a geolocation is two numbers, never text' },
  file: { skip: 'a file field holds references to uploaded files; search reads record text, not file names or contents' },
  image: { skip: 'an image field holds references to uploaded images; search reads record text, not file names or contents' },
};

const typed: ObjectDef = {
  apiName: 'typed',
  labels: labels('Typed'),
  nameField: 'title',
  fields: [
    { apiName: 'title', type: 'text', labels: labels('Title') },
    ...FIELD_TYPES.flatMap((type) => {
      const item = CASES[type];
      return 'skip' in item ? [] : [{ ...item.field, apiName: `f_${type}`, labels: labels(type) } as FieldDef];
    }),
  ],
};

describe.each(kinds)('global search on %s', (kind) => {
  let server: RunningSecurityServer;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const search = (who: string, query: string) => server.request<Json>('GET', `/api/v1/search?${query}`, { token: tokens[who] });

  beforeAll(async () => {
    server = await startSecurityServer(kind, { rateLimit: false });
    tokens.tenant = await server.createTenant('search');
    const admin = new TenantAdmin(server, 'search', tokens.tenant);
    await admin.call('POST', '/api/v1/metadata/apply', { objects: [company, typed] });
    // Ann reads only her own companies (private sharing) and never their secret; no typed records at all.
    await admin.call('PUT', '/api/v1/security/object-access/company', { defaultAccess: 'private' });
    const sellers = await admin.permissionSet('sellers', { company: { read: true, create: true, edit: true, fields: { secret: 'none' } } });
    const annId = await admin.user('ann@example.com', { permissionSetIds: [sellers] });
    await admin.user('boss@example.com', { admin: true });
    for (const who of ['ann', 'boss']) tokens[who] = await admin.userToken(`${who}@example.com`);
    const create = async (object: string, body: Json) => {
      const created = await server.request<Json>('POST', `/api/v1/objects/${object}/records`, { token: tokens.tenant, body });
      expect(created.status, created.text).toBe(201);
      return created.body.id as string;
    };
    ids.huawei = await create('company', { name: '华为技术有限公司', city: '深圳', owner_id: annId });
    ids.exact = await create('company', { name: '华为', city: '东莞', owner_id: annId });
    ids.inner = await create('company', { name: '深圳市华为投资控股', city: '深圳', owner_id: annId });
    ids.secretOnly = await create('company', { name: 'Acme', city: 'Berlin', secret: 'long-time 华为 partner', owner_id: annId });
    ids.notAnns = await create('company', { name: '华为终端', city: '东莞' });
    const lookupTarget = ids.notAnns;
    const typedBody: Json = { title: 'typed record' };
    for (const type of FIELD_TYPES) {
      const item = CASES[type];
      if ('skip' in item || item.value === undefined) continue;
      typedBody[`f_${type}`] = type === 'lookup' ? lookupTarget : item.value;
    }
    ids.typed = await create('typed', typedBody);
  }, 120_000);
  afterAll(async () => server?.close());

  it('finds a Chinese name by a substring and ranks exact, then prefix, then inside', async () => {
    const result = await search('boss', `q=${encodeURIComponent('华为')}&objects=company&limit=10`);
    expect(result.status, result.text).toBe(200);
    const group = result.body.data.find((entry: Json) => entry.object === 'company');
    const names = group.records.map((hit: Json) => hit.name);
    expect(names[0]).toBe('华为');
    expect(group.records[0]).toMatchObject({ rank: 0, matchedField: 'name' });
    expect(names.slice(1, 3).sort()).toEqual(['华为技术有限公司', '华为终端'].sort());
    expect(group.records[1].rank).toBe(1);
    // Only in the middle of the name (rank 2) or only in the secret field (rank 2, that field named).
    expect(group.records.find((hit: Json) => hit.name === '深圳市华为投资控股')).toMatchObject({ rank: 2, matchedField: 'name' });
    expect(group.records.find((hit: Json) => hit.id === ids.secretOnly)).toMatchObject({ rank: 2, matchedField: 'secret' });
    const ranks = group.records.map((hit: Json) => hit.rank);
    expect(ranks).toEqual([...ranks].sort());
  });

  it('is case-insensitive and takes % and _ as plain text', async () => {
    const upper = await search('boss', 'q=ACME');
    expect(upper.body.data.flatMap((entry: Json) => entry.records.map((hit: Json) => hit.id))).toEqual([ids.secretOnly]);
    for (const q of ['%', '_', "'"]) {
      const literal = await search('boss', `q=${encodeURIComponent(q)}`);
      expect(literal.status, literal.text).toBe(200);
      expect(literal.body.data).toEqual([]);
    }
  });

  it('never returns a record the reader may not read, nor one matched only in a field they may not read', async () => {
    const result = await search('ann', `q=${encodeURIComponent('华为')}&limit=50`);
    expect(result.status, result.text).toBe(200);
    const found = result.body.data.flatMap((entry: Json) => entry.records.map((hit: Json) => hit.id));
    expect(found.sort()).toEqual([ids.huawei, ids.exact, ids.inner].sort());
    expect(found).not.toContain(ids.notAnns);
    expect(found).not.toContain(ids.secretOnly);
    expect(result.text).not.toContain('partner');
    // Ann may not read typed records at all: the object is unknown to her.
    const typedForAnn = await search('ann', 'q=zqtext&objects=typed');
    expect(typedForAnn.status).toBe(400);
    expect(typedForAnn.body.errors).toEqual([expect.objectContaining({ path: 'objects', code: 'TSR102' })]);
  });

  it.each(FIELD_TYPES.filter((type) => !('skip' in CASES[type])))('a %s field is searched exactly when its values are text', async (type) => {
    const item = CASES[type] as Exclude<Case, { skip: string }>;
    const q = type === 'lookup' ? ids.notAnns : item.q;
    const result = await search('boss', `q=${encodeURIComponent(q as string)}&objects=typed`);
    expect(result.status, result.text).toBe(200);
    const hits = result.body.data.flatMap((entry: Json) => entry.records);
    if (item.found) expect(hits).toEqual([expect.objectContaining({ id: ids.typed, name: 'typed record', matchedField: expect.stringMatching(/^f_/) })]);
    else expect(hits).toEqual([]);
  });

  it('refuses bad input with problem+json naming each parameter', async () => {
    const bad = await search('boss', `q=${'x'.repeat(201)}&objects=company,nope&limit=0&colour=red`);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.body.code).toBe('TSR102');
    expect(bad.body.errors.map((error: Json) => error.path).sort()).toEqual(['colour', 'limit', 'objects', 'q']);
    for (const unstorable of ['%00', 'a%00b']) {
      const refused = await search('boss', `q=${unstorable}`);
      expect(refused.status, unstorable).toBe(400);
      expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'q', code: 'TSR102' })]);
    }
    const empty = await search('boss', 'q=%20%20');
    expect(empty.status).toBe(400);
    expect(empty.body.errors).toEqual([expect.objectContaining({ path: 'q' })]);
    expect((await server.request('GET', '/api/v1/search?q=x')).status).toBe(401);
  });

  it('is described in OpenAPI with its problem responses', async () => {
    const document = (await server.request<Json>('GET', '/api/v1/openapi.json', { token: tokens.boss })).body;
    const operation = document.paths['/api/v1/search'].get;
    expect(operation.operationId).toBe('search');
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '400', '401']));
    expect(document.components.schemas.SearchResults).toBeDefined();
  });
});
