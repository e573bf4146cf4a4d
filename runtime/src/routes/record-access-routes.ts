// /objects/:object/records/:id/shares and /history: manual sharing of one record, and its field
// history. A record the caller cannot see answers 404 exactly like a missing one; sharing needs
// full access to the record (its owner, their managers, modify-all) and answers 403 otherwise.
import { Hono } from 'hono';
import type { Context } from 'hono';
import { auditActor } from '../audit/audit-actor.ts';
import { listFieldHistory } from '../audit/field-history.ts';
import type { CompiledObject } from '../catalog/catalog-types.ts';
import { ApiError } from '../core/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import { readJsonBody } from '../http/read-json-body.ts';
import { isRecordId } from '../records/record-id.ts';
import { InputChecker, SHARE_ACCESS_VALUES } from '../security/check-security-input.ts';
import { isActiveUser, listRecordShares, recordShareAccess, type ShareChange, shareRecord, unshareRecord } from '../security/record-shares.ts';
import { validationThrottle } from '../security/validation-throttle.ts';
import type { RouteDeps } from './route-deps.ts';

export function recordAccessRoutes(deps: RouteDeps) {
  const routes = new Hono<AppEnv>();
  const db = deps.database.db;
  // Mounted first on /objects, so this runs before every record, stage and lookup route there.
  // Writes only: registered per method, a GET does not pass through it at all.
  routes.on(['POST', 'PUT', 'PATCH', 'DELETE'], '*', validationThrottle(deps.security.validationFailures, db));

  /** The object and record as the caller sees them; whether they may manage its shares. */
  const locate = async (c: Context<AppEnv>, options: { deleted: boolean }) => {
    const name = c.req.param('object') ?? '';
    const id = c.req.param('id') ?? '';
    const object = c.get('catalog').objects.get(name);
    if (!object) throw new ApiError('TSR110', `Object '${name}' does not exist.`);
    if (!isRecordId(id)) throw recordNotFound(object, id);
    const found = await recordShareAccess(db, object, id, options);
    if (!found) throw recordNotFound(object, id);
    return { object, id, canShare: found.canShare };
  };
  const requireShare = (located: { object: CompiledObject; canShare: boolean }) => {
    if (!located.canShare)
      throw new ApiError('TSR302', `Only the owner, their managers or someone with modify-all may share this ${located.object.apiName} record.`);
  };

  routes.get('/:object/records/:id/shares', async (c) => {
    const located = await locate(c, { deleted: false });
    requireShare(located);
    return c.json({ data: await listRecordShares(db, located.object, located.id) });
  });

  routes.post('/:object/records/:id/shares', async (c) => {
    const located = await locate(c, { deleted: false });
    requireShare(located);
    const checker = new InputChecker(await readJsonBody(c)).only(['userId', 'access']);
    const userId = checker.id('userId');
    if (!userId) checker.add('/userId', 'is required');
    const access = checker.oneOf('access', SHARE_ACCESS_VALUES, true);
    if (userId && !(await isActiveUser(db, located.object.schema, userId))) checker.add('/userId', `there is no active user '${userId}'`);
    checker.done('The share is invalid; nothing was saved.');
    // checker.done() refused the request unless both are there.
    await shareRecord(db, shareChange(c, located), userId as string, access as NonNullable<typeof access>);
    return c.json({ userId, access }, 201);
  });

  routes.delete('/:object/records/:id/shares/:userId', async (c) => {
    const located = await locate(c, { deleted: false });
    requireShare(located);
    await unshareRecord(db, shareChange(c, located), c.req.param('userId'));
    return c.body(null, 204);
  });

  routes.get('/:object/records/:id/history', async (c) => {
    const located = await locate(c, { deleted: true });
    const limitText = c.req.query('limit') ?? '100';
    const limit = /^\d{1,3}$/.test(limitText) ? Number(limitText) : Number.NaN;
    if (!(limit >= 1 && limit <= 200))
      throw new ApiError('TSR102', 'limit must be an integer from 1 to 200.', [
        { path: 'limit', code: 'TSR102', message: 'limit must be an integer from 1 to 200' },
      ]);
    // Hidden fields' history is as invisible as the fields themselves.
    const data = await listFieldHistory(db, located.object, located.id, (field) => located.object.columns.has(field), limit);
    return c.json({ data });
  });

  return routes;
}

const shareChange = (c: Context<AppEnv>, located: { object: CompiledObject; id: string }): ShareChange => ({
  object: located.object,
  id: located.id,
  actor: auditActor(c.get('access')),
  requestId: c.get('requestId'),
});

/** Worded exactly as the records API words it, so the two cannot be told apart. */
function recordNotFound(object: CompiledObject, id: string): ApiError {
  return new ApiError('TSR111', `${object.apiName} record '${id.slice(0, 64)}' does not exist.`);
}
