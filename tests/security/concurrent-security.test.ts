// Security changes are never last-write-wins (issue #22, Access 4): a rename racing a revoke never
// re-grants what the revoke took away, two admins re-parenting roles at once never make a cycle,
// and permission sets and roles carry a version (ETag) that `If-Match` checks (412 TSR314 when
// stale). Each race runs 20 times, both requests sent together. PostgreSQL and PGlite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDriverKinds } from '../../runtime/src/db/test-database.ts';
import { type RunningSecurityServer, startSecurityServer, TenantAdmin } from './security-server.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are dynamic JSON
type Json = Record<string, any>;
const kinds = await testDriverKinds();
const TRIALS = 20;
const FULL = { create: true, read: true, edit: true, delete: true };
const REVOKED = { read: true };

describe.each(kinds)('concurrent security changes on %s', (kind) => {
  let server: RunningSecurityServer;
  let admin: TenantAdmin;
  let token = '';
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    server.request<Json>(method, path, { token, headers, ...(body === undefined ? {} : { body }) });

  beforeAll(async () => {
    server = await startSecurityServer(kind, { rateLimit: false });
    token = await server.createTenant('races');
    admin = new TenantAdmin(server, 'races', token);
    await admin.call('POST', '/api/v1/metadata/apply', {
      objects: [{ apiName: 'note', labels: { en: 'Note' }, fields: [{ apiName: 'title', type: 'text', labels: { en: 'Title' } }] }],
    });
  }, 120_000);
  afterAll(async () => server?.close());

  it(`a rename racing a revoke never re-grants (${TRIALS} trials)`, async () => {
    const regrants: number[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      const id = await admin.permissionSet(`set_${trial}`, { note: FULL });
      const [revoke, rename] = await Promise.all([
        call('PATCH', `/api/v1/security/permission-sets/${id}`, { objects: { note: REVOKED } }),
        call('PATCH', `/api/v1/security/permission-sets/${id}`, { label: `Renamed ${trial}` }),
      ]);
      expect(revoke.status, revoke.text).toBe(200);
      expect(rename.status, rename.text).toBe(200);
      const stored = await call('GET', `/api/v1/security/permission-sets/${id}`);
      expect(stored.body.label).toBe(`Renamed ${trial}`);
      if (stored.body.objects.note.edit) regrants.push(trial);
    }
    expect(regrants).toEqual([]);
  });

  it(`two admins re-parenting roles at once never make a cycle (${TRIALS} trials)`, async () => {
    const outcomes: string[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      const a = await admin.role(`a_${trial}`);
      const b = await admin.role(`b_${trial}`);
      // A under B and B under A, together: one may win, never both.
      const [first, second] = await Promise.all([
        call('PATCH', `/api/v1/security/roles/${a}`, { parentId: b }),
        call('PATCH', `/api/v1/security/roles/${b}`, { parentId: a }),
      ]);
      outcomes.push([first.status, second.status].sort().join('/'));
      const roles = (await call('GET', '/api/v1/security/roles')).body.data as Json[];
      const parent = new Map(roles.map((role) => [role.id, role.parentId]));
      expect(parent.get(a) === b && parent.get(b) === a, `trial ${trial}: a cycle`).toBe(false);
      for (const role of roles.filter((candidate) => candidate.id === a || candidate.id === b)) {
        // The materialised path ends with the role and starts at a root: no role appears twice.
        const ids = role.path.split('/').filter(Boolean);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids.at(-1)).toBe(role.id);
      }
    }
    expect(new Set(outcomes)).toEqual(new Set(['200/422']));
  });

  it('If-Match with a stale version is refused with 412 TSR314 and changes nothing', async () => {
    const id = await admin.permissionSet('versioned', { note: FULL });
    const read = await call('GET', `/api/v1/security/permission-sets/${id}`);
    const etag = read.headers.get('etag') as string;
    expect(etag).toBe(`"${read.body.version}"`);
    const first = await call('PATCH', `/api/v1/security/permission-sets/${id}`, { objects: { note: REVOKED } }, { 'if-match': etag });
    expect(first.status, first.text).toBe(200);
    expect(first.headers.get('etag')).toBe(`"${read.body.version + 1}"`);
    const stale = await call('PATCH', `/api/v1/security/permission-sets/${id}`, { objects: { note: FULL } }, { 'if-match': etag });
    expect(stale.status, stale.text).toBe(412);
    expect(stale.body).toMatchObject({ code: 'TSR314' });
    expect((await call('GET', `/api/v1/security/permission-sets/${id}`)).body.objects.note).toEqual(REVOKED);
    const staleDelete = await call('DELETE', `/api/v1/security/permission-sets/${id}`, undefined, { 'if-match': etag });
    expect(staleDelete.status).toBe(412);

    const role = await admin.role('versioned_role');
    const roleRead = (await call('GET', '/api/v1/security/roles')).body.data.find((candidate: Json) => candidate.id === role);
    const renamed = await call('PATCH', `/api/v1/security/roles/${role}`, { label: 'One' }, { 'if-match': `"${roleRead.version}"` });
    expect(renamed.status, renamed.text).toBe(200);
    const staleRole = await call('PATCH', `/api/v1/security/roles/${role}`, { label: 'Two' }, { 'if-match': `"${roleRead.version}"` });
    expect(staleRole.status).toBe(412);
    expect(staleRole.body).toMatchObject({ code: 'TSR314' });
    const bad = await call('PATCH', `/api/v1/security/roles/${role}`, { label: 'Three' }, { 'if-match': 'yesterday' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'TSR113' });
    expect((await call('DELETE', `/api/v1/security/roles/${role}`, undefined, { 'if-match': `"${roleRead.version}"` })).status).toBe(412);
    expect((await call('DELETE', `/api/v1/security/roles/${role}`, undefined, { 'if-match': `"${roleRead.version + 1}"` })).status).toBe(204);
  });
});
