// /objects/:object/records/:id/shares and /history: manual sharing of one record, and its field
// history. A record the caller cannot see answers 404 exactly like a missing one; sharing needs
// full access to the record (its owner, their managers, modify-all) and answers 403 otherwise.
import { Hono } from 'hono';
import type { Context } from 'hono';
import { sql } from 'kysely';
import { auditActor } from '../audit/audit-actor.ts';
import { writeAudit } from '../audit/audit-log.ts';
import { listFieldHistory } from '../audit/field-history.ts';
import type { CompiledObject } from '../catalog/catalog-types.ts';
import { ApiError } from '../http/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import { readJsonBody } from '../http/read-json-body.ts';
import { isRecordId } from '../records/record-id.ts';
import { InputChecker, SHARE_ACCESS_VALUES } from '../security/check-security-input.ts';
import { validationThrottle } from '../security/validation-throttle.ts';
import type { RouteDeps } from './route-deps.ts';

export function recordAccessRoutes(deps: RouteDeps) {
  const routes = new Hono<AppEnv>();
  const db = deps.database.db;
  // Mounted first on /objects, so this runs before every record, stage and lookup route there.
  routes.use('*', validationThrottle(deps.security.validationFailures, db));

  /** The object and record as the caller sees them; whether they may manage its shares. */
  const locate = async (c: Context<AppEnv>, options: { deleted: boolean }) => {
    const name = c.req.param('object') ?? '';
    const id = c.req.param('id') ?? '';
    const object = c.get('catalog').objects.get(name);
    if (!object) throw new ApiError('TSR110', `Object '${name}' does not exist.`);
    if (!isRecordId(id)) throw recordNotFound(object, id);
    const visible = object.rowAccess?.read('t');
    const share = object.rowAccess?.share('t') ?? sql`true`;
    const found = await sql<{ can_share: boolean }>`
      select ${share} as can_share from ${sql.id(object.schema, object.table)} as t
      where t.id = ${id}::uuid ${options.deleted ? sql`` : sql`and t.deleted_at is null`} ${visible ? sql`and ${visible}` : sql``}`.execute(db);
    const row = found.rows[0];
    if (!row) throw recordNotFound(object, id);
    return { object, id, canShare: row.can_share };
  };
  const requireShare = (located: { object: CompiledObject; canShare: boolean }) => {
    if (!located.canShare) throw new ApiError('TSR302', `Only the owner, their managers or someone with modify-all may share this ${located.object.apiName} record.`);
  };

  routes.get('/:object/records/:id/shares', async (c) => {
    const located = await locate(c, { deleted: false });
    requireShare(located);
    const rows = await sql<{ user_id: string; access: string; created_at: string }>`
      select user_id, access, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as created_at
      from ${sql.id(located.object.schema, '_record_shares')} where object = ${located.object.apiName} and record_id = ${located.id}::uuid
      order by created_at, user_id`.execute(db);
    return c.json({ data: rows.rows.map((row) => ({ userId: row.user_id, access: row.access, createdAt: row.created_at })) });
  });

  routes.post('/:object/records/:id/shares', async (c) => {
    const located = await locate(c, { deleted: false });
    requireShare(located);
    const checker = new InputChecker(await readJsonBody(c)).only(['userId', 'access']);
    const userId = checker.id('userId');
    if (!userId) checker.add('/userId', 'is required');
    const access = checker.oneOf('access', SHARE_ACCESS_VALUES, true);
    const schema = located.object.schema;
    if (userId) {
      const user = await sql`select 1 from ${sql.id(schema, '_users')} where id = ${userId}::uuid and active`.execute(db);
      if (user.rows.length === 0) checker.add('/userId', `there is no active user '${userId}'`);
    }
    checker.done('The share is invalid; nothing was saved.');
    const actor = auditActor(c.get('access'));
    await db.transaction().execute(async (trx) => {
      await sql`
        insert into ${sql.id(schema, '_record_shares')} (object, record_id, user_id, access, created_by)
        values (${located.object.apiName}, ${located.id}::uuid, ${userId}::uuid, ${access}, ${actor.id}::uuid)
        on conflict (object, record_id, user_id) do update set access = excluded.access`.execute(trx);
      await writeAudit(trx, schema, {
        event: 'share.create',
        actor,
        target: `${located.object.apiName}:${located.id}`,
        detail: { userId, access },
        requestId: c.get('requestId'),
      });
    });
    return c.json({ userId, access }, 201);
  });

  routes.delete('/:object/records/:id/shares/:userId', async (c) => {
    const located = await locate(c, { deleted: false });
    requireShare(located);
    const userId = c.req.param('userId');
    const schema = located.object.schema;
    await db.transaction().execute(async (trx) => {
      const removed = await sql`
        delete from ${sql.id(schema, '_record_shares')}
        where object = ${located.object.apiName} and record_id = ${located.id}::uuid and user_id::text = ${userId} returning user_id`.execute(trx);
      if (removed.rows.length === 0) throw new ApiError('TSR310', `The record is not shared with '${userId.slice(0, 64)}'.`);
      await writeAudit(trx, schema, {
        event: 'share.delete',
        actor: auditActor(c.get('access')),
        target: `${located.object.apiName}:${located.id}`,
        detail: { userId },
        requestId: c.get('requestId'),
      });
    });
    return c.body(null, 204);
  });

  routes.get('/:object/records/:id/history', async (c) => {
    const located = await locate(c, { deleted: true });
    const limitText = c.req.query('limit') ?? '100';
    const limit = /^\d{1,3}$/.test(limitText) ? Number(limitText) : Number.NaN;
    if (!(limit >= 1 && limit <= 200)) throw new ApiError('TSR102', 'limit must be an integer from 1 to 200.', [{ path: 'limit', code: 'TSR102', message: 'limit must be an integer from 1 to 200' }]);
    // Hidden fields' history is as invisible as the fields themselves.
    const data = await listFieldHistory(db, located.object, located.id, (field) => located.object.columns.has(field), limit);
    return c.json({ data });
  });

  return routes;
}

/** Worded exactly as the records API words it, so the two cannot be told apart. */
function recordNotFound(object: CompiledObject, id: string): ApiError {
  return new ApiError('TSR111', `${object.apiName} record '${id.slice(0, 64)}' does not exist.`);
}
