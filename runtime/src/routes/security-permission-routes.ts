// /security/permission-sets, /security/object-access, /security/sharing-rules: what users may do
// with objects and fields, each object's org-wide default, and criteria-based sharing.
import { Hono } from 'hono';
import { ApiError } from '../core/api-error.ts';
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
import { etag, expectedVersion } from '../security/security-version.ts';
import {
  deletePermissionSet,
  deleteSharingRule,
  insertPermissionSet,
  insertSharingRule,
  setNotFound,
  updatePermissionSet,
  upsertObjectAccess,
} from '../security/permission-admin.ts';
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
    const checker = new InputChecker(await readJsonBody(c)).only(['name', 'label', 'labels', 'objects']);
    const name = checker.name('name', true) as string;
    const { label = name, labels } = checker.labelAndLabels(name);
    const objects = checkGrants(checker, 'objects', c.get('catalog'), false) ?? {};
    const security = await deps.security.state(c.get('tenant'));
    if ([...security.permissionSets.values()].some((set) => set.name === name)) checker.add('/name', `a permission set named '${name}' exists`);
    checker.done('The permission set is invalid; nothing was saved.');
    const id = await securityChange(c, deps, async (trx) => {
      const setId = await insertPermissionSet(trx, schema, { name, label, labels, objects });
      return { result: setId, audit: { event: 'permission_set.create', target: `permission_set:${setId}`, detail: { name, objects } } };
    });
    return c.json({ id, name, label, labels: labels ?? {}, objects, version: 1 } satisfies PermissionSetRow, 201, { ETag: etag(1) });
  });

  routes.patch('/permission-sets/:id', async (c) => {
    const schema = c.get('tenant').schema;
    const id = c.req.param('id');
    const existing = (await deps.security.state(c.get('tenant'))).permissionSets.get(id);
    if (!existing) throw setNotFound(id);
    const checker = new InputChecker(await readJsonBody(c)).only(['label', 'labels', 'objects']);
    const { label, labels } = checker.labelAndLabels(undefined);
    const objects = checkGrants(checker, 'objects', c.get('catalog'), false);
    checker.done('The change is invalid; nothing was saved.');
    const expected = expectedVersion(c);
    const updated = await securityChange(c, deps, async (trx) => {
      const { before, after } = await updatePermissionSet(trx, schema, id, expected, { label, labels, objects });
      return {
        result: after,
        audit: { event: 'permission_set.update', target: `permission_set:${id}`, detail: { before: before.objects, after: after.objects } },
      };
    });
    return c.json(updated, 200, { ETag: etag(updated.version) });
  });

  routes.delete('/permission-sets/:id', async (c) => {
    const id = c.req.param('id');
    const existing = (await deps.security.state(c.get('tenant'))).permissionSets.get(id);
    if (!existing) throw setNotFound(id);
    const expected = expectedVersion(c);
    await securityChange(c, deps, async (trx) => {
      await deletePermissionSet(trx, c.get('tenant').schema, id, expected);
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
      // checker.done() refused the request unless the required values are there.
      await upsertObjectAccess(trx, c.get('tenant').schema, object, defaultAccess as NonNullable<typeof defaultAccess>, managerAccess);
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
    if (security.sharingRules.some((rule) => rule.object === object && rule.name === name))
      checker.add('/name', `${object} has a sharing rule named '${name}'`);
    checker.done('The sharing rule is invalid; nothing was saved.');
    const id = await securityChange(c, deps, async (trx) => {
      const ruleId = await insertSharingRule(trx, schema, {
        object: object as string,
        name,
        criteria,
        roleId: roleId as string,
        includeSubordinates,
        access: access as NonNullable<typeof access>,
      });
      return {
        result: ruleId,
        audit: { event: 'sharing_rule.create', target: `sharing_rule:${ruleId}`, detail: { object, name, criteria, roleId, includeSubordinates, access } },
      };
    });
    return c.json({ id, object, name, criteria, roleId, includeSubordinates, access } as SharingRuleRow, 201);
  });

  routes.delete('/sharing-rules/:id', async (c) => {
    const id = c.req.param('id');
    const rule = (await deps.security.state(c.get('tenant'))).sharingRules.find((candidate) => candidate.id === id);
    if (!rule) throw new ApiError('TSR310', `There is no sharing rule '${id.slice(0, 64)}'.`);
    await securityChange(c, deps, async (trx) => {
      await deleteSharingRule(trx, c.get('tenant').schema, id);
      return { result: undefined, audit: { event: 'sharing_rule.delete', target: `sharing_rule:${id}`, detail: { object: rule.object, name: rule.name } } };
    });
    return c.body(null, 204);
  });

  return routes;
}
