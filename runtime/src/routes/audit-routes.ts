// /audit…: the audit log (sign-ins, permission and metadata changes) and which fields each object
// tracks in its field history. Guarded by requireAdmin.
import { Hono } from 'hono';
import { listAudit } from '../audit/audit-log.ts';
import { replaceTrackedFields } from '../audit/replace-tracked-fields.ts';
import { untrackableReason } from '../audit/trackable-fields.ts';
import { ApiError } from '../core/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import { readJsonBody } from '../http/read-json-body.ts';
import { InputChecker } from '../security/check-security-input.ts';
import { securityChange } from '../security/security-change.ts';
import type { RouteDeps } from './route-deps.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const AUDIT_PARAMETERS = new Set(['event', 'actorId', 'limit', 'cursor']);

export function auditRoutes(deps: RouteDeps) {
  const routes = new Hono<AppEnv>();

  routes.get('/log', async (c) => {
    const query = c.req.query();
    const problems = Object.keys(query)
      .filter((name) => !AUDIT_PARAMETERS.has(name))
      .map((name) => ({ path: name, code: 'TSR102' as const, message: `unknown query parameter '${name}'` }));
    const limit = query.limit === undefined ? 50 : /^\d{1,3}$/.test(query.limit) ? Number(query.limit) : Number.NaN;
    if (!(limit >= 1 && limit <= 200)) problems.push({ path: 'limit', code: 'TSR102', message: 'limit must be an integer from 1 to 200' });
    for (const name of ['actorId', 'cursor'] as const) {
      if (query[name] !== undefined && !UUID.test(query[name])) problems.push({ path: name, code: 'TSR102', message: `${name} must be an id` });
    }
    if (problems.length > 0) throw new ApiError('TSR102', 'The audit query is invalid.', problems);
    return c.json(await listAudit(deps.database.db, c.get('tenant').schema, { event: query.event, actorId: query.actorId, cursor: query.cursor, limit }));
  });

  routes.get('/tracked-fields', async (c) => {
    const security = await deps.security.state(c.get('tenant'));
    return c.json({ data: [...security.trackedFields].map(([object, fields]) => ({ object, fields })) });
  });

  routes.put('/tracked-fields/:object', async (c) => {
    const objectName = c.req.param('object');
    const object = c.get('catalog').objects.get(objectName);
    if (!object) throw new ApiError('TSR110', `Object '${objectName}' does not exist.`);
    const checker = new InputChecker(await readJsonBody(c)).only(['fields']);
    const fields = checker.body.fields;
    if (!Array.isArray(fields) || !fields.every((field) => typeof field === 'string')) {
      checker.add('/fields', 'must be an array of field api names');
    } else {
      fields.forEach((field: string, i) => {
        const reason = untrackableReason(object, field);
        if (reason) checker.add(`/fields/${i}`, reason);
      });
    }
    checker.done('The tracked fields are invalid; nothing was saved.');
    const names = [...new Set(fields as string[])].sort();
    const schema = c.get('tenant').schema;
    await securityChange(c, deps, async (trx) => {
      await replaceTrackedFields(trx, schema, objectName, names);
      return { result: undefined, audit: { event: 'tracked_fields.update', target: `object:${objectName}`, detail: { fields: names } } };
    });
    return c.json({ object: objectName, fields: names });
  });

  return routes;
}
