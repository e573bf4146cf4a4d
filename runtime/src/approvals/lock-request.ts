// The first statements of every operation on a request: lock its row FOR UPDATE (every decision,
// recall and escalation of one request runs one after the other from here), check it is still
// pending, then find and lock the current step and the actor's task.
import { sql } from 'kysely';
import { ApiError } from '../core/api-error.ts';
import type { ApprovalContext, Db } from './approval-context.ts';
import { REQUEST_COLUMNS, type RequestRow, requestRow, STEP_COLUMNS, type StepRow, TASK_COLUMNS, type TaskRow } from './approval-rows.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function requestNotFound(id: string): ApiError {
  return new ApiError('TSR552', `Approval request '${id.slice(0, 64)}' does not exist.`);
}

export async function lockRequest(ctx: ApprovalContext, trx: Db, id: string): Promise<RequestRow> {
  if (!UUID.test(id)) throw requestNotFound(id);
  const rows = await sql<RequestRow>`select ${REQUEST_COLUMNS} from ${sql.id(ctx.schema, '_approval_requests')} where id = ${id}::uuid for update`.execute(trx);
  const row = rows.rows[0];
  if (!row) throw requestNotFound(id);
  return requestRow(row);
}

export async function lockPendingRequest(ctx: ApprovalContext, trx: Db, id: string): Promise<{ request: RequestRow; step: StepRow }> {
  const request = await lockRequest(ctx, trx, id);
  if (request.status !== 'pending')
    throw new ApiError('TSR555', `Approval request ${request.id} is ${request.status}; it can no longer change.`, [
      { path: '/status', code: 'TSR555', message: `request is ${request.status}` },
    ]);
  const steps = await sql<StepRow>`
    select ${STEP_COLUMNS} from ${sql.id(ctx.schema, '_approval_steps')} where request_id = ${request.id}::uuid and status = 'pending' for update`.execute(trx);
  const step = steps.rows[0];
  if (!step) throw new Error(`pending approval request ${request.id} has no pending step`);
  return { request, step };
}

/** The actor's open task in the step (their own, or one of a queue they belong to), locked. */
export async function actorTask(
  ctx: ApprovalContext,
  trx: Db,
  step: StepRow,
  userId: string | null,
  statuses: readonly string[] = ['pending'],
): Promise<TaskRow | undefined> {
  if (!userId) return undefined;
  const rows = await sql<TaskRow>`
    select ${TASK_COLUMNS} from ${sql.id(ctx.schema, '_approval_tasks')} k
    where k.step_id = ${step.id}::uuid and k.status = any(${statuses}::text[])
      and (k.approver_id = ${userId}::uuid
           or k.queue_id in (select queue_id from ${sql.id(ctx.schema, '_approval_queue_members')} where user_id = ${userId}::uuid))
    order by (k.approver_id is null), k.created_at, k.id limit 1 for update`.execute(trx);
  return rows.rows[0];
}

export async function taskById(ctx: ApprovalContext, trx: Db, step: StepRow, taskId: string): Promise<TaskRow | undefined> {
  if (!UUID.test(taskId)) return undefined;
  const rows = await sql<TaskRow>`
    select ${TASK_COLUMNS} from ${sql.id(ctx.schema, '_approval_tasks')} where id = ${taskId}::uuid and step_id = ${step.id}::uuid for update`.execute(trx);
  return rows.rows[0];
}

export function notYourTask(step: StepRow, waiting = false): ApiError {
  const message = waiting ? 'you added an approver before yourself; they decide first' : 'you hold no open task in the current step';
  return new ApiError('TSR556', `You are not an approver of step '${step.step}' right now: ${message}.`, [{ path: '', code: 'TSR556', message }]);
}

/** An active user of the tenant, or TSR560 naming the input path. */
export async function activeUserId(ctx: ApprovalContext, trx: Db, id: unknown, path: string): Promise<string> {
  const valid = typeof id === 'string' && UUID.test(id);
  const rows = valid ? await sql<{ id: string }>`select id from ${sql.id(ctx.schema, '_users')} where id = ${id}::uuid and active`.execute(trx) : { rows: [] };
  const row = rows.rows[0];
  if (!row)
    throw new ApiError('TSR560', `'${String(id).slice(0, 64)}' is not an active user of this tenant.`, [
      { path, code: 'TSR560', message: 'not an active user' },
    ]);
  return row.id;
}
