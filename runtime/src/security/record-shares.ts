// Manual sharing of one record as SQL (routes/record-access-routes.ts parses and renders): find the
// record as the caller sees it and whether they may share it, list its shares, add or remove one
// with its audit entry in the same transaction.
import { sql } from 'kysely';
import type { AuditActor } from '../audit/audit-log.ts';
import { writeAudit } from '../audit/audit-log.ts';
import type { CompiledObject } from '../catalog/catalog-types.ts';
import { ApiError } from '../core/api-error.ts';
import { type ObjectDb, tenantTables } from '../db/tenant-tables.ts';
import type { ShareAccess } from './security-types.ts';

/** Whether the caller sees the record (undefined when not), and whether they may manage its shares. */
export async function recordShareAccess(
  db: ObjectDb,
  object: CompiledObject,
  id: string,
  options: { deleted: boolean },
): Promise<{ canShare: boolean } | undefined> {
  const visible = object.rowAccess?.read('t');
  const share = object.rowAccess?.share('t') ?? sql`true`;
  const found = await sql<{ can_share: boolean }>`
    select ${share} as can_share from ${sql.id(object.schema, object.table)} as t
    where t.id = ${id}::uuid ${options.deleted ? sql`` : sql`and t.deleted_at is null`} ${visible ? sql`and ${visible}` : sql``}`.execute(db);
  const row = found.rows[0];
  return row ? { canShare: row.can_share } : undefined;
}

export async function listRecordShares(db: ObjectDb, object: CompiledObject, id: string): Promise<{ userId: string; access: string; createdAt: string }[]> {
  const rows = await sql<{ user_id: string; access: string; created_at: string }>`
    select user_id, access, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as created_at
    from ${sql.id(object.schema, '_record_shares')} where object = ${object.apiName} and record_id = ${id}::uuid
    order by created_at, user_id`.execute(db);
  return rows.rows.map((row) => ({ userId: row.user_id, access: row.access, createdAt: row.created_at }));
}

export async function isActiveUser(db: ObjectDb, schema: string, userId: string): Promise<boolean> {
  const user = await tenantTables(db, schema).selectFrom('_users').select('id').where('id', '=', userId).where('active', '=', true).executeTakeFirst();
  return user !== undefined;
}

export interface ShareChange {
  object: CompiledObject;
  id: string;
  actor: AuditActor;
  requestId: string;
}

/** Shares the record with the user (or changes the access of an existing share). */
export async function shareRecord(db: ObjectDb, change: ShareChange, userId: string, access: ShareAccess): Promise<void> {
  const { object, id, actor } = change;
  await db.transaction().execute(async (trx) => {
    await tenantTables(trx, object.schema)
      .insertInto('_record_shares')
      .values({ object: object.apiName, record_id: id, user_id: userId, access, created_by: actor.id })
      .onConflict((oc) => oc.columns(['object', 'record_id', 'user_id']).doUpdateSet((eb) => ({ access: eb.ref('excluded.access') })))
      .execute();
    await writeAudit(trx, object.schema, {
      event: 'share.create',
      actor,
      target: `${object.apiName}:${id}`,
      detail: { userId, access },
      requestId: change.requestId,
    });
  });
}

/** Removes the user's share (404 TSR310 when the record is not shared with them). */
export async function unshareRecord(db: ObjectDb, change: ShareChange, userId: string): Promise<void> {
  const { object, id, actor } = change;
  await db.transaction().execute(async (trx) => {
    const removed = await sql`
      delete from ${sql.id(object.schema, '_record_shares')}
      where object = ${object.apiName} and record_id = ${id}::uuid and user_id::text = ${userId} returning user_id`.execute(trx);
    if (removed.rows.length === 0) throw new ApiError('TSR310', `The record is not shared with '${userId.slice(0, 64)}'.`);
    await writeAudit(trx, object.schema, { event: 'share.delete', actor, target: `${object.apiName}:${id}`, detail: { userId }, requestId: change.requestId });
  });
}
