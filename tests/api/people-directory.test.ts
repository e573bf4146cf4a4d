// GET /people: every signed-in user of a tenant may name colleagues (by ids, deactivated ones too)
// and find one by a piece of their name or email (active people only, exact matches first), while
// roles, permissions and sign-in state stay admin-only under /security; another tenant's ids name
// nobody; bad queries are refused naming each parameter; the path is in the OpenAPI document.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDriverKinds } from '../../runtime/src/db/test-database.ts';
import { PASSWORD, type RunningSecurityServer, startSecurityServer, TenantAdmin } from '../security/security-server.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are dynamic JSON
type Json = Record<string, any>;
const kinds = await testDriverKinds();

const PEOPLE = [
  { email: 'wang.xiaoming@example.com', name: '王小明' },
  { email: 'wang.li@example.com', name: '王丽' },
  { email: 'ann@example.com', name: 'Ann Lee' },
  { email: 'leaver@example.com', name: '王离职' },
];

describe.each(kinds)('people directory on %s', (kind) => {
  let server: RunningSecurityServer;
  const ids: Record<string, string> = {};
  let sellerToken = '';
  let otherTenantToken = '';
  const people = (token: string, query: string) => server.request<Json>('GET', `/api/v1/people?${query}`, { token });

  beforeAll(async () => {
    server = await startSecurityServer(kind, { rateLimit: false });
    const token = await server.createTenant('people');
    const admin = new TenantAdmin(server, 'people', token);
    for (const person of PEOPLE) ids[person.email] = (await admin.call('POST', '/api/v1/security/users', { ...person, password: PASSWORD })).id;
    await admin.call('PATCH', `/api/v1/security/users/${ids['leaver@example.com']}`, { active: false });
    // A plain user with no permission set at all: naming colleagues needs none.
    sellerToken = await admin.userToken('ann@example.com');
    otherTenantToken = await server.createTenant('people_other');
  }, 120_000);
  afterAll(async () => server?.close());

  it('names people by id for any signed-in user, deactivated ones included, unknown ids left out', async () => {
    const asked = [ids['wang.li@example.com'], ids['leaver@example.com'], '01900000-0000-7000-8000-000000000000'];
    const answer = await people(sellerToken, `ids=${asked.join(',')}`);
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body.data).toEqual([
      { id: ids['wang.li@example.com'], name: '王丽', email: 'wang.li@example.com', active: true },
      { id: ids['leaver@example.com'], name: '王离职', email: 'leaver@example.com', active: false },
    ]);
    // Nothing of roles, permissions or sign-in state, which stay under /security.
    for (const person of answer.body.data) expect(Object.keys(person).sort()).toEqual(['active', 'email', 'id', 'name']);
    expect((await server.request('GET', '/api/v1/security/users', { token: sellerToken })).status).toBe(403);
  });

  it('finds active people by a piece of the name or email, exact and prefix matches first', async () => {
    const found = await people(sellerToken, `q=${encodeURIComponent('王')}`);
    expect(found.status, found.text).toBe(200);
    expect(found.body.data.map((person: Json) => person.name)).toEqual(['王丽', '王小明']);
    const exact = await people(sellerToken, `q=${encodeURIComponent('王丽')}`);
    expect(exact.body.data.map((person: Json) => person.email)).toEqual(['wang.li@example.com']);
    const byEmail = await people(sellerToken, 'q=WANG.X');
    expect(byEmail.body.data.map((person: Json) => person.name)).toEqual(['王小明']);
    expect((await people(sellerToken, 'q=wang&limit=1')).body.data).toHaveLength(1);
    // Wildcards are plain text here.
    expect((await people(sellerToken, `q=${encodeURIComponent('%')}`)).body.data).toEqual([]);
  });

  it("names nobody of another tenant's", async () => {
    const answer = await people(otherTenantToken, `ids=${ids['wang.li@example.com']}`);
    expect(answer.status).toBe(200);
    expect(answer.body.data).toEqual([]);
    expect((await people(otherTenantToken, 'q=wang')).body.data).toEqual([]);
  });

  it('refuses bad queries naming each parameter, and anonymous callers', async () => {
    const cases: [string, string[]][] = [
      ['', ['ids']],
      [`ids=${ids['ann@example.com']}&q=x`, ['q']],
      ['ids=not-a-uuid', ['ids']],
      ['ids=,', ['ids']],
      [`ids=${Array.from({ length: 101 }, (_, index) => `01900000-0000-7000-8000-${String(index).padStart(12, '0')}`).join(',')}`, ['ids']],
      ['q=%20', ['q']],
      [`q=${'x'.repeat(101)}`, ['q']],
      ['q=a&limit=0', ['limit']],
      ['q=a&limit=x', ['limit']],
      [`ids=${ids['ann@example.com']}&limit=5`, ['limit']],
      ['q=a&role=admin', ['role']],
    ];
    for (const [query, paths] of cases) {
      const refused = await people(sellerToken, query);
      expect(refused.status, query).toBe(400);
      expect(refused.headers.get('content-type'), query).toContain('application/problem+json');
      expect(refused.body.code, query).toBe('TSR102');
      expect(
        refused.body.errors.map((error: Json) => error.path),
        query,
      ).toEqual(paths);
    }
    expect((await server.request('GET', '/api/v1/people?q=wang', {})).status).toBe(401);
  });

  it('is in the OpenAPI document every user reads', async () => {
    const document = await server.request<Json>('GET', '/api/v1/openapi.json', { token: sellerToken });
    expect(document.body.paths['/api/v1/people'].get.operationId).toBe('listPeople');
    expect(document.body.components.schemas.Person.required).toEqual(['id', 'name', 'email', 'active']);
  });
});
