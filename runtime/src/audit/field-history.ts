// Field history for tracked fields: a write that touches one runs in a transaction that reads the
// tracked values before (locking the row) and after, and stores one entry per changed field with
// who, when, old → new and the operation. Untracked writes never pay for it.
import { type Kysely, sql } from 'kysely';
import type { CompiledColumn, CompiledObject } from '../catalog/catalog-types.ts';
import { jsonObject } from '../catalog/compile-catalog.ts';
import type { AuditActor } from './audit-log.ts';

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
  const fields = write.fields.filter((name) => write.object.columns.get(name)?.field !== undefined);
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

export interface HistoryEntry {
  id: string;
  at: string;
  field: string;
  oldValue: unknown;
  newValue: unknown;
  operation: string;
  actorId: string | null;
  actor: string;
}

/** A record's history, newest first (one write's fields by name), limited to the fields the reader may see. */
export async function listFieldHistory(db: Db, object: CompiledObject, id: string, readable: (field: string) => boolean, limit: number): Promise<HistoryEntry[]> {
  const result = await sql<{ id: string; at: string; field: string; old_value: unknown; new_value: unknown; operation: string; actor_id: string | null; actor: string }>`
    select id, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, field, old_value, new_value, operation, actor_id, actor
    from ${sql.id(object.schema, '_field_history')} where object = ${object.apiName} and record_id = ${id}::uuid
    order by at desc, field limit ${limit}`.execute(db);
  return result.rows
    .filter((row) => readable(row.field))
    .map((row) => ({
      id: row.id,
      at: row.at,
      field: row.field,
      oldValue: row.old_value,
      newValue: row.new_value,
      operation: row.operation,
      actorId: row.actor_id,
      actor: row.actor,
    }));
}
