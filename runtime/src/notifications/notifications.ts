// In-app notifications: rows in `_notifications`, written in the transaction of the change they
// announce (so a rolled-back decision notifies no one), read and marked read per user.
import { sql } from 'kysely';
import type { Db } from '../approvals/approval-context.ts';
import { isoText, isoTextOrNull } from '../db/iso-text.ts';
import { tenantTables } from '../db/tenant-tables.ts';

export interface NewNotification {
  kind: string;
  message: string;
  object?: string;
  recordId?: string;
  requestId?: string;
  detail?: Record<string, unknown>;
}

export async function insertNotifications(db: Db, schema: string, userIds: readonly string[], notification: NewNotification, at: string): Promise<void> {
  const users = [...new Set(userIds)];
  if (users.length === 0) return;
  const rows = users.map(
    (user) => sql`(${user}::uuid, ${notification.kind}, ${notification.message}, ${notification.object ?? null}, ${notification.recordId ?? null}::uuid,
      ${notification.requestId ?? null}::uuid, ${JSON.stringify(notification.detail ?? {})}::jsonb, ${at}::timestamptz)`,
  );
  await sql`
    insert into ${sql.id(schema, '_notifications')} (user_id, kind, message, object, record_id, request_id, detail, created_at)
    values ${sql.join(rows)}`.execute(db);
}

export interface NotificationJson {
  id: string;
  kind: string;
  message: string;
  object: string | null;
  recordId: string | null;
  requestId: string | null;
  detail: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

const selectNotification = [
  'id',
  'kind',
  'message',
  'object',
  'record_id',
  'request_id',
  'detail',
  isoText('created_at').as('created_at'),
  isoTextOrNull('read_at').as('read_at'),
] as const;

interface NotificationRow {
  id: string;
  kind: string;
  message: string;
  object: string | null;
  record_id: string | null;
  request_id: string | null;
  detail: unknown;
  created_at: string;
  read_at: string | null;
}

const render = (row: NotificationRow): NotificationJson => ({
  id: row.id,
  kind: row.kind,
  message: row.message,
  object: row.object,
  recordId: row.record_id,
  requestId: row.request_id,
  detail: (typeof row.detail === 'string' ? JSON.parse(row.detail) : row.detail) as Record<string, unknown>,
  createdAt: row.created_at,
  readAt: row.read_at,
});

export async function listNotifications(db: Db, schema: string, userId: string, options: { unread: boolean; limit: number }): Promise<NotificationJson[]> {
  let select = tenantTables(db, schema).selectFrom('_notifications').select(selectNotification).where('user_id', '=', userId);
  if (options.unread) select = select.where('read_at', 'is', null);
  const rows = await select.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(options.limit).execute();
  return rows.map(render);
}

/** Marks one notification (or, without an id, all of the user's) read; the ones it changed. */
export async function markNotificationsRead(db: Db, schema: string, userId: string, id: string | undefined, at: string): Promise<NotificationJson[]> {
  let update = tenantTables(db, schema)
    .updateTable('_notifications')
    .set({ read_at: sql`coalesce(read_at, ${at}::timestamptz)` })
    .where('user_id', '=', userId);
  update = id === undefined ? update.where('read_at', 'is', null) : update.where('id', '=', id);
  const rows = await update.returning(selectNotification).execute();
  return rows.map(render);
}
