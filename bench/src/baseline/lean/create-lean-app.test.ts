// The lean baseline against a real PostgreSQL (tables from the storage contract, 500 seeded rows),
// in-process through app.request(): each op's answer checked against the database, and each refusal
// with its code and no change. Without a PostgreSQL server it checks the bench's refusal instead.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTablesFromContract } from '../../database/contract-ddl.ts';
import { PostgresUnavailableError, recreateBenchDatabase } from '../../database/bench-database.ts';
import { loadBenchObjects, withExternalIds } from '../../metadata/bench-metadata.ts';
import { seedTables } from '../../seed/seed-tables.ts';
import { OPPORTUNITY_SELECT } from '../tables.ts';
import { createLeanApp } from './create-lean-app.ts';
import { buildStatements } from './statements.ts';

const SCHEMA = 't_lean';
const TOKEN = 'tsr_lean_test_token_0123456789abcdef';
const RECORDS = '/api/v1/objects/opportunity/records';

const database = await recreateBenchDatabase('tessera_bench_lean_app').catch((error: unknown) => {
  if (error instanceof PostgresUnavailableError) return error;
  throw error;
});
const hasPostgres = !(database instanceof PostgresUnavailableError);
const pool = hasPostgres ? new pg.Pool({ connectionString: database.url, max: 4 }) : undefined;
const app = pool ? createLeanApp({ pool, statements: buildStatements(SCHEMA), schema: SCHEMA, token: TOKEN }) : undefined;
let accountIds: string[] = [];
let sampleIds: string[] = [];

beforeAll(async () => {
  if (!hasPostgres) return;
  await createTablesFromContract(database.url, SCHEMA, withExternalIds(loadBenchObjects()));
  const seed = await seedTables(database.url, SCHEMA, 500);
  accountIds = seed.accountIds;
  sampleIds = seed.opportunitySample;
});
afterAll(async () => {
  await pool?.end();
});

const send = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
  if (!app) throw new Error('no app without PostgreSQL');
  const response = await app.request(path, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
};
const listPath = (params: Record<string, string>) => `${RECORDS}?${new URLSearchParams(params).toString()}`;
const rowOf = async (id: string) =>
  (await pool?.query(`select amount::float8 as amount, version, name from ${SCHEMA}.opportunity where id = $1`, [id]))?.rows[0];

// Registered by condition rather than skipped: each machine runs the checks that can fail on it.
if (hasPostgres)
  describe('lean baseline', () => {
    it('lists a stage by amount descending, the same page as SQL, with a cursor when more rows follow', async () => {
      const { status, body } = await send('GET', listPath({ filter: JSON.stringify({ '==': [{ var: 'stage' }, 'proposal'] }), sort: '-amount', limit: '5' }));
      expect(status).toBe(200);
      const expected = await pool?.query(
        `select id from ${SCHEMA}.opportunity where stage = 'proposal' and deleted_at is null order by amount desc nulls last, id limit 6`,
      );
      const data = body?.data as Record<string, unknown>[];
      expect(data.map((row) => row.id)).toEqual(expected?.rows.slice(0, 5).map((row) => row.id));
      expect(Object.keys(data[0] ?? {})).toEqual(OPPORTUNITY_SELECT);
      expect(data[0]?.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(typeof data[0]?.amount).toBe('number');
      expect(body?.nextCursor).toEqual(expected && expected.rows.length > 5 ? expect.any(String) : null);
    });

    it('finds a substring in names and expands the account to its record', async () => {
      const { status, body } = await send('GET', listPath({ filter: JSON.stringify({ in: ['Cloud', { var: 'name' }] }), expand: 'account', limit: '200' }));
      expect(status).toBe(200);
      const data = body?.data as { name: string; account: { id: string; name: string } | null }[];
      const count = await pool?.query(`select count(*)::int as n from ${SCHEMA}.opportunity where strpos(name, 'Cloud') > 0`);
      expect(data).toHaveLength(Math.min(200, count?.rows[0].n));
      expect(data.length).toBeGreaterThan(0);
      for (const row of data) expect(row.name).toContain('Cloud');
      expect(data.some((row) => row.account !== null && typeof row.account.name === 'string')).toBe(true);
    });

    it('gets a record with its version as ETag, and 404 for an unknown id', async () => {
      const id = sampleIds[0] as string;
      const found = await send('GET', `${RECORDS}/${id}`);
      expect(found.status).toBe(200);
      expect(found.body?.id).toBe(id);
      expect(found.headers.get('etag')).toBe(`"${(await rowOf(id))?.version}"`);
      expect((await send('GET', `${RECORDS}/00000000-0000-7000-8000-000000000000`)).body?.code).toBe('TSR111');
      expect((await send('GET', `${RECORDS}/not-a-uuid`)).status).toBe(400);
    });

    it('creates a record with defaults, Location and ETag', async () => {
      const created = await send('POST', RECORDS, { name: '新建商机 lean', amount: 1234.5, account: accountIds[0], close_date: '2026-06-30' });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        name: '新建商机 lean',
        amount: 1234.5,
        account: accountIds[0],
        stage: 'prospecting',
        is_private: false,
        close_date: '2026-06-30',
        version: 1,
      });
      expect(created.headers.get('location')).toBe(`${RECORDS}/${created.body?.id}`);
      expect(created.headers.get('etag')).toBe('"1"');
      expect(await rowOf(created.body?.id as string)).toMatchObject({ amount: 1234.5, name: '新建商机 lean' });
    });

    it('patches one field or several under If-Match, and answers a stale version with 409', async () => {
      const id = sampleIds[1] as string;
      const before = await rowOf(id);
      const one = await send('PATCH', `${RECORDS}/${id}`, { amount: 777.25 }, { 'if-match': `"${before?.version}"` });
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({ id, amount: 777.25, version: before?.version + 1 });
      expect(one.headers.get('etag')).toBe(`"${before?.version + 1}"`);
      const many = await send('PATCH', `${RECORDS}/${id}`, { amount: 10, next_step: null, stage: 'negotiation' });
      expect(many.body).toMatchObject({ amount: 10, next_step: null, stage: 'negotiation', version: before?.version + 2 });
      const stale = await send('PATCH', `${RECORDS}/${id}`, { amount: 1 }, { 'if-match': `"${before?.version}"` });
      expect(stale.status).toBe(409);
      expect(stale.body?.code).toBe('TSR112');
      expect(await rowOf(id)).toMatchObject({ amount: 10, version: before?.version + 2 });
    });

    it('refuses bad input with problem+json naming the offending path, and changes nothing', async () => {
      const id = sampleIds[2] as string;
      const before = await rowOf(id);
      const invalid = await send('PATCH', `${RECORDS}/${id}`, { amount: 'lots', colour: 'red' });
      expect(invalid.status).toBe(400);
      expect(invalid.body?.code).toBe('TSR400');
      expect(invalid.body?.detail).toContain('/amount');
      expect(invalid.body?.detail).toContain('/colour');
      expect((await send('POST', RECORDS, { name: 'x', amount: 1, account: '00000000-0000-7000-8000-000000000000' })).body?.code).toBe('TSR411');
      expect((await send('POST', RECORDS, '{not json')).body?.code).toBe('TSR101');
      expect((await send('PATCH', `${RECORDS}/${id}`, { amount: 1 }, { 'if-match': '"x"' })).body?.code).toBe('TSR113');
      expect((await send('GET', listPath({ filter: JSON.stringify({ '==': [{ var: 'amount' }, 5] }) }))).body?.code).toBe('TSR116');
      expect((await send('GET', listPath({ sort: 'probability' }))).body?.code).toBe('TSR104');
      expect((await send('GET', listPath({ cursor: 'abc' }))).body?.detail).toContain('cursor');
      expect(await rowOf(id)).toEqual(before);
    });

    it('needs the bearer token: missing → TSR300, wrong (same length) → TSR301', async () => {
      expect((await send('GET', RECORDS, undefined, { authorization: '' })).body?.code).toBe('TSR300');
      const wrong = await send('GET', RECORDS, undefined, { authorization: `Bearer ${TOKEN.replace(/.$/, 'X')}` });
      expect(wrong.status).toBe(401);
      expect(wrong.body?.code).toBe('TSR301');
    });

    it('bulk upserts by ext in one statement: an existing ext updated, a new one created, both counted', async () => {
      const existing = sampleIds[3] as string;
      await pool?.query(`update ${SCHEMA}.opportunity set ext = 'L-EXIST' where id = $1`, [existing]);
      const before = await rowOf(existing);
      const records = [
        { ext: 'L-EXIST', name: '更新 lean', amount: 5 },
        { ext: 'L-NEW-1', name: 'new lean', amount: 6, account: accountIds[0], stage: 'proposal' },
      ];
      const { status, body } = await send('POST', `${RECORDS}/bulk`, { operation: 'upsert', externalIdField: 'ext', records });
      expect(status).toBe(200);
      expect(body?.counts).toEqual({ created: 1, updated: 1, deleted: 0, failed: 0 });
      expect(await rowOf(existing)).toEqual({ amount: 5, version: before?.version + 1, name: '更新 lean' });
      const created = await pool?.query(`select stage, account, is_private, version from ${SCHEMA}.opportunity where ext = 'L-NEW-1'`);
      expect(created?.rows).toEqual([{ stage: 'proposal', account: accountIds[0], is_private: false, version: 1 }]);
    });

    it('refuses a bad bulk upsert naming each record path, and more than 2,000 records, writing nothing', async () => {
      const count = async () => (await pool?.query(`select count(*)::int as n from ${SCHEMA}.opportunity`))?.rows[0].n;
      const before = await count();
      const bad = await send('POST', `${RECORDS}/bulk`, {
        operation: 'upsert',
        records: [
          { ext: 'L-OK', name: 'fine', amount: 1 },
          { ext: '', name: 'x', amount: 'lots' },
        ],
      });
      expect(bad.status).toBe(400);
      expect(bad.body?.code).toBe('TSR400');
      expect(bad.body?.detail).toContain('/records/1/ext');
      expect(bad.body?.detail).toContain('/records/1/amount');
      const many = Array.from({ length: 2001 }, (_, i) => ({ ext: `L-MANY-${i}`, name: 'n', amount: 1 }));
      expect((await send('POST', `${RECORDS}/bulk`, { operation: 'upsert', records: many })).body?.code).toBe('TSR140');
      expect((await send('POST', `${RECORDS}/bulk`, { operation: 'create', records: [] })).status).toBe(400);
      expect(await count()).toBe(before);
    });
  });
else
  describe('lean baseline without PostgreSQL', () => {
    it('is refused by the bench with a message naming the server it tried', () => {
      expect(database instanceof PostgresUnavailableError && database.message).toContain('needs a running PostgreSQL server');
    });
  });
