// Field history for tracked fields: a write that touches one runs in a transaction that reads the
// tracked values before (locking the row) and after, and stores one entry per changed field with
// who, when, old → new and the operation. Untracked writes never pay for it. Reading it names the
// users behind user-valued fields (the owner before and after a reassignment) in the same query.
import { type Kysely, sql } from 'kysely';
import type { CompiledColumn, CompiledObject } from '../catalog/catalog-types.ts';
import { jsonObject } from '../catalog/compile-catalog.ts';
import type { AuditActor } from './audit-log.ts';
import { isTrackable, USER_VALUED_COLUMNS } from './trackable-fields.ts';

// biome-ignore lint/suspicious/noExplicitAny: tenant schemas are dynamic
type Db = Kysely<any>;

export type HistoryOperation = 'create' | 'update';

export interface TrackedWrite {
  /** The object as stored (not a user's view): history records every tracked field. */
  object: CompiledObject;
  fields: readonly string[];
  /** Absent for a create: the id comes from the inserted record. */
  id?: string;
  operation: HistoryOperation;
  actor: AuditActor;
  requestId?: string;
}

export async function runTracked<T extends { j: string }>(db: Db, write: TrackedWrite, work: (trx: Db) => Promise<T | undefined>): Promise<T | undefined> {
  const fields = write.fields.filter((name) => isTrackable(write.object, name));
  if (fields.length === 0) return work(db);
  // Inside a caller's transaction (an approval's final actions) the history joins it.
  const inTransaction = <R>(run: (trx: Db) => Promise<R>): Promise<R> => (db.isTransaction ? run(db) : db.transaction().execute(run));
  return inTransaction(async (trx) => {
    const before = write.id ? await trackedValues(trx, write.object, fields, write.id, true) : {};
    const result = await work(trx);
    if (!result) return result;
    const id = write.id ?? (JSON.parse(result.j) as { id: string }).id;
    const after = (await trackedValues(trx, write.object, fields, id, false)) ?? {};
    const changes = fields.filter((name) => JSON.stringify(before?.[name] ?? null) !== JSON.stringify(after[name] ?? null));
    if (changes.length > 0) {
      const rows = changes.map(
        (name) => sql`(${write.object.apiName}, ${id}::uuid, ${name}, ${JSON.stringify(before?.[name] ?? null)}::jsonb, ${JSON.stringify(after[name] ?? null)}::jsonb,
          ${write.operation}, ${write.actor.id}::uuid, ${write.actor.label}, ${write.requestId ?? null})`,
      );
      await sql`
        insert into ${sql.id(write.object.schema, '_field_history')} (object, record_id, field, old_value, new_value, operation, actor_id, actor, request_id)
        values ${sql.join(rows)}`.execute(trx);
    }
    return result;
  });
}

async function trackedValues(trx: Db, object: CompiledObject, fields: readonly string[], id: string, lock: boolean): Promise<Record<string, unknown> | undefined> {
  const json = jsonObject(fields.map((name) => [name, (object.columns.get(name) as CompiledColumn).render('t')]));
  const result = await sql<{ v: unknown }>`
    select ${json} as v from ${sql.id(object.schema, object.table)} as t where t.id = ${id}::uuid ${lock ? sql`for update` : sql``}`.execute(trx);
  const value = result.rows[0]?.v;
  return typeof value === 'string' ? (JSON.parse(value) as Record<string, unknown>) : (value as Record<string, unknown> | undefined);
}

/** A user named in a history entry (the owner before and after a reassignment). */
export interface HistoryUser {
  id: string;
  /** Null when the id names no user of the tenant (owner_id has no foreign key). */
  name: string | null;
  email: string | null;
}

export interface HistoryEntry {
  id: string;
  at: string;
  field: string;
  oldValue: unknown;
  newValue: unknown;
  /** On user-valued fields (owner_id) only: the users behind oldValue and newValue, null for no user. */
  oldUser?: HistoryUser | null;
  newUser?: HistoryUser | null;
  operation: string;
  actorId: string | null;
  actor: string;
}

interface HistoryRow {
  id: string;
  at: string;
  field: string;
  old_value: unknown;
  new_value: unknown;
  old_user: HistoryUser | string | null;
  new_user: HistoryUser | string | null;
  operation: string;
  actor_id: string | null;
  actor: string;
}

/** A record's history, newest first (one write's fields by name), limited to the fields the reader may see. */
export async function listFieldHistory(db: Db, object: CompiledObject, id: string, readable: (field: string) => boolean, limit: number): Promise<HistoryEntry[]> {
  const users = sql.id(object.schema, '_users');
  // The CASE keeps the uuid cast to user-valued fields, whose values are ids (or null).
  const userId = (value: 'old_value' | 'new_value') =>
    sql`case when h.field in (${sql.join(USER_VALUED_COLUMNS)}) and jsonb_typeof(${sql.ref(`h.${value}`)}) = 'string' then (${sql.ref(`h.${value}`)} #>> '{}')::uuid end`;
  const userJson = (alias: 'ou' | 'nu') => sql`case when ${sql.ref(`${alias}.id`)} is not null then json_build_object('id', ${sql.ref(`${alias}.id`)}, 'name', ${sql.ref(`${alias}.name`)}, 'email', ${sql.ref(`${alias}.email`)}) end`;
  const result = await sql<HistoryRow>`
    select h.id, to_char(h.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, h.field, h.old_value, h.new_value, h.operation, h.actor_id, h.actor,
           ${userJson('ou')} as old_user, ${userJson('nu')} as new_user
    from ${sql.id(object.schema, '_field_history')} as h
    left join ${users} as ou on ou.id = ${userId('old_value')}
    left join ${users} as nu on nu.id = ${userId('new_value')}
    where h.object = ${object.apiName} and h.record_id = ${id}::uuid
    order by h.at desc, h.field limit ${limit}`.execute(db);
  return result.rows
    .filter((row) => readable(row.field))
    .map((row) => ({
      id: row.id,
      at: row.at,
      field: row.field,
      oldValue: row.old_value,
      newValue: row.new_value,
      ...(USER_VALUED_COLUMNS.includes(row.field) ? { oldUser: historyUser(row.old_value, row.old_user), newUser: historyUser(row.new_value, row.new_user) } : {}),
      operation: row.operation,
      actorId: row.actor_id,
      actor: row.actor,
    }));
}

function historyUser(value: unknown, found: HistoryUser | string | null): HistoryUser | null {
  if (typeof value !== 'string') return null;
  if (found === null) return { id: value, name: null, email: null };
  return typeof found === 'string' ? (JSON.parse(found) as HistoryUser) : found;
}
