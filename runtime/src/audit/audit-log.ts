// The tenant's audit log: sign-ins, sign-outs, token, user, role, permission and sharing
// changes, and metadata applies. Written in the same transaction as the change when there is one,
// so a change and its audit entry commit together. Read newest first with an id cursor.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: tenant schemas are dynamic
type Db = Kysely<any>;

export interface AuditActor {
  id: string | null;
  /** `user:<email>`, `integration` or `anonymous`. */
  label: string;
}

export interface AuditEntry {
  event: string;
  actor: AuditActor;
  target?: string;
  detail?: Record<string, unknown>;
  ip?: string;
  requestId?: string;
}

export async function writeAudit(db: Db, schema: string, entry: AuditEntry): Promise<void> {
  await auditInsertSql(schema, entry).execute(db);
}

/** The insert of one entry, for callers that fold it into a larger statement (one round trip). */
export function auditInsertSql(schema: string, entry: AuditEntry) {
  return sql`
    insert into ${sql.id(schema, '_audit_log')} (event, actor_id, actor, target, detail, ip, request_id)
    values (${entry.event}, ${entry.actor.id}, ${entry.actor.label}, ${entry.target ?? null}, ${JSON.stringify(entry.detail ?? {})}::jsonb,
            ${entry.ip ?? null}, ${entry.requestId ?? null})`;
}

export interface AuditQuery {
  event?: string;
  actorId?: string;
  limit: number;
  cursor?: string;
}

export interface AuditRecord {
  id: string;
  at: string;
  event: string;
  actorId: string | null;
  actor: string;
  target: string | null;
  detail: unknown;
  ip: string | null;
  requestId: string | null;
}

export async function listAudit(db: Db, schema: string, query: AuditQuery): Promise<{ data: AuditRecord[]; nextCursor: string | null }> {
  const conditions = [sql`true`];
  // event=sign_in.* selects a family: sign_in, sign_in.failed, sign_in.locked.
  if (query.event?.endsWith('.*')) {
    const family = query.event.slice(0, -2);
    conditions.push(sql`(event = ${family} or event like ${`${family.replaceAll('_', '\\_')}.%`})`);
  }
  else if (query.event) conditions.push(sql`event = ${query.event}`);
  if (query.actorId) conditions.push(sql`actor_id = ${query.actorId}::uuid`);
  if (query.cursor) conditions.push(sql`id < ${query.cursor}::uuid`);
  const result = await sql<{ id: string; at: string; event: string; actor_id: string | null; actor: string; target: string | null; detail: unknown; ip: string | null; request_id: string | null }>`
    select id, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, event, actor_id, actor, target, detail, ip, request_id
    from ${sql.id(schema, '_audit_log')} where ${sql.join(conditions, sql` and `)}
    order by id desc limit ${query.limit + 1}`.execute(db);
  const rows = result.rows.slice(0, query.limit);
  return {
    data: rows.map((row) => ({
      id: row.id,
      at: row.at,
      event: row.event,
      actorId: row.actor_id,
      actor: row.actor,
      target: row.target,
      detail: typeof row.detail === 'string' ? JSON.parse(row.detail) : row.detail,
      ip: row.ip,
      requestId: row.request_id,
    })),
    nextCursor: result.rows.length > query.limit ? (rows[rows.length - 1]?.id ?? null) : null,
  };
}
