import type { RequestAccess } from '../security/security-types.ts';
import type { AuditActor } from './audit-log.ts';

/** How the audit log names who acted. */
export function auditActor(access: RequestAccess): AuditActor {
  if (access.principal.kind === 'integration') return { id: null, label: 'integration' };
  return { id: access.principal.userId, label: `user:${access.user?.email ?? access.principal.userId}` };
}
