// One security change = one transaction: the change, a new security revision (NOTIFY at commit)
// and its audit entry commit together; afterwards this process drops its cached state at once.
import type { Context } from 'hono';
import { sql } from 'kysely';
import { auditActor } from '../audit/audit-actor.ts';
import { writeAudit } from '../audit/audit-log.ts';
import type { AppEnv } from '../http/app-env.ts';
import type { RouteDeps } from '../routes/route-deps.ts';
import { bumpSecurityRevision } from './security-runtime.ts';
import type { ObjectDb } from '../db/tenant-tables.ts';

export interface ChangeAudit {
  event: string;
  target?: string;
  detail?: Record<string, unknown>;
}

export async function securityChange<T>(c: Context<AppEnv>, deps: RouteDeps, work: (trx: ObjectDb) => Promise<{ result: T; audit: ChangeAudit }>): Promise<T> {
  const tenant = c.get('tenant');
  const outcome = await deps.database.db.transaction().execute(async (trx) => {
    // One security change per tenant at a time: each reads the rows it changes inside this lock,
    // so a rename racing a revoke cannot write back the grants it read before the revoke, and two
    // re-parentings cannot each check the hierarchy the other is about to change (a cycle).
    await sql`select pg_advisory_xact_lock(hashtext(${`tessera.security.${tenant.schema}`}))`.execute(trx);
    const done = await work(trx);
    await bumpSecurityRevision(trx, tenant);
    await writeAudit(trx, tenant.schema, { ...done.audit, actor: auditActor(c.get('access')), requestId: c.get('requestId') });
    return done.result;
  });
  deps.security.invalidate(tenant.slug);
  return outcome;
}
