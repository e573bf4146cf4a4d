import type { Context } from 'hono';
import { auditActor } from '../audit/audit-actor.ts';
import type { AppEnv } from '../http/app-env.ts';
import type { RecordContext } from '../records/record-service.ts';

/** The acting principal and tracked fields, for RecordService. */
export function recordContext(c: Context<AppEnv>): RecordContext {
  const access = c.get('access');
  const context: RecordContext = { actor: auditActor(access), requestId: c.get('requestId'), trackedFields: access.security.trackedFields };
  if (c.get('fullPipeline')) context.fastPath = false;
  return context;
}
