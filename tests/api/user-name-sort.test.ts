// Sorting by a user column (issue #21 leftovers): `sort=csm` (a `user` field) and `sort=owner_id`
// order records by the user's display name, then the user's id (two people named 王伟), then the
// record id; records naming no user come last both ways. Cursor pages of 1 and 2 yield the same
// sequence. The expected order is computed here from the users' names (code-point order, the
// databases' collation), on both drivers.
import { testDriverKinds } from '@tessera/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, type RunningSecurityServer, startSecurityServer, TenantAdmin } from '../security/security-server.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are dynamic JSON
type Json = Record<string, any>;
type Row = { id: string; name: string; csm: string | null; owner_id: string | null };
const RECORDS = '/api/v1/objects/ticket/records';
const ticket = {
  apiName: 'ticket',
  labels: { en: 'Ticket', zh: '工单' },
  nameField: 'name',
  fields: [
    { apiName: 'name', type: 'text', labels: { en: 'Subject', zh: '主题' }, required: true, maxLength: 40 },
    { apiName: 'csm', type: 'user', labels: { en: 'Assignee', zh: '处理人' } },
  ],
};
const PEOPLE = [
  ['wang1@example.com', '王伟'],
  ['zoe@example.com', 'Zoë'],
  ['li@example.com', '李雷'],
  ['wang2@example.com', '王伟'],
  ['ada@example.com', 'Ada Lovelace'],
] as const;

const codePoints = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

describe.each(await testDriverKinds())('sort by a user column orders by display name (%s)', (kind) => {
  let server: RunningSecurityServer;
  let admin: TenantAdmin;
  const names = new Map<string, string>();
  let rows: Row[] = [];
  const call = (method: string, path: string, body?: unknown, token = admin.token) => server.request<Json>(method, path, { token, body });

  beforeAll(async () => {
    server = await startSecurityServer(kind, { rateLimit: false });
    admin = new TenantAdmin(
      server,
      `usersort${kind === 'postgres' ? 'pg' : 'lite'}`,
      await server.createTenant(`usersort${kind === 'postgres' ? 'pg' : 'lite'}`),
    );
    const applied = await call('POST', '/api/v1/metadata/apply', ticket);
    expect(applied.status, applied.text).toBe(200);
    const sales = await admin.permissionSet('sales', { ticket: { create: true, read: true, edit: true, viewAll: true } });
    const ids: string[] = [];
    for (const [email, name] of PEOPLE) {
      const id = (await admin.call<{ id: string }>('POST', '/api/v1/security/users', { email, name, password: PASSWORD, permissionSetIds: [sales] })).id;
      ids.push(id);
      names.set(id, name);
    }
    // Each person creates records (so owns them) naming a csm in turn; the tenant token's records have no owner.
    let n = 0;
    for (const [index, [email]] of PEOPLE.entries()) {
      const token = await admin.userToken(email);
      for (const csm of [ids[(index + 1) % ids.length], null, ids[(index + 3) % ids.length]]) {
        const created = await call('POST', RECORDS, { name: `R${n++}`, csm }, token);
        expect(created.status, created.text).toBe(201);
      }
    }
    for (const csm of [ids[2], null]) expect((await call('POST', RECORDS, { name: `R${n++}`, csm })).status).toBe(201);
    rows = (await call('GET', `${RECORDS}?limit=200&fields=name,csm,owner_id`)).body.data as Row[];
    expect(rows).toHaveLength(n);
  }, 180_000);
  afterAll(async () => server?.close());

  /** Records by the named user's display name, then the user's id, then the record id; no user last. */
  const expected = (field: 'csm' | 'owner_id', descending: boolean): string[] => {
    const direction = descending ? -1 : 1;
    const present = rows.filter((row) => row[field] !== null);
    const absent = rows.filter((row) => row[field] === null);
    const byUser = (a: Row, b: Row) => {
      const [x, y] = [a[field] as string, b[field] as string];
      return direction * (codePoints(names.get(x) ?? '', names.get(y) ?? '') || codePoints(x, y));
    };
    const byId = (a: Row, b: Row) => codePoints(a.id, b.id);
    return [...present.sort((a, b) => byUser(a, b) || byId(a, b)), ...absent.sort(byId)].map((row) => row.id);
  };

  for (const field of ['csm', 'owner_id'] as const) {
    for (const descending of [false, true]) {
      const sort = `${descending ? '-' : ''}${field}`;
      it(`sort=${sort} lists by the user's name, then the user's id, then the record's; cursors agree`, async () => {
        const whole = await call('GET', `${RECORDS}?sort=${sort}&limit=200`);
        expect(whole.status, whole.text).toBe(200);
        const want = expected(field, descending);
        expect(whole.body.data.map((row: Row) => row.id)).toEqual(want);
        // Both 王伟 are named by some record, so the tie on the name is broken by the user id here.
        const wangs = [...names].filter(([, name]) => name === '王伟').map(([id]) => id);
        for (const wang of wangs) expect(rows.some((row) => row[field] === wang)).toBe(true);
        for (const limit of [1, 2]) {
          const paged: string[] = [];
          let cursor: string | null = null;
          do {
            const page: { status: number; text: string; body: Json } = await call(
              'GET',
              `${RECORDS}?sort=${sort}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
            );
            expect(page.status, page.text).toBe(200);
            paged.push(...page.body.data.map((row: Row) => row.id));
            cursor = page.body.nextCursor;
            expect(paged.length).toBeLessThanOrEqual(want.length);
          } while (cursor);
          expect(paged, `pages of ${limit}`).toEqual(want);
        }
      });
    }
  }

  it('a filter on a user column still compares the id', async () => {
    const first = rows.find((row) => row.csm !== null) as Row;
    const filtered = await call('GET', `${RECORDS}?filter=${encodeURIComponent(JSON.stringify({ '==': [{ var: 'csm' }, first.csm] }))}&limit=200`);
    expect(filtered.status, filtered.text).toBe(200);
    expect(filtered.body.data.map((row: Row) => row.id).sort()).toEqual(
      rows
        .filter((row) => row.csm === first.csm)
        .map((row) => row.id)
        .sort(),
    );
  });
});
