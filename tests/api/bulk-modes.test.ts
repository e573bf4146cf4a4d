// Issue #20: the bulk API's modes over HTTP. all-or-nothing: bad records at several indexes of N
// (schema, validation rule, duplicate rule, a duplicate inside the request) → 422 TSR141 naming
// every failing index and path, tables byte-for-byte unchanged. partial: per-record results, the
// good ones land. Updates with a stale version, deletes, the record limit (413), bad bodies, and
// PUT …/records/by/:field/:value upserting one record.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TenantClient, type TestServer } from '../support/test-server.ts';
import { bulkDeal } from './bulk-fixtures.ts';

type Rec = Record<string, unknown>;
const BULK = '/api/v1/objects/deal/records/bulk';
const SCHEMA = 't_bulkmodes';

describe('bulk modes', () => {
  let server: TestServer;
  let api: TenantClient;
  let token: string;
  /** Every stored row of the deal table and its duplicate keys, as JSON text. */
  const tables = async () => {
    const rows = await sql<{ j: string }>`select coalesce(json_agg(t order by t.id), '[]')::text as j from ${sql.id(SCHEMA, 'deal')} as t`.execute(
      server.database.db,
    );
    const keys = await sql<{
      j: string;
    }>`select coalesce(json_agg(k order by k.rule, k.record_id), '[]')::text as j from ${sql.id(SCHEMA, '_dup_keys')} as k`.execute(server.database.db);
    return `${rows.rows[0]?.j}|${keys.rows[0]?.j}`;
  };
  const batch = (from: number, count: number): Rec[] =>
    Array.from({ length: count }, (_, index) => ({ name: `Deal ${from + index}`, amount: from + index, code: `D${from + index}` }));
  /** Four bad records among 20: a schema error (3), a rule (7), an existing name (13), a name twice in the request (17 = 15). */
  const withBadOnes = (): Rec[] => {
    const records = batch(100, 20);
    records[3] = { ...records[3], amount: 'lots' };
    records[7] = { ...records[7], amount: -1 };
    records[13] = { ...records[13], name: 'Deal 0' };
    records[17] = { ...records[17], name: 'Deal 115' };
    return records;
  };

  beforeAll(async () => {
    server = await startTestServer('postgres');
    token = await server.createTenant('bulkmodes');
    api = server.tenant(token);
    const applied = await api.apply({ objects: [bulkDeal] });
    expect(applied.status, applied.text).toBe(200);
    const made = await api.post(BULK, { operation: 'create', records: batch(0, 5) });
    expect(made.status, made.text).toBe(200);
  }, 120_000);
  afterAll(async () => server?.close());

  it('all-or-nothing: every failing record named, the tables unchanged', async () => {
    const before = await tables();
    const refused = await api.post(BULK, { operation: 'create', records: withBadOnes() });
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.code).toBe('TSR141');
    expect(refused.body.failed).toEqual([3, 7, 13, 17]);
    const paths = refused.body.errors.map((error: Rec) => `${error.path} ${error.code}`);
    expect(paths).toEqual(expect.arrayContaining(['/records/3/amount TSR401', '/records/7 TSR500', '/records/13 TSR510', '/records/17 TSR510']));
    expect(await tables()).toBe(before);
  });

  it('partial: per-record results, the good records land', async () => {
    const before = (await api.list('deal', { limit: 200 })).body.data.length;
    const result = await api.post(BULK, { operation: 'create', mode: 'partial', records: withBadOnes() });
    expect(result.status, result.text).toBe(200);
    expect(result.body.counts).toEqual({ created: 16, updated: 0, deleted: 0, failed: 4 });
    const failed = result.body.results.filter((entry: Rec) => entry.status === 'failed');
    expect(failed.map((entry: Rec) => entry.index)).toEqual([3, 7, 13, 17]);
    for (const entry of failed)
      expect(entry).toMatchObject({ id: null, errors: [expect.objectContaining({ path: expect.stringMatching(`^/records/${entry.index}`) })] });
    const good = result.body.results.filter((entry: Rec) => entry.status === 'created');
    expect(good.every((entry: Rec) => typeof entry.id === 'string' && (entry.errors as unknown[]).length === 0)).toBe(true);
    expect((await api.list('deal', { limit: 200 })).body.data.length).toBe(before + 16);
  });

  // Only duplicates: the set passes every check before the 查重 keys, so the set-based key statement
  // (one INSERT per blocking rule, its unique violation the answer) is what refuses it.
  it('duplicates alone: a stored name and a name twice in the request, found by the set-based key check', async () => {
    const records = batch(300, 10);
    records[2] = { ...records[2], name: 'Deal 1' };
    records[6] = { ...records[6], name: 'Deal 305' };
    const before = await tables();
    const refused = await api.post(BULK, { operation: 'create', records });
    expect(refused.status, refused.text).toBe(422);
    expect(refused.body.failed).toEqual([2, 6]);
    expect(refused.body.errors.map((error: Rec) => `${error.path} ${error.code}`).sort()).toEqual(['/records/2 TSR510', '/records/6 TSR510']);
    expect(await tables()).toBe(before);
    const partial = await api.post(BULK, { operation: 'create', mode: 'partial', records });
    expect(partial.status, partial.text).toBe(200);
    expect(partial.body.counts).toEqual({ created: 8, updated: 0, deleted: 0, failed: 2 });
    const clean = await api.post(BULK, { operation: 'create', records: batch(400, 10) });
    expect(clean.status, clean.text).toBe(200);
    const keys = await sql<{ n: number }>`
      select count(*)::int as n from ${sql.id(SCHEMA, '_dup_keys')} as k join ${sql.id(SCHEMA, 'deal')} as d on d.id = k.record_id
      where d.name like 'Deal 40_' and k.blocking and k.live`.execute(server.database.db);
    expect(keys.rows[0]?.n).toBe(10);
  });

  it('update: a stale version at one index refuses all; deletes take ids', async () => {
    const listed = (await api.list('deal', { limit: 5, sort: 'amount' })).body.data as Rec[];
    const before = await tables();
    const records = listed.map((record, index) => ({ id: record.id, amount: 1000 + index, ...(index === 2 ? { version: 99 } : {}) }));
    const refused = await api.post(BULK, { operation: 'update', records });
    expect(refused.status).toBe(422);
    expect(refused.body.failed).toEqual([2]);
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: '/records/2/version', code: 'TSR112' })]);
    expect(await tables()).toBe(before);
    const done = await api.post(BULK, { operation: 'update', records: records.map(({ version: _version, ...rest }) => rest) });
    expect(done.status, done.text).toBe(200);
    expect((await api.list('deal', { limit: 5, sort: 'amount', fields: 'amount' })).body.data.map((record: Rec) => record.amount)).not.toContain(1000);
    const deleted = await api.post(BULK, { operation: 'delete', records: listed.slice(0, 2).map((record) => ({ id: record.id })) });
    expect(deleted.body.counts.deleted).toBe(2);
    expect((await api.get(`/api/v1/objects/deal/records/${listed[0]?.id}`)).status).toBe(404);
  });

  it('upsert one record by external id: created, then updated in place', async () => {
    const count = async () => (await api.list('deal', { limit: 200 })).body.data.length;
    const before = await count();
    const first = await server.request('PUT', '/api/v1/objects/deal/records/by/code/X-1', { token: token, body: { name: 'Upserted', amount: 1 } });
    expect(first.status, first.text).toBe(201);
    expect(first.body).toMatchObject({ code: 'X-1', name: 'Upserted', amount: 1 });
    const second = await server.request('PUT', '/api/v1/objects/deal/records/by/code/X-1', { token: token, body: { name: 'Upserted', amount: 2 } });
    expect(second.status, second.text).toBe(200);
    expect(second.body).toMatchObject({ id: first.body.id, amount: 2, version: 2 });
    expect(await count()).toBe(before + 1);
    const mismatch = await server.request('PUT', '/api/v1/objects/deal/records/by/code/X-1', { token: token, body: { code: 'X-2' } });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.errors).toEqual([expect.objectContaining({ path: '/code' })]);
    const notKey = await server.request('PUT', '/api/v1/objects/deal/records/by/name/Upserted', { token: token, body: {} });
    expect(notKey.status).toBe(400);
    expect(notKey.body.code).toBe('TSR143');
  });

  it('takes the limit of 2000 records in one request, a body over 1 MiB', async () => {
    const long = (index: number) => `${String(index).padStart(5, '0')}${'长'.repeat(120)}`;
    const records = Array.from({ length: 2000 }, (_, index) => ({ name: `Big ${long(index)}`, amount: index, code: `BIG-${long(index)}` }));
    expect(Buffer.byteLength(JSON.stringify({ operation: 'create', records }))).toBeGreaterThan(1024 * 1024);
    const result = await api.post(BULK, { operation: 'upsert', records });
    expect(result.status, result.text.slice(0, 500)).toBe(200);
    expect(result.body.counts.created).toBe(2000);
  }, 60_000);

  it('refuses more records than the limit (413) and bad bodies, naming paths', async () => {
    const tooMany = await api.post(BULK, { operation: 'create', records: batch(5000, 2001) });
    expect(tooMany.status).toBe(413);
    expect(tooMany.body.code).toBe('TSR140');
    expect(tooMany.body.detail).toContain('2000');
    const bad = await api.post(BULK, { operation: 'merge', records: [], mode: 'some', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((error: Rec) => error.path).sort()).toEqual(['/extra', '/mode', '/operation', '/records']);
    const noKey = await api.post(BULK, { operation: 'upsert', records: [{ name: 'No code' }] });
    expect(noKey.status).toBe(422);
    expect(noKey.body.errors).toEqual([expect.objectContaining({ path: '/records/0/code', code: 'TSR143' })]);
  });
});
