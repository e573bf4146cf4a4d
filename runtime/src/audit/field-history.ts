// Field history for tracked fields, read side: entries are written by the write pipeline's step
// (records/write/steps/record-field-history.ts). Reading names the users behind user-valued
// fields (the owner before and after a reassignment) in the same query.
import { type Kysely, sql } from 'kysely';
import type { CompiledObject } from '../catalog/catalog-types.ts';
import { userValuedColumns } from './trackable-fields.ts';

// biome-ignore lint/suspicious/noExplicitAny: tenant schemas are dynamic
type Db = Kysely<any>;

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
  /** On user-valued fields (owner_id and `user` fields) only: the users behind oldValue and newValue, null for no user. */
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
export async function listFieldHistory(
  db: Db,
  object: CompiledObject,
  id: string,
  readable: (field: string) => boolean,
  limit: number,
): Promise<HistoryEntry[]> {
  const users = sql.id(object.schema, '_users');
  const userColumns = userValuedColumns(object);
  // The CASE keeps the uuid cast to user-valued fields, whose values are ids (or null).
  const userId = (value: 'old_value' | 'new_value') =>
    sql`case when h.field in (${sql.join(userColumns)}) and jsonb_typeof(${sql.ref(`h.${value}`)}) = 'string' then (${sql.ref(`h.${value}`)} #>> '{}')::uuid end`;
  const userJson = (alias: 'ou' | 'nu') =>
    sql`case when ${sql.ref(`${alias}.id`)} is not null then json_build_object('id', ${sql.ref(`${alias}.id`)}, 'name', ${sql.ref(`${alias}.name`)}, 'email', ${sql.ref(`${alias}.email`)}) end`;
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
      ...(userColumns.includes(row.field) ? { oldUser: historyUser(row.old_value, row.old_user), newUser: historyUser(row.new_value, row.new_user) } : {}),
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
