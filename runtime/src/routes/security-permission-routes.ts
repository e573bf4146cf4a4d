// /security/permission-sets, /security/object-access, /security/sharing-rules: what users may do
// with objects and fields, each object's org-wide default, and criteria-based sharing.
import { Hono } from 'hono';
import { type Kysely, sql } from 'kysely';
import { ApiError } from '../http/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import { readJsonBody } from '../http/read-json-body.ts';
import {
  checkCriteria,
  checkGrants,
  DEFAULT_ACCESS_VALUES,
  InputChecker,
  MANAGER_ACCESS_VALUES,
  SHARE_ACCESS_VALUES,
} from '../security/check-security-input.ts';
import { securityChange } from '../security/security-change.ts';
import { assertVersion, etag, expectedVersion } from '../security/security-version.ts';
import { DEFAULT_OBJECT_ACCESS, type PermissionSetRow, type SharingRuleRow } from '../security/security-types.ts';
import type { RouteDeps } from './route-deps.ts';

export function permissionRoutes(deps: RouteDeps) {
  const routes = new Hono<AppEnv>();

  routes.get('/permission-sets', async (c) => {
    const security = await deps.security.state(c.get('tenant'));
    return c.json({ data: [...security.permissionSets.values()].sort((a, b) => (a.name < b.name ? -1 : 1)) });
  });

  routes.get('/permission-sets/:id', async (c) => {
    const set = (await deps.security.state(c.get('tenant'))).permissionSets.get(c.req.param('id'));
    if (!set) throw setNotFound(c.req.param('id'));
    return c.json(set, 200, { ETag: etag(set.version) });
  });

  routes.post('/permission-sets', async (c) => {
    const schema = c.get('tenant').schema;
    const checker = new InputChecker(await readJsonBody(c)).only(['name', 'label', 'objects']);
    const name = checker.name('name', true) as string;
    const label = checker.string('label') ?? name;
    const objects = checkGrants(checker, 'objects', c.get('catalog'), false) ?? {};
    const security = await deps.security.state(c.get('tenant'));
    if ([...security.permissionSets.values()].some((set) => set.name === name)) checker.add('/name', `a permission set named '${name}' exists`);
    checker.done('The permission set is invalid; nothing was saved.');
    const id = await securityChange(c, deps, async (trx) => {
      const inserted = await sql<{ id: string }>`
        insert into ${sql.id(schema, '_permission_sets')} (name, label, objects) values (${name}, ${label}, ${JSON.stringify(objects)}::jsonb) returning id`.execute(trx);
      const setId = inserted.rows[0]?.id as string;
      return { result: setId, audit: { event: 'permission_set.create', target: `permission_set:${setId}`, detail: { name, objects } } };
    });
    return c.json({ id, name, label, objects, version: 1 } satisfies PermissionSetRow, 201, { ETag: etag(1) });
  });

  routes.patch('/permission-sets/:id', async (c) => {
    const schema = c.get('tenant').schema;
    const id = c.req.param('id');
    const existing = (await deps.security.state(c.get('tenant'))).permissionSets.get(id);
    if (!existing) throw setNotFound(id);
    const checker = new InputChecker(await readJsonBody(c)).only(['label', 'objects']);
    const label = checker.string('label');
    const objects = checkGrants(checker, 'objects', c.get('catalog'), false);
    checker.done('The change is invalid; nothing was saved.');
    const expected = expectedVersion(c);
    // What is kept comes from the row as it is now, read under the security lock, not from the
    // cached state this request started with: a rename must not write back revoked grants.
    const updated = await securityChange(c, deps, async (trx) => {
      const current = await lockedSet(trx, schema, id);
      assertVersion(`Permission set '${current.name}'`, current.version, expected);
      const next = { label: label ?? current.label, objects: objects ?? current.objects };
      await sql`
        update ${sql.id(schema, '_permission_sets')}
        set label = ${next.label}, objects = ${JSON.stringify(next.objects)}::jsonb, version = version + 1, updated_at = now()
        where id = ${id}::uuid`.execute(trx);
      const result: PermissionSetRow = { id, name: current.name, ...next, version: current.version + 1 };
      return { result, audit: { event: 'permission_set.update', target: `permission_set:${id}`, detail: { before: current.objects, after: next.objects } } };
    });
    return c.json(updated, 200, { ETag: etag(updated.version) });
  });

  routes.delete('/permission-sets/:id', async (c) => {
    const id = c.req.param('id');
    const existing = (await deps.security.state(c.get('tenant'))).permissionSets.get(id);
    if (!existing) throw setNotFound(id);
    const expected = expectedVersion(c);
    await securityChange(c, deps, async (trx) => {
      assertVersion(`Permission set '${existing.name}'`, (await lockedSet(trx, c.get('tenant').schema, id)).version, expected);
      await sql`delete from ${sql.id(c.get('tenant').schema, '_permission_sets')} where id = ${id}::uuid`.execute(trx);
      return { result: undefined, audit: { event: 'permission_set.delete', target: `permission_set:${id}`, detail: { name: existing.name } } };
    });
    return c.body(null, 204);
  });

  routes.get('/object-access', async (c) => {
    const security = await deps.security.state(c.get('tenant'));
    const objects = [...c.get('catalog').objects.keys()].sort();
    return c.json({ data: objects.map((object) => ({ object, ...(security.objectAccess.get(object) ?? DEFAULT_OBJECT_ACCESS) })) });
  });

  routes.put('/object-access/:object', async (c) => {
    const object = c.req.param('object');
    if (!c.get('catalog').objects.has(object)) throw new ApiError('TSR110', `Object '${object}' does not exist.`);
    const checker = new InputChecker(await readJsonBody(c)).only(['defaultAccess', 'managerAccess']);
    const defaultAccess = checker.oneOf('defaultAccess', DEFAULT_ACCESS_VALUES, true);
    const managerAccess = checker.oneOf('managerAccess', MANAGER_ACCESS_VALUES, false) ?? DEFAULT_OBJECT_ACCESS.managerAccess;
    checker.done('The setting is invalid; nothing was saved.');
    await securityChange(c, deps, async (trx) => {
      await sql`
        insert into ${sql.id(c.get('tenant').schema, '_object_access')} (object, default_access, manager_access)
        values (${object}, ${defaultAccess}, ${managerAccess})
        on conflict (object) do update set default_access = excluded.default_access, manager_access = excluded.manager_access`.execute(trx);
      return { result: undefined, audit: { event: 'object_access.update', target: `object:${object}`, detail: { defaultAccess, managerAccess } } };
    });
    return c.json({ object, defaultAccess, managerAccess });
  });

  routes.get('/sharing-rules', async (c) => {
    const security = await deps.security.state(c.get('tenant'));
    return c.json({ data: security.sharingRules });
  });

  routes.post('/sharing-rules', async (c) => {
    const schema = c.get('tenant').schema;
    const catalog = c.get('catalog');
    const checker = new InputChecker(await readJsonBody(c)).only(['object', 'name', 'criteria', 'roleId', 'includeSubordinates', 'access']);
    const object = checker.string('object', { required: true });
    if (object && !catalog.objects.has(object)) checker.add('/object', `there is no object '${object}'`);
    const name = checker.name('name', true) as string;
    const criteria = checkCriteria(checker, catalog, object);
    const roleId = checker.id('roleId');
    if (!roleId) checker.add('/roleId', 'is required');
    const includeSubordinates = checker.boolean('includeSubordinates') ?? false;
    const access = checker.oneOf('access', SHARE_ACCESS_VALUES, true);
    const security = await deps.security.state(c.get('tenant'));
    if (roleId && !security.roles.has(roleId)) checker.add('/roleId', `there is no role '${roleId}'`);
    if (security.sharingRules.some((rule) => rule.object === object && rule.name === name)) checker.add('/name', `${object} has a sharing rule named '${name}'`);
    checker.done('The sharing rule is invalid; nothing was saved.');
    const id = await securityChange(c, deps, async (trx) => {
      const inserted = await sql<{ id: string }>`
        insert into ${sql.id(schema, '_sharing_rules')} (object, name, criteria, role_id, include_subordinates, access)
        values (${object}, ${name}, ${JSON.stringify(criteria)}::jsonb, ${roleId}::uuid, ${includeSubordinates}, ${access}) returning id`.execute(trx);
      const ruleId = inserted.rows[0]?.id as string;
      return { result: ruleId, audit: { event: 'sharing_rule.create', target: `sharing_rule:${ruleId}`, detail: { object, name, criteria, roleId, includeSubordinates, access } } };
    });
    return c.json({ id, object, name, criteria, roleId, includeSubordinates, access } as SharingRuleRow, 201);
  });

  routes.delete('/sharing-rules/:id', async (c) => {
    const id = c.req.param('id');
    const rule = (await deps.security.state(c.get('tenant'))).sharingRules.find((candidate) => candidate.id === id);
    if (!rule) throw new ApiError('TSR310', `There is no sharing rule '${id.slice(0, 64)}'.`);
    await securityChange(c, deps, async (trx) => {
      await sql`delete from ${sql.id(c.get('tenant').schema, '_sharing_rules')} where id = ${id}::uuid`.execute(trx);
      return { result: undefined, audit: { event: 'sharing_rule.delete', target: `sharing_rule:${id}`, detail: { object: rule.object, name: rule.name } } };
    });
    return c.body(null, 204);
  });

  return routes;
}

/** The set as stored now, locked for this change (404 when another change deleted it). */
// biome-ignore lint/suspicious/noExplicitAny: tenant schemas are dynamic
async function lockedSet(trx: Kysely<any>, schema: string, id: string): Promise<PermissionSetRow> {
  const rows = await sql<{ name: string; label: string; objects: unknown; version: number }>`
    select name, label, objects, version from ${sql.id(schema, '_permission_sets')} where id = ${id}::uuid for update`.execute(trx);
  const row = rows.rows[0];
  if (!row) throw setNotFound(id);
  return { id, name: row.name, label: row.label, objects: (typeof row.objects === 'string' ? JSON.parse(row.objects) : row.objects) as PermissionSetRow['objects'], version: row.version };
}

function setNotFound(id: string): ApiError {
  return new ApiError('TSR310', `There is no permission set '${id.slice(0, 64)}'.`);
}
