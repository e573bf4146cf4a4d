// /security…: the tenant administrator's API for users and roles (this file) and permission sets,
// org-wide defaults and sharing rules (security-permission-routes.ts). Guarded by requireAdmin.
// Every change is one transaction with its audit entry and a new security revision.
import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { ApiError } from '../core/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import { readJsonBody } from '../http/read-json-body.ts';
import { InputChecker } from '../security/check-security-input.ts';
import { passwordIssue } from '../security/password-policy.ts';
import { hashPassword } from '../security/passwords.ts';
import { securityChange } from '../security/security-change.ts';
import type { RoleRow } from '../security/security-types.ts';
import { etag, expectedVersion } from '../security/security-version.ts';
import { hashSecret } from '../security/sign-in.ts';
import { deleteRole, insertRole, updateRole } from '../security/role-admin.ts';
import { insertUser, selectUsers, type UserRow, updateUser, userJson, userNotFound } from '../security/user-admin.ts';
import type { RouteDeps } from './route-deps.ts';
import { permissionRoutes } from './security-permission-routes.ts';

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
      const id = await insertUser(trx, schema, {
        email: email as string,
        name: name as string,
        roleId,
        admin,
        passwordHash,
        inviteHash: invite ? hashSecret(invite) : null,
        permissionSetIds: setIds,
      });
      return {
        result: id,
        audit: {
          event: 'user.create',
          target: `user:${id}`,
          detail: { email, roleId: roleId ?? null, admin, permissionSetIds: setIds, invited: invite !== undefined },
        },
      };
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
      await updateUser(trx, schema, id, { email, name, passwordHash, roleId, admin, active, permissionSetIds: setIds });
      const changed = Object.fromEntries(
        Object.entries({ email, name, roleId, admin, active, permissionSetIds: setIds, password: passwordHash ? 'changed' : undefined }).filter(
          ([, value]) => value !== undefined,
        ),
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
    const checker = new InputChecker(await readJsonBody(c)).only(['name', 'label', 'labels', 'parentId']);
    const name = checker.name('name', true) as string;
    const { label = name, labels } = checker.labelAndLabels(name);
    const parentId = checker.id('parentId');
    const security = await deps.security.state(c.get('tenant'));
    const parent = parentId ? security.roles.get(parentId) : undefined;
    if (parentId && !parent) checker.add('/parentId', `there is no role '${parentId}'`);
    if ([...security.roles.values()].some((role) => role.name === name)) checker.add('/name', `a role named '${name}' exists`);
    checker.done('The role is invalid; nothing was saved.');
    const id = await securityChange(c, deps, async (trx) => {
      const roleId = await insertRole(trx, schema, { name, label, labels, parentId });
      return { result: roleId, audit: { event: 'role.create', target: `role:${roleId}`, detail: { name, parentId: parentId ?? null } } };
    });
    const security2 = await deps.security.state(c.get('tenant'));
    return c.json(roleJson(security2.roles.get(id) as NonNullable<ReturnType<typeof security2.roles.get>>), 201);
  });

  routes.patch('/roles/:id', async (c) => {
    const schema = c.get('tenant').schema;
    const id = c.req.param('id');
    const checker = new InputChecker(await readJsonBody(c)).only(['label', 'labels', 'parentId']);
    const { label, labels } = checker.labelAndLabels(undefined);
    const parentId = checker.id('parentId');
    const security = await deps.security.state(c.get('tenant'));
    if (!security.roles.has(id)) throw new ApiError('TSR310', `There is no role '${id.slice(0, 64)}'.`);
    if (parentId && !security.roles.has(parentId)) checker.add('/parentId', `there is no role '${parentId}'`);
    checker.done('The change is invalid; nothing was saved.');
    const expected = expectedVersion(c);
    await securityChange(c, deps, async (trx) => {
      await updateRole(trx, schema, id, expected, { label, labels, parentId });
      return { result: undefined, audit: { event: 'role.update', target: `role:${id}`, detail: { label, labels, parentId } } };
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
      await deleteRole(trx, schema, id, expected);
      return { result: undefined, audit: { event: 'role.delete', target: `role:${id}` } };
    });
    return c.body(null, 204);
  });

  routes.route('/', permissionRoutes(deps));
  return routes;
}

function roleJson(role: RoleRow) {
  return { id: role.id, name: role.name, label: role.label, labels: role.labels, parentId: role.parentId, path: role.path, version: role.version };
}
