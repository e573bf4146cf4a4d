// Audits successful metadata applies after the route answers: who applied, the new revision and
// the actions it ran. The apply commits first, so a failed audit insert cannot undo it; it is
// logged instead.
import type { MiddlewareHandler } from 'hono';
import type { Kysely } from 'kysely';
import type { AppEnv } from '../http/app-env.ts';
import { auditActor } from './audit-actor.ts';
import { writeAudit } from './audit-log.ts';

// biome-ignore lint/suspicious/noExplicitAny: tenant schemas are dynamic
export function auditMetadataApply(db: Kysely<any>, event = 'metadata.apply'): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    if (c.res.status !== 200) return;
    try {
      const outcome = (await c.res.clone().json()) as { revision: number; changed: boolean; actions: { kind: string; object: string; field?: unknown }[] };
      if (!outcome.changed) return;
      await writeAudit(db, c.get('tenant').schema, {
        event,
        actor: auditActor(c.get('access')),
        target: `revision:${outcome.revision}`,
        detail: { revision: outcome.revision, actions: outcome.actions.map((action) => `${action.kind} ${action.object}`) },
        requestId: c.get('requestId'),
      });
    } catch (error) {
      console.error(`[${c.get('requestId')}] audit of metadata apply failed`, error);
    }
  };
}
