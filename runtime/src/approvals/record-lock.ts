// The record lock of a pending request, called by the record service before a patch or delete of
// an object with approval flows: administrators (and integration tokens) may always write; the
// current step's approvers may change only the step's editable fields and may not delete; anyone
// else is refused with 409 TSR559 until the request is decided or recalled.
import { sql } from 'kysely';
import type { CompiledObject } from '../catalog/catalog-types.ts';
import { ApiError } from '../core/api-error.ts';
import type { Db } from './approval-context.ts';

export interface LockingUser {
  id: string | null;
  admin: boolean;
}

export async function assertNotLocked(
  db: Db,
  object: CompiledObject,
  recordId: string,
  change: Readonly<Record<string, unknown>> | 'delete',
  user: LockingUser,
): Promise<void> {
  if (!object.definition.approvalFlows || user.admin) return;
  const s = (name: string) => sql.id(object.schema, name);
  const rows = await sql<{ id: string; flow: string; locks: boolean; editable: unknown; approver: boolean }>`
    select r.id, r.flow, coalesce((r.definition->>'lockRecord')::boolean, true) as locks,
           r.definition->'steps'->r.current_step->'editableFields' as editable,
           exists (
             select 1 from ${s('_approval_tasks')} k join ${s('_approval_steps')} p on p.id = k.step_id and p.status = 'pending'
             where k.request_id = r.id and k.status in ('pending', 'waiting')
               and (k.approver_id = ${user.id}::uuid or k.queue_id in (select queue_id from ${s('_approval_queue_members')} where user_id = ${user.id}::uuid))
           ) as approver
    from ${s('_approval_requests')} r
    where r.object = ${object.apiName} and r.record_id = ${recordId}::uuid and r.status = 'pending'`.execute(db);
  const pending = rows.rows[0];
  if (!pending?.locks) return;
  const editable = new Set((typeof pending.editable === 'string' ? JSON.parse(pending.editable) : (pending.editable ?? [])) as string[]);
  if (pending.approver && change !== 'delete') {
    const refused = Object.keys(change).filter((name) => !editable.has(name));
    if (refused.length === 0) return;
    throw new ApiError(
      'TSR563',
      `While approval request ${pending.id} is pending, its approvers may edit only ${[...editable].join(', ') || 'no fields'}; nothing was saved.`,
      refused.map((name) => ({ path: `/${name}`, code: 'TSR563' as const, message: 'not editable in the current approval step' })),
    );
  }
  throw new ApiError('TSR559', `${object.apiName} ${recordId} is locked by pending approval request ${pending.id} (${pending.flow}); nothing was saved.`, [
    { path: '', code: 'TSR559', message: `locked by approval request ${pending.id}` },
  ]);
}
