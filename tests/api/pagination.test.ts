// Keyset pagination over 10,000 rows (seeded with SQL): with duplicate and null sort keys and with
// records inserted between page fetches, every row that existed at the start is returned exactly
// once, in sort order. Bad cursors, limits and sorts are refused with their codes.
import { testDriverKinds } from '@tessera/runtime';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crmBundle } from '../fixtures/crm-objects.ts';
import { expectProblem } from '../support/api-assertions.ts';
import { startTestServer, type TenantClient, type TestServer } from '../support/test-server.ts';

const kinds = await testDriverKinds();
const ROWS = 10_000;

type Row = Record<string, any>;
type Direction = 1 | -1;

/** Comparator for a sort spec (`-amount,name`), nulls last, ties broken by id. */
function comparator(spec: string): (a: Row, b: Row) => number {
  const keys: Array<[string, Direction]> = spec.split(',').map((part) => (part.startsWith('-') ? [part.slice(1), -1] : [part, 1]));
  if (!keys.some(([name]) => name === 'id')) keys.push(['id', 1]);
  return (a, b) => {
    for (const [name, direction] of keys) {
      const x = a[name];
      const y = b[name];
      if (x === y) continue;
      if (x === null) return 1;
      if (y === null) return -1;
      return (x < y ? -1 : 1) * direction;
    }
    return 0;
  };
}

describe.each(kinds)('cursor pagination on %s', (kind) => {
  let server: TestServer;
  let api: TenantClient;
  let initialIds: Set<string>;

  beforeAll(async () => {
    server = await startTestServer(kind);
    api = server.tenant(await server.createTenant('pages'));
    expect((await api.apply(crmBundle)).status).toBe(200);
    // Duplicates everywhere (37 names, ~500 amounts) and nulls in every sort column.
    await sql`
      insert into t_pages.opportunity (name, amount, close_date, last_contact, is_priority)
      select 'n' || lpad((g % 37)::text, 2, '0'),
             case when g % 11 = 0 then null else ((g * 7919) % 503)::numeric / 4 end,
             case when g % 5 = 0 then null else date '2024-01-01' + (g % 97) end,
             case when g % 7 = 0 then null else timestamptz '2024-01-01 00:00:00+00' + ((g * 104729) % 100000) * interval '37 milliseconds' end,
             case g % 3 when 0 then true when 1 then false else null end
      from generate_series(1, ${ROWS}) as g`.execute(server.database.db);
    const ids = await sql<{ id: string }>`select id::text as id from t_pages.opportunity`.execute(server.database.db);
    initialIds = new Set(ids.rows.map((row) => row.id));
    expect(initialIds.size).toBe(ROWS);
  });

  afterAll(async () => {
    await server?.close();
  });

  /** Walks every page; `between` runs after each page with the page's last row. */
  async function walk(query: Record<string, string | number>, between?: (last: Row, page: number) => Promise<void>): Promise<Row[]> {
    const seen: Row[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 500; page++) {
      const result = await api.list('opportunity', cursor ? { ...query, cursor } : query);
      expect(result.status, result.text.slice(0, 300)).toBe(200);
      seen.push(...result.body.data);
      cursor = result.body.nextCursor;
      if (!cursor) return seen;
      expect(result.body.data).toHaveLength(Number(query.limit ?? 50));
      if (between) await between(result.body.data.at(-1) as Row, page);
    }
    throw new Error('too many pages');
  }

  function expectEveryInitialRowOnce(seen: Row[]): void {
    const ids = seen.map((row) => row.id as string);
    expect(new Set(ids).size, 'duplicates across pages').toBe(ids.length);
    const missing = [...initialIds].filter((id) => !ids.includes(id));
    expect(missing.length, 'rows skipped by the cursor').toBe(0);
  }

  it('returns every row exactly once under -amount,name while records are inserted between pages', async () => {
    const sort = '-amount,name';
    const before: string[] = []; // inserted sorting before the cursor: must not appear
    const after: string[] = []; // inserted sorting after the cursor: must appear
    const insert = async (body: Row, bucket: string[]) => {
      const created = await api.post('/api/v1/objects/opportunity/records', body);
      expect(created.status, created.text).toBe(201);
      bucket.push(created.body.id);
    };
    const seen = await walk({ sort, limit: 200 }, async (last, page) => {
      if (page % 5 !== 0) return;
      await insert({ name: `top${page}`, amount: 99999 }, before);
      await insert({ name: 'zzz', amount: null }, after);
      if (last.amount !== null) {
        // Same amount as the cursor row: the name decides the side of the cursor.
        await insert({ name: 'a', amount: last.amount }, before);
        await insert({ name: 'zz', amount: last.amount }, after);
      }
    });
    expectEveryInitialRowOnce(seen);
    const ids = new Set(seen.map((row) => row.id));
    expect(before.filter((id) => ids.has(id))).toEqual([]);
    expect(after.filter((id) => !ids.has(id))).toEqual([]);
    expect(seen).toHaveLength(ROWS + after.length);
    const ordered = [...seen].sort(comparator(sort));
    expect(seen.map((row) => row.id)).toEqual(ordered.map((row) => row.id));
  });

  it('returns every row exactly once under the default sort (id) with limit 200', async () => {
    const inserted: string[] = [];
    const seen = await walk({ limit: 200 }, async (_last, page) => {
      if (page % 10 !== 0) return;
      // uuid v7 ids grow with time, so these sort after the cursor and show up at the end.
      inserted.push((await api.post('/api/v1/objects/opportunity/records', { name: `late${page}` })).body.id);
    });
    expectEveryInitialRowOnce(seen);
    const ids = seen.map((row) => row.id as string);
    expect(ids).toEqual([...ids].sort());
    expect(inserted.every((id) => ids.includes(id))).toBe(true);
  });

  it.each(['close_date,-last_contact', '-is_priority,name,-amount'])('returns every filtered row once, in order, under sort %s', async (sort) => {
    // A filtered slice (~1,350 rows) keeps these walks quick; the big walks above cover volume.
    const names = ['n00', 'n01', 'n02', 'n03', 'n04'];
    const expected = await sql<{ id: string }>`select id::text as id from t_pages.opportunity where name in (${sql.join(names)})`.execute(server.database.db);
    const filter = JSON.stringify({ in: [{ var: 'name' }, names] });
    const seen = await walk({ sort, filter, limit: 100, fields: 'name,amount,close_date,last_contact,is_priority' });
    const ids = seen.map((row) => row.id as string);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(expected.rows.map((row) => row.id).sort());
    const ordered = [...seen].sort(comparator(sort));
    expect(ids).toEqual(ordered.map((row) => row.id));
  });

  it('pages with the default limit of 50 and a final page without a cursor', async () => {
    const first = await api.list('opportunity', { filter: JSON.stringify({ '==': [{ var: 'name' }, 'n01'] }) });
    expect(first.body.data).toHaveLength(50);
    expect(typeof first.body.nextCursor).toBe('string');
    const tiny = await api.list('opportunity', { filter: JSON.stringify({ '==': [{ var: 'name' }, 'no such name'] }) });
    expect(tiny.body).toEqual({ data: [], nextCursor: null });
  });

  it('refuses cursors it did not issue for this sort with 400 TSR105', async () => {
    const amountPage = await api.list('opportunity', { sort: '-amount,name', limit: 5 });
    const amountCursor = amountPage.body.nextCursor as string;
    const idCursor = (await api.list('opportunity', { limit: 5 })).body.nextCursor as string;
    const forged = (payload: unknown) => Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
    const cases: Array<[Record<string, string>, string]> = [
      [{ cursor: 'not a cursor!' }, 'characters outside base64url'],
      [{ cursor: Buffer.from('hello').toString('base64url') }, 'not JSON'],
      [{ cursor: forged({ sort: 'id' }) }, 'wrong shape'],
      [{ sort: 'name', cursor: amountCursor }, 'cursor of another sort'],
      [{ sort: '-amount,name', cursor: idCursor }, 'id cursor on a custom sort'],
      [{ cursor: amountCursor }, 'custom-sort cursor on the default sort'],
      [{ sort: '-amount,name', cursor: forged(['-amount,name,id', ['abc', 'n01', 'x']]) }, 'values that are not of the key types'],
      [{ cursor: forged(['id', ['not-a-uuid']]) }, 'an id that is not a uuid'],
      [{ sort: 'close_date', cursor: forged(['close_date,id', ['not-a-date', '01900000-0000-7000-8000-000000000001']]) }, 'a date that is not a date'],
    ];
    for (const [query, label] of cases) {
      const result = await api.list('opportunity', { limit: 5, ...query });
      expect(result.status, `${label}: ${result.text.slice(0, 300)}`).toBe(400);
      expectProblem(result, 400, 'TSR105', [{ path: 'cursor', code: 'TSR105' }], true);
    }
    // The genuine cursor with its own sort works.
    const next = await api.list('opportunity', { sort: '-amount,name', limit: 5, cursor: amountCursor });
    expect(next.status).toBe(200);
    expect(next.body.data[0].id).not.toBe(amountPage.body.data[0].id);
  });

  it('refuses limits outside 1..200 with TSR102 at limit', async () => {
    expect((await api.list('opportunity', { limit: 200 })).body.data).toHaveLength(200);
    expect((await api.list('opportunity', { limit: 1 })).body.data).toHaveLength(1);
    for (const limit of ['0', '201', '-1', 'ten', '1.5', '99999']) {
      expectProblem(await api.list('opportunity', { limit }), 400, 'TSR102', [{ path: 'limit', code: 'TSR102' }], true);
    }
  });

  it('refuses sorts by unknown, unsortable or repeated fields with TSR104 at sort', async () => {
    for (const sort of ['nope', 'tags', 'amount,-amount', '-', 'name,,nope']) {
      expectProblem(await api.list('opportunity', { sort }), 400, 'TSR104', [{ path: 'sort', code: 'TSR104' }], true);
    }
  });
});
