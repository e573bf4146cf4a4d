// The `user` field type (issue #21): a reference to an active user of the tenant. Writes take the
// id, {"email"} or {"name"} (unknown, inactive or ambiguous: 422 naming the path, nothing saved);
// reads give the id, `expand` gives {id, name, email} (owner_id and created_by too); "mine" is
// {"var": "$user.id"} in a filter; field history names the users; import matches by email or
// name; export writes "Name <email>"; the column has a real foreign key to the tenant's users;
// approval flows may name a user field as approver; text → user is refused with a reason.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, type RunningSecurityServer, startSecurityServer, TenantAdmin } from '../security/security-server.ts';
import { upload } from './import-support.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are dynamic JSON
type Json = Record<string, any>;
// PostgreSQL only, like the import and export suites (imports run on its job queue); the
// generated conformance suite covers user fields on PGlite too.
const kinds = ['postgres'] as const;
const REVIEWS = '/api/v1/objects/review/records';

const review = {
  apiName: 'review',
  labels: { en: 'Review', zh: '审核' },
  nameField: 'name',
  fields: [
    { apiName: 'name', type: 'text', labels: { en: 'Name', zh: '名称' }, required: true },
    { apiName: 'reviewer', type: 'user', labels: { en: 'Reviewer', zh: '审核人' }, defaultExpr: { var: '$user.id' } },
    { apiName: 'csm', type: 'user', labels: { en: 'Customer success manager', zh: '客户成功经理' } },
  ],
  approvalFlows: [
    {
      apiName: 'sign_off',
      labels: { en: 'Sign-off', zh: '签核' },
      steps: [{ apiName: 'csm_step', labels: { en: 'CSM', zh: '客户成功经理' }, approvers: [{ type: 'field', field: 'csm' }] }],
    },
  ],
};

describe.each(kinds)('user fields on %s', (kind) => {
  let server: RunningSecurityServer;
  let admin: TenantAdmin;
  let schema = '';
  let liToken = '';
  const ids: Record<string, string> = {};
  const call = (method: string, path: string, body?: unknown, token = admin.token) => server.request<Json>(method, path, { token, body });
  const count = async () => Number((await sql<{ n: string }>`select count(*) as n from ${sql.id(schema, 'review')}`.execute(server.database.db)).rows[0]?.n);

  beforeAll(async () => {
    server = await startSecurityServer(kind, { rateLimit: false });
    admin = new TenantAdmin(server, 'userfields', await server.createTenant('userfields'));
    const applied = await call('POST', '/api/v1/metadata/apply', review);
    expect(applied.status, applied.text).toBe(200);
    const sales = await admin.permissionSet('sales', { review: { create: true, read: true, edit: true, viewAll: true } });
    for (const [key, email, name] of [
      ['li', 'li@example.com', '李雷'],
      ['ada', 'ada@example.com', 'Ada'],
      ['wang1', 'wang1@example.com', '王伟'],
      ['wang2', 'wang2@example.com', '王伟'],
      ['leaver', 'leaver@example.com', '离职'],
    ] as const) {
      ids[key] = (await admin.call<{ id: string }>('POST', '/api/v1/security/users', { email, name, password: PASSWORD, permissionSetIds: [sales] })).id;
    }
    await admin.call('PATCH', `/api/v1/security/users/${ids.leaver}`, { active: false });
    liToken = await admin.userToken('li@example.com');
    schema = (
      await sql<{ s: string }>`select schema_name as s from information_schema.schemata where schema_name like '%userfields%'`.execute(server.database.db)
    ).rows[0]?.s as string;
  }, 120_000);
  afterAll(async () => server?.close());

  it('stores a uuid column with a foreign key to the tenant users, on delete restrict', async () => {
    const fk = await sql<{ def: string }>`
      select pg_get_constraintdef(c.oid) as def from pg_constraint c join pg_class t on t.oid = c.conrelid join pg_namespace n on n.oid = t.relnamespace
      where n.nspname = ${schema} and t.relname = 'review' and c.contype = 'f' order by c.conname`.execute(server.database.db);
    expect(fk.rows.map((row) => row.def)).toEqual([
      expect.stringMatching(/^FOREIGN KEY \(csm\) REFERENCES .*_users\(id\) ON DELETE RESTRICT$/),
      expect.stringMatching(/^FOREIGN KEY \(reviewer\) REFERENCES .*_users\(id\) ON DELETE RESTRICT$/),
    ]);
  });

  it('writes by id, email or name; reads the id; expand gives {id, name, email}, owner_id too', async () => {
    const created = await call('POST', REVIEWS, { name: 'Q1', reviewer: ids.ada, csm: { email: 'LI@example.com' } });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ reviewer: ids.ada, csm: ids.li });
    const byName = await call('POST', REVIEWS, { name: 'Q2', reviewer: { name: '李雷' } });
    expect(byName.status, byName.text).toBe(201);
    expect(byName.body.reviewer).toBe(ids.li);
    const got = await call('GET', `${REVIEWS}/${created.body.id}?expand=reviewer,csm,owner_id`);
    expect(got.status, got.text).toBe(200);
    expect(got.body.reviewer).toEqual({ id: ids.ada, name: 'Ada', email: 'ada@example.com' });
    expect(got.body.csm).toEqual({ id: ids.li, name: '李雷', email: 'li@example.com' });
    // The admin token is no user: the record has no owner, and an empty user expands to null.
    expect(got.body.owner_id).toBeNull();
    const listed = await call('GET', `${REVIEWS}?expand=csm&fields=name,csm&sort=name`);
    expect(listed.body.data.map((record: Json) => [record.name, record.csm?.name ?? null])).toEqual([
      ['Q1', '李雷'],
      ['Q2', null],
    ]);
    const bad = await call('GET', `${REVIEWS}?expand=name`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'expand', code: 'TSR106' })]);
  });

  it('refuses unknown, inactive and ambiguous users naming the path, and saves nothing', async () => {
    const before = await count();
    const cases: Array<[unknown, string]> = [
      [{ name: 'X', reviewer: '01900000-0000-7000-8000-000000000000' }, 'TSR425 /reviewer'],
      [{ name: 'X', reviewer: ids.leaver }, 'TSR425 /reviewer'],
      [{ name: 'X', csm: { name: '王伟' } }, 'TSR426 /csm'],
      [{ name: 'X', csm: { email: 'nobody@example.com' } }, 'TSR426 /csm'],
      [{ name: 'X', csm: { email: 'leaver@example.com' } }, 'TSR426 /csm'],
      [{ name: 'X', csm: { phone: '1' } }, 'TSR426 /csm'],
    ];
    for (const [body, expected] of cases) {
      const refused = await call('POST', REVIEWS, body);
      expect(refused.status, refused.text).toBe(422);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(refused.body.errors.map((error: Json) => `${error.code} ${error.path}`)).toEqual([expected]);
    }
    const ambiguous = await call('POST', REVIEWS, { name: 'X', csm: { name: '王伟' } });
    expect(ambiguous.body.errors[0].message).toMatch(/2 active users/);
    // A bulk create names the record's index.
    const bulk = await call('POST', `${REVIEWS}/bulk`, { operation: 'create', records: [{ name: 'ok' }, { name: 'X', csm: { email: 'nobody@example.com' } }] });
    expect(bulk.status, bulk.text).toBe(422);
    expect(JSON.stringify(bulk.body)).toContain('/records/1/csm');
    expect(await count()).toBe(before);
  });

  it('a record naming a user deactivated later stays editable; the user is only refused when written', async () => {
    const created = await call('POST', REVIEWS, { name: 'kept', csm: ids.wang1 });
    expect(created.status, created.text).toBe(201);
    await admin.call('PATCH', `/api/v1/security/users/${ids.wang1}`, { active: false });
    const edited = await call('PATCH', `${REVIEWS}/${created.body.id}`, { name: 'kept 2' });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body.csm).toBe(ids.wang1);
    const rewritten = await call('PATCH', `${REVIEWS}/${created.body.id}`, { csm: ids.wang1 });
    expect(rewritten.status).toBe(422);
    await admin.call('PATCH', `/api/v1/security/users/${ids.wang1}`, { active: true });
  });

  it('"mine": {"var": "$user.id"} filters any user field by the signed-in user; the default fills it in', async () => {
    const mine = await call('POST', REVIEWS, { name: 'mine' }, liToken);
    expect(mine.status, mine.text).toBe(201);
    expect(mine.body.reviewer).toBe(ids.li);
    const filter = (field: string) => encodeURIComponent(JSON.stringify({ '==': [{ var: field }, { var: '$user.id' }] }));
    const reviewing = await call('GET', `${REVIEWS}?filter=${filter('reviewer')}&sort=name&fields=name`, undefined, liToken);
    expect(reviewing.status, reviewing.text).toBe(200);
    expect(reviewing.body.data.map((record: Json) => record.name)).toEqual(['Q2', 'mine']);
    const managing = await call('GET', `${REVIEWS}?filter=${filter('csm')}&fields=name`, undefined, liToken);
    expect(managing.body.data.map((record: Json) => record.name)).toEqual(['Q1']);
    const inList = encodeURIComponent(JSON.stringify({ in: [{ var: 'reviewer' }, [ids.ada]] }));
    expect((await call('GET', `${REVIEWS}?filter=${inList}&fields=name`)).body.data.map((record: Json) => record.name)).toEqual(['Q1']);
    const empty = encodeURIComponent(JSON.stringify({ '==': [{ var: 'csm' }, null] }));
    expect((await call('GET', `${REVIEWS}?filter=${empty}&fields=name&sort=name`)).body.data.map((record: Json) => record.name)).toEqual(['Q2', 'mine']);
  });

  it('field history names the users of every user field', async () => {
    const tracked = await call('PUT', '/api/v1/audit/tracked-fields/review', { fields: ['csm'] });
    expect(tracked.status, tracked.text).toBe(200);
    const created = await call('POST', REVIEWS, { name: 'hist', csm: ids.li });
    await call('PATCH', `${REVIEWS}/${created.body.id}`, { csm: ids.ada });
    const history = await call('GET', `${REVIEWS}/${created.body.id}/history`);
    expect(history.status, history.text).toBe(200);
    const change = history.body.data.find((entry: Json) => entry.field === 'csm' && entry.operation === 'update');
    expect(change).toMatchObject({
      oldValue: ids.li,
      newValue: ids.ada,
      oldUser: { id: ids.li, name: '李雷', email: 'li@example.com' },
      newUser: { id: ids.ada, name: 'Ada', email: 'ada@example.com' },
    });
  });

  it('import matches users by email, name or "Name <email>"; a miss or an ambiguous name is a cell error', async () => {
    const csv = ['名称,审核人,客户成功经理', 'imp1,ada@example.com,李雷', 'imp2,Ada <ada@example.com>,', 'imp3,王伟,', 'imp4,nobody@example.com,'].join('\r\n');
    const run = await upload(server.baseUrl, '/api/v1/imports/review?mode=skip-bad-rows&wait=true&lang=zh', { token: admin.token }, csv);
    expect(run.status, run.text).toBe(200);
    expect(run.body.counts).toMatchObject({ create: 2, error: 2 });
    expect(run.body.errors.map((error: Json) => `${error.row}|${error.column}|${error.value}`)).toEqual(['4|审核人|王伟', '5|审核人|nobody@example.com']);
    expect(run.body.errors[0].reason).toMatch(/2 位在职用户/);
    const filter = encodeURIComponent(JSON.stringify({ in: [{ var: 'name' }, ['imp1', 'imp2']] }));
    const imported = await call('GET', `${REVIEWS}?filter=${filter}&sort=name&fields=name,reviewer,csm`);
    expect(imported.body.data.map((record: Json) => [record.reviewer, record.csm])).toEqual([
      [ids.ada, ids.li],
      [ids.ada, null],
    ]);
  });

  it('export writes "Name <email>", which import reads back', async () => {
    const response = await fetch(`${server.baseUrl}${REVIEWS.replace('/records', '')}/export?format=csv&lang=zh-CN&fields=name,csm&sort=name`, {
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain('Q1,李雷 <li@example.com>');
  });

  it('approval flows take a user field as approver; a text field is refused', async () => {
    const refused = await call('POST', '/api/v1/metadata/validate', {
      ...review,
      approvalFlows: [{ ...review.approvalFlows[0], steps: [{ apiName: 's', labels: { en: 'S' }, approvers: [{ type: 'field', field: 'name' }] }] }],
    });
    expect(JSON.stringify(refused.body)).toContain('TSR550');
    expect(JSON.stringify(refused.body)).toContain('a user field');
  });

  it('the OpenAPI document describes user fields and owner_id as users, expandable to UserRef', async () => {
    const document = (await call('GET', '/api/v1/openapi.json')).body;
    const record = Object.values(document.components.schemas as Record<string, Json>).find((schema) => schema.properties?.csm && schema.properties?.version);
    expect(record?.properties.csm.oneOf[1]).toEqual({ $ref: '#/components/schemas/UserRef' });
    expect(record?.properties.owner_id.description).toContain('(`user`)');
    expect(document.components.schemas.UserRef.required).toEqual(['id', 'name', 'email']);
  });

  it('refuses converting a text field to a user field, saying how to fill one', async () => {
    const changed = await call('POST', '/api/v1/metadata/apply', {
      ...review,
      fields: review.fields.map((field) => (field.apiName === 'name' ? { apiName: 'name', type: 'user', labels: field.labels } : field)),
    });
    expect(changed.status, changed.text).toBe(422);
    const refusal = changed.body.errors.find((error: Json) => error.code === 'TSR209');
    expect(refusal.message).toContain('import the values by email or name');
  });
});
