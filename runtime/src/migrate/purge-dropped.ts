// Soft-dropped fields and objects older than the retention period → gone for real: hidden columns,
// tables and sequences are dropped and their `_meta_dropped` rows marked purged. No revision is
// written: the model does not change, only recoverability ends.
import { type Kysely, sql } from 'kysely';
import type { TenantRef } from '../tenants/tenant-store.ts';
import { pendingDropped } from './evolution-tables.ts';

/** Default retention of soft-dropped data: TESSERA_DROP_RETENTION_DAYS, else 30 days. */
export function retentionDays(env: NodeJS.ProcessEnv = process.env): number {
  const days = Number(env.TESSERA_DROP_RETENTION_DAYS ?? 30);
  return Number.isFinite(days) && days >= 0 ? days : 30;
}

export interface PurgedItem {
  kind: 'field' | 'object';
  object: string;
  field: string | null;
  droppedRevision: number;
  droppedAt: string;
}

export async function purgeDropped(
  // biome-ignore lint/suspicious/noExplicitAny: tenant tables are dynamic
  db: Kysely<any>,
  tenant: TenantRef,
  options: { olderThanMs: number; now?: Date },
): Promise<PurgedItem[]> {
  const cutoff = new Date((options.now ?? new Date()).getTime() - options.olderThanMs);
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${`tessera.metadata.${tenant.schema}`}))`.execute(trx);
    const due = (await pendingDropped(trx, tenant.schema)).filter((entry) => new Date(entry.droppedAt) <= cutoff);
    const purged: PurgedItem[] = [];
    const dropped = sql.id(tenant.schema, '_meta_dropped');
    const goneTables = new Set<string>();
    for (const entry of due.filter((candidate) => candidate.kind === 'object')) {
      await sql`drop table if exists ${sql.id(tenant.schema, entry.hiddenName)}`.execute(trx);
      goneTables.add(entry.hiddenName);
    }
    for (const entry of due) {
      if (entry.kind === 'field' && !goneTables.has(entry.tableName)) {
        await sql`alter table ${sql.id(tenant.schema, entry.tableName)} drop column if exists ${sql.id(entry.hiddenName)}`.execute(trx);
      }
      if (entry.extra.sequence) await sql`drop sequence if exists ${sql.id(tenant.schema, entry.extra.sequence)}`.execute(trx);
      await sql`update ${dropped} set purged_at = now() where id = ${entry.id}`.execute(trx);
      purged.push({
        kind: entry.kind,
        object: entry.object,
        field: entry.field,
        droppedRevision: entry.revision,
        droppedAt: new Date(entry.droppedAt).toISOString(),
      });
    }
    // Fields of a purged object that were dropped with it went with its table.
    if (goneTables.size > 0) {
      await sql`update ${dropped} set purged_at = now() where purged_at is null and restored_revision is null and table_name in (${sql.join([...goneTables])})`.execute(
        trx,
      );
    }
    return purged;
  });
}

/** `30d`, `12h`, `15m`, `0` → milliseconds; undefined for anything else. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+)\s*(d|h|m|s)?$/.exec(text.trim());
  if (!match) return undefined;
  const unit = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 }[(match[2] ?? 'd') as 'd' | 'h' | 'm' | 's'];
  return Number(match[1]) * unit;
}
