// The tenant's audit log: sign-ins, sign-outs, token, user, role, permission and sharing
// changes, and metadata applies. Written in the same transaction as the change when there is one,
// so a change and its audit entry commit together. Read newest first with an id cursor.
import { sql } from 'kysely';
import { isoText } from '../db/iso-text.ts';
import { type ObjectDb, tenantTables } from '../db/tenant-tables.ts';

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

export async function writeAudit(db: ObjectDb, schema: string, entry: AuditEntry): Promise<void> {
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

export async function listAudit(db: ObjectDb, schema: string, query: AuditQuery): Promise<{ data: AuditRecord[]; nextCursor: string | null }> {
  let select = tenantTables(db, schema)
    .selectFrom('_audit_log')
    .select(['id', isoText('at').as('at'), 'event', 'actor_id', 'actor', 'target', 'detail', 'ip', 'request_id'])
    .orderBy('id', 'desc')
    .limit(query.limit + 1);
  // event=sign_in.* selects a family: sign_in, sign_in.failed, sign_in.locked.
  const family = query.event?.endsWith('.*') ? query.event.slice(0, -2) : undefined;
  if (family !== undefined) select = select.where((eb) => eb.or([eb('event', '=', family), eb('event', 'like', `${family.replaceAll('_', '\\_')}.%`)]));
  else if (query.event) select = select.where('event', '=', query.event);
  if (query.actorId) select = select.where('actor_id', '=', query.actorId);
  if (query.cursor) select = select.where('id', '<', query.cursor);
  const result = { rows: await select.execute() };
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
