// Stale-record reminders as SQL (routes/pipeline-routes.ts parses and renders): list a caller's
// (or everyone's) and mark one done or open again. Only reminders on objects the caller can read
// are listed, like everywhere else.
import { sql } from 'kysely';
import { isoText, isoTextOrNull } from '../db/iso-text.ts';
import { type ObjectDb, tenantTables } from '../db/tenant-tables.ts';

export interface ReminderJson {
  id: string;
  kind: string;
  ownerId: string | null;
  object: string;
  recordId: string;
  pipeline: string;
  stage: string;
  message: string;
  stageEnteredAt: string;
  dueAt: string;
  createdAt: string;
  doneAt: string | null;
}

export interface ReminderQuery {
  /** The objects the caller may read. */
  readable: readonly string[];
  /** Only this owner's reminders (a user's own; an administrator's choice), else everyone's. */
  owner: string | undefined;
  status: 'open' | 'done' | 'all';
  limit: number;
}

const reminderColumns = [
  'id',
  'kind',
  'owner_id',
  'object',
  'record_id',
  'pipeline',
  'stage',
  'message',
  isoText('stage_entered_at').as('stage_entered_at'),
  isoText('due_at').as('due_at'),
  isoText('created_at').as('created_at'),
  isoTextOrNull('done_at').as('done_at'),
] as const;

interface ReminderRow {
  id: string;
  kind: string;
  owner_id: string | null;
  object: string;
  record_id: string;
  pipeline: string;
  stage: string;
  message: string;
  stage_entered_at: string;
  due_at: string;
  created_at: string;
  done_at: string | null;
}

export async function listReminders(db: ObjectDb, schema: string, query: ReminderQuery): Promise<ReminderJson[]> {
  if (query.readable.length === 0) return [];
  let select = tenantTables(db, schema).selectFrom('_reminders').select(reminderColumns).where('object', 'in', query.readable);
  if (query.owner !== undefined) select = select.where('owner_id', '=', query.owner);
  if (query.status === 'open') select = select.where('done_at', 'is', null);
  if (query.status === 'done') select = select.where('done_at', 'is not', null);
  const rows = await select.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(query.limit).execute();
  return rows.map(renderReminder);
}

/** Marks the reminder done (keeping the first time) or open again; undefined when there is none (of `owner`'s). */
export async function setReminderDone(db: ObjectDb, schema: string, id: string, done: boolean, owner: string | undefined): Promise<ReminderJson | undefined> {
  let update = tenantTables(db, schema)
    .updateTable('_reminders')
    .set({ done_at: done ? sql`coalesce(done_at, now())` : null })
    .where('id', '=', id);
  if (owner !== undefined) update = update.where('owner_id', '=', owner);
  const row = await update.returning(reminderColumns).executeTakeFirst();
  return row ? renderReminder(row) : undefined;
}

const renderReminder = (row: ReminderRow): ReminderJson => ({
  id: row.id,
  kind: row.kind,
  ownerId: row.owner_id,
  object: row.object,
  recordId: row.record_id,
  pipeline: row.pipeline,
  stage: row.stage,
  message: row.message,
  stageEnteredAt: row.stage_entered_at,
  dueAt: row.due_at,
  createdAt: row.created_at,
  doneAt: row.done_at,
});
