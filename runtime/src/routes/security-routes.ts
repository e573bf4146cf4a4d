// /security…: the tenant administrator's API for users and roles (this file) and permission sets,
// org-wide defaults and sharing rules (security-permission-routes.ts). Guarded by requireAdmin.
// Every change is one transaction with its audit entry and a new security revision.
import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { type Kysely, sql } from 'kysely';
import { ApiError } from '../http/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import { readJsonBody } from '../http/read-json-body.ts';
import { InputChecker } from '../security/check-security-input.ts';
import { passwordIssue } from '../security/password-policy.ts';
import { hashPassword } from '../security/passwords.ts';
import { securityChange } from '../security/security-change.ts';
import type { RoleRow } from '../security/security-types.ts';
import { assertVersion, etag, expectedVersion } from '../security/security-version.ts';
import { hashSecret } from '../security/sign-in.ts';
import type { RouteDeps } from './route-deps.ts';
import { permissionRoutes } from './security-permission-routes.ts';

// biome-ignore lint/suspicious/noExplicitAny: tenant schemas are dynamic
type Db = Kysely<any>;

const INVITE_TTL = '7 days';

interface UserRow {
  id: string;
  email: string;
  name: string;
  role_id: string | null;
  is_admin: boolean;
  active: boolean;
  invited: boolean;
  sets: string[] | null;
  created_at: string;
}

export function securityRoutes(deps: RouteDeps) {
  const routes = new Hono<AppEnv>();
  const db = deps.database.db;

  routes.get('/users', async (c) => c.json({ data: (await selectUsers(db, c.get('tenant').schema)).map(userJson) }));

  routes.get('/users/:id', async (c) => {
    const user = (await selectUsers(db, c.get('tenant').schema, c.req.param('id')))[0];
    if (!user) throw userNotFound(c.req.param('id'));
    return c.json(userJson(user));
  });

  routes.post('/users', async (c) => {
    const schema = c.get('tenant').schema;
    const checker = new InputChecker(await readJsonBody(c)).only(['email', 'name', 'password', 'roleId', 'admin', 'permissionSetIds']);
    const email = checker.email(true);
    const name = checker.string('name') ?? email;
    const password = checker.body.password;
    const passwordText = password === undefined ? undefined : passwordIssue(password);
    if (passwordText) checker.add(passwordText.path, passwordText.message, passwordText.code);
    const roleId = checker.id('roleId');
    const admin = checker.boolean('admin') ?? false;
    const setIds = checker.ids('permissionSetIds') ?? [];
    const security = await deps.security.state(c.get('tenant'));
    if (roleId && !security.roles.has(roleId)) checker.add('/roleId', `there is no role '${roleId}'`);
    setIds.forEach((id, i) => {
      if (!security.permissionSets.has(id)) checker.add(`/permissionSetIds/${i}`, `there is no permission set '${id}'`);
    });
    checker.done('The user is invalid; nothing was saved.');
    const passwordHash = typeof password === 'string' ? await hashPassword(password) : null;
    const invite = passwordHash ? undefined : `tsi_${randomBytes(24).toString('base64url')}`;
    const created = await securityChange(c, deps, async (trx) => {
      await refuseDuplicateEmail(trx, schema, email as string);
      const inserted = await sql<{ id: string }>`
        insert into ${sql.id(schema, '_users')} (email, name, role_id, role_path, is_admin, password_hash, invite_hash, invite_expires_at)
        values (${email}, ${name}, ${roleId ?? null}::uuid, (select path from ${sql.id(schema, '_roles')} where id = ${roleId ?? null}::uuid),
                ${admin}, ${passwordHash}, ${invite ? hashSecret(invite) : null},
                ${invite ? sql`now() + interval '${sql.raw(INVITE_TTL)}'` : sql`null`})
        returning id`.execute(trx);
      const id = inserted.rows[0]?.id as string;
      await assignSets(trx, schema, id, setIds);
      return { result: id, audit: { event: 'user.create', target: `user:${id}`, detail: { email, roleId: roleId ?? null, admin, permissionSetIds: setIds, invited: invite !== undefined } } };
    });
    const user = (await selectUsers(db, schema, created))[0] as UserRow;
    return c.json({ ...userJson(user), ...(invite ? { inviteToken: invite } : {}) }, 201);
  });

  routes.patch('/users/:id', async (c) => {
    const schema = c.get('tenant').schema;
    const id = c.req.param('id');
    const checker = new InputChecker(await readJsonBody(c)).only(['email', 'name', 'password', 'roleId', 'admin', 'active', 'permissionSetIds']);
    const email = checker.email(false);
    const name = checker.string('name');
    const password = checker.body.password;
    const passwordText = password === undefined ? undefined : passwordIssue(password);
    if (passwordText) checker.add(passwordText.path, passwordText.message, passwordText.code);
    const roleId = checker.id('roleId');
    const admin = checker.boolean('admin');
    const active = checker.boolean('active');
    const setIds = checker.ids('permissionSetIds');
    const security = await deps.security.state(c.get('tenant'));
    if (roleId && !security.roles.has(roleId)) checker.add('/roleId', `there is no role '${roleId}'`);
    setIds?.forEach((setId, i) => {
      if (!security.permissionSets.has(setId)) checker.add(`/permissionSetIds/${i}`, `there is no permission set '${setId}'`);
    });
    checker.done('The change is invalid; nothing was saved.');
    const passwordHash = typeof password === 'string' ? await hashPassword(password) : undefined;
    await securityChange(c, deps, async (trx) => {
      const found = await sql<{ id: string }>`select id from ${sql.id(schema, '_users')} where id::text = ${id} for update`.execute(trx);
      if (found.rows.length === 0) throw userNotFound(id);
      if (email !== undefined) await refuseDuplicateEmail(trx, schema, email, id);
      const sets = [sql`updated_at = now()`];
      if (email !== undefined) sets.push(sql`email = ${email}`);
      if (name !== undefined) sets.push(sql`name = ${name}`);
      if (passwordHash !== undefined) sets.push(sql`password_hash = ${passwordHash}`, sql`invite_hash = null`, sql`invite_expires_at = null`);
      if (roleId !== undefined) {
        sets.push(sql`role_id = ${roleId}::uuid`, sql`role_path = (select path from ${sql.id(schema, '_roles')} where id = ${roleId}::uuid)`);
      }
      if (admin !== undefined) sets.push(sql`is_admin = ${admin}`);
      if (active !== undefined) sets.push(sql`active = ${active}`);
      await sql`update ${sql.id(schema, '_users')} set ${sql.join(sets)} where id = ${id}::uuid`.execute(trx);
      // A deactivated user, or one whose password was reset, is signed out everywhere, and their
      // personal API tokens die too: a reset after a compromise must not leave a token behind, and
      // reactivating a user must not bring back the credentials they had.
      if (active === false || passwordHash !== undefined) {
        await sql`update ${sql.id(schema, '_sessions')} set revoked_at = now() where user_id = ${id}::uuid and revoked_at is null`.execute(trx);
        await sql`update ${sql.id(schema, '_user_tokens')} set revoked_at = now() where user_id = ${id}::uuid and revoked_at is null`.execute(trx);
      }
      if (setIds !== undefined) {
        await sql`delete from ${sql.id(schema, '_user_permission_sets')} where user_id = ${id}::uuid`.execute(trx);
        await assignSets(trx, schema, id, setIds);
      }
      const changed = Object.fromEntries(
        Object.entries({ email, name, roleId, admin, active, permissionSetIds: setIds, password: passwordHash ? 'changed' : undefined }).filter(([, value]) => value !== undefined),
      );
      return { result: undefined, audit: { event: 'user.update', target: `user:${id}`, detail: changed } };
    });
    return c.json(userJson((await selectUsers(db, schema, id))[0] as UserRow));
  });

  routes.get('/roles', async (c) => {
    const security = await deps.security.state(c.get('tenant'));
    return c.json({ data: [...security.roles.values()].map(roleJson) });
  });

  routes.post('/roles', async (c) => {
    const schema = c.get('tenant').schema;
    const checker = new InputChecker(await readJsonBody(c)).only(['name', 'label', 'parentId']);
    const name = checker.name('name', true) as string;
    const label = checker.string('label') ?? name;
    const parentId = checker.id('parentId');
    const security = await deps.security.state(c.get('tenant'));
    const parent = parentId ? security.roles.get(parentId) : undefined;
    if (parentId && !parent) checker.add('/parentId', `there is no role '${parentId}'`);
    if ([...security.roles.values()].some((role) => role.name === name)) checker.add('/name', `a role named '${name}' exists`);
    checker.done('The role is invalid; nothing was saved.');
    const id = await securityChange(c, deps, async (trx) => {
      const fresh = await sql<{ id: string }>`select tessera.uuid_v7() as id`.execute(trx);
      const roleId = fresh.rows[0]?.id as string;
      // The parent's path as stored now (a concurrent move may have changed the cached one).
      const parentPath = parentId ? (await lockedRole(trx, schema, parentId, '/parentId')).path : '/';
      await sql`
        insert into ${sql.id(schema, '_roles')} (id, name, label, parent_id, path)
        values (${roleId}::uuid, ${name}, ${label}, ${parentId ?? null}::uuid, ${`${parentPath}${roleId}/`})`.execute(trx);
      return { result: roleId, audit: { event: 'role.create', target: `role:${roleId}`, detail: { name, parentId: parentId ?? null } } };
    });
    const security2 = await deps.security.state(c.get('tenant'));
    return c.json(roleJson(security2.roles.get(id) as NonNullable<ReturnType<typeof security2.roles.get>>), 201);
  });

  routes.patch('/roles/:id', async (c) => {
    const schema = c.get('tenant').schema;
    const id = c.req.param('id');
    const checker = new InputChecker(await readJsonBody(c)).only(['label', 'parentId']);
    const label = checker.string('label');
    const parentId = checker.id('parentId');
    const security = await deps.security.state(c.get('tenant'));
    if (!security.roles.has(id)) throw new ApiError('TSR310', `There is no role '${id.slice(0, 64)}'.`);
    if (parentId && !security.roles.has(parentId)) checker.add('/parentId', `there is no role '${parentId}'`);
    checker.done('The change is invalid; nothing was saved.');
    const expected = expectedVersion(c);
    await securityChange(c, deps, async (trx) => {
      // The hierarchy as it is now, under the security lock: a concurrent move has either
      // committed (and is seen here) or waits, so the cycle check below cannot be outdated.
      const role = await lockedRole(trx, schema, id);
      assertVersion(`Role '${role.name}'`, role.version, expected);
      const parent = parentId ? await lockedRole(trx, schema, parentId, '/parentId') : undefined;
      if (parent?.path.startsWith(role.path)) {
        throw new ApiError('TSR308', 'The change is invalid; nothing was saved.', [{ path: '/parentId', code: 'TSR308', message: 'a role cannot report to itself or to one of its subordinates' }]);
      }
      await sql`update ${sql.id(schema, '_roles')} set version = version + 1 where id = ${id}::uuid`.execute(trx);
      if (label !== undefined) await sql`update ${sql.id(schema, '_roles')} set label = ${label} where id = ${id}::uuid`.execute(trx);
      if (parentId !== undefined) {
        // Re-parenting moves the whole subtree: rewrite the path prefix of the role and every
        // role below it, then the copies held by their users.
        const newPath = `${parent?.path ?? '/'}${id}/`;
        await sql`update ${sql.id(schema, '_roles')} set parent_id = ${parentId}::uuid where id = ${id}::uuid`.execute(trx);
        await sql`
          update ${sql.id(schema, '_roles')} set path = ${newPath} || substr(path, ${role.path.length + 1})
          where path like ${`${role.path}%`}`.execute(trx);
        await sql`
          update ${sql.id(schema, '_users')} as u set role_path = r.path from ${sql.id(schema, '_roles')} as r
          where u.role_id = r.id and r.path like ${`${newPath}%`}`.execute(trx);
      }
      return { result: undefined, audit: { event: 'role.update', target: `role:${id}`, detail: { label, parentId } } };
    });
    const after = (await deps.security.state(c.get('tenant'))).roles.get(id) as NonNullable<ReturnType<typeof security.roles.get>>;
    return c.json(roleJson(after), 200, { ETag: etag(after.version) });
  });

  routes.delete('/roles/:id', async (c) => {
    const schema = c.get('tenant').schema;
    const id = c.req.param('id');
    const security = await deps.security.state(c.get('tenant'));
    if (!security.roles.has(id)) throw new ApiError('TSR310', `There is no role '${id.slice(0, 64)}'.`);
    const expected = expectedVersion(c);
    await securityChange(c, deps, async (trx) => {
      const role = await lockedRole(trx, schema, id);
      assertVersion(`Role '${role.name}'`, role.version, expected);
      const used = await sql<{ users: number; children: number; rules: number }>`
        select (select count(*)::int from ${sql.id(schema, '_users')} where role_id = ${id}::uuid) as users,
               (select count(*)::int from ${sql.id(schema, '_roles')} where parent_id = ${id}::uuid) as children,
               (select count(*)::int from ${sql.id(schema, '_sharing_rules')} where role_id = ${id}::uuid) as rules`.execute(trx);
      const counts = used.rows[0] ?? { users: 0, children: 0, rules: 0 };
      if (counts.users + counts.children + counts.rules > 0) {
        throw new ApiError('TSR311', `The role still has ${counts.users} user(s), ${counts.children} subordinate role(s) and ${counts.rules} sharing rule(s).`);
      }
      await sql`delete from ${sql.id(schema, '_roles')} where id = ${id}::uuid`.execute(trx);
      return { result: undefined, audit: { event: 'role.delete', target: `role:${id}` } };
    });
    return c.body(null, 204);
  });

  routes.route('/', permissionRoutes(deps));
  return routes;
}

async function selectUsers(db: Db, schema: string, id?: string): Promise<UserRow[]> {
  const result = await sql<UserRow>`
    select u.id, u.email, u.name, u.role_id, u.is_admin, u.active, u.invite_hash is not null as invited,
           to_char(u.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as created_at,
           (select array_agg(p.permission_set_id::text order by p.permission_set_id) from ${sql.id(schema, '_user_permission_sets')} p where p.user_id = u.id) as sets
    from ${sql.id(schema, '_users')} u ${id === undefined ? sql`` : sql`where u.id::text = ${id}`} order by u.id`.execute(db);
  return result.rows;
}

function userJson(row: UserRow) {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    roleId: row.role_id,
    admin: row.is_admin,
    active: row.active,
    invited: row.invited,
    permissionSetIds: row.sets ?? [],
    createdAt: row.created_at,
  };
}

function roleJson(role: RoleRow) {
  return { id: role.id, name: role.name, label: role.label, parentId: role.parentId, path: role.path, version: role.version };
}

/** A role as stored now, locked for this change; a missing one is 404, or 422 at `pointer`. */
async function lockedRole(trx: Db, schema: string, id: string, pointer?: string): Promise<RoleRow> {
  const rows = await sql<{ name: string; label: string; parent_id: string | null; path: string; version: number }>`
    select name, label, parent_id, path, version from ${sql.id(schema, '_roles')} where id = ${id}::uuid for update`.execute(trx);
  const row = rows.rows[0];
  if (!row && pointer) throw new ApiError('TSR308', 'The change is invalid; nothing was saved.', [{ path: pointer, code: 'TSR308', message: `there is no role '${id}'` }]);
  if (!row) throw new ApiError('TSR310', `There is no role '${id.slice(0, 64)}'.`);
  return { id, name: row.name, label: row.label, parentId: row.parent_id, path: row.path, version: row.version };
}

async function refuseDuplicateEmail(trx: Db, schema: string, email: string, except?: string): Promise<void> {
  const taken = await sql`
    select 1 from ${sql.id(schema, '_users')} where lower(email) = lower(${email}) ${except ? sql`and id <> ${except}::uuid` : sql``}`.execute(trx);
  if (taken.rows.length > 0) throw new ApiError('TSR309', `A user with email ${email} exists.`, [{ path: '/email', code: 'TSR309', message: 'already taken' }]);
}

async function assignSets(trx: Db, schema: string, userId: string, setIds: readonly string[]): Promise<void> {
  if (setIds.length === 0) return;
  await sql`
    insert into ${sql.id(schema, '_user_permission_sets')} (user_id, permission_set_id)
    select ${userId}::uuid, unnest(cast(${setIds} as uuid[]))`.execute(trx);
}

function userNotFound(id: string): ApiError {
  return new ApiError('TSR310', `There is no user '${id.slice(0, 64)}'.`);
}
