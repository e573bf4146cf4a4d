// The engine's state machine, run inside the transaction of the operation that triggered it (the
// request row already locked FOR UPDATE): start the next step whose criteria hold (skipping the
// others), evaluate a step from its task rows, and finish the request — status first, then the
// final actions through the record service — so each happens exactly once.
import { type NormalisedApprovalStep, requiredApprovals } from '@tessera/metadata';
import { sql } from 'kysely';
import { ApiError } from '../core/api-error.ts';
import type { ApprovalContext, Db } from './approval-context.ts';
import { recordEvent } from './approval-events.ts';
import { approvalObject, meetsCriteria, patchRecord, readRecord } from './approval-records.ts';
import { type RequestRow, STEP_COLUMNS, type StepRow, type TaskOrigin } from './approval-rows.ts';
import { type ResolvedApprover, resolveApprovers } from './resolve-approvers.ts';

const HOUR_MS = 3_600_000;

/** Starts the first step at or after `from` whose criteria hold; none left: the request is approved. */
export async function enterStep(ctx: ApprovalContext, trx: Db, request: RequestRow, from: number): Promise<void> {
  const object = approvalObject(ctx, request.object);
  const record = await readRecord(trx, object, request.record_id);
  const steps = request.definition.steps;
  const now = ctx.now();
  for (let index = from; index < steps.length; index++) {
    const step = steps[index] as NormalisedApprovalStep;
    if (!meetsCriteria(step.criteria, record, now, request.submitted_by, ctx.catalog.calendars)) {
      const skipped = await insertStep(ctx, trx, request, index, step, 'skipped', 0);
      await recordEvent(ctx, trx, request, { kind: 'step_skipped', stepId: skipped.id, detail: { step: step.apiName } });
      continue;
    }
    let approvers = await resolveApprovers(trx, ctx.schema, ctx.catalog, request.object, step, record, request.submitted_by);
    let origin: TaskOrigin = 'resolved';
    if (approvers.length === 0) {
      // Nobody to decide (an org change, an empty field): the tenant's administrators decide instead.
      approvers = await tenantAdmins(trx, ctx.schema);
      origin = 'fallback';
      if (approvers.length === 0) {
        throw new ApiError('TSR558', `Step '${step.apiName}' of approval flow '${request.flow}' has no approver and the tenant has no active administrator.`, [
          { path: `/steps/${index}/approvers`, code: 'TSR558', message: 'resolves to no active user' },
        ]);
      }
    }
    const started = await insertStep(ctx, trx, request, index, step, 'pending', requiredApprovals(step, approvers.length));
    await insertTasks(ctx, trx, request.id, started.id, approvers, origin);
    await sql`update ${sql.id(ctx.schema, '_approval_requests')} set current_step = ${index} where id = ${request.id}::uuid`.execute(trx);
    request.current_step = index;
    const userIds = await taskUsers(trx, ctx.schema, started.id);
    if (origin === 'fallback') await recordEvent(ctx, trx, request, { kind: 'fallback_approvers', stepId: started.id, detail: { step: step.apiName } });
    await recordEvent(ctx, trx, request, {
      kind: 'step_started',
      stepId: started.id,
      detail: { step: step.apiName, mode: step.mode, required: started.required, approvers: approvers.length, dueAt: started.due_at },
      notify: { userIds, message: `${request.submitter} asks you to approve ${request.object} ${request.record_id} (${request.flow}, step ${step.apiName}).` },
    });
    return;
  }
  await finishRequest(ctx, trx, request, 'approved');
}

async function insertStep(
  ctx: ApprovalContext,
  trx: Db,
  request: RequestRow,
  index: number,
  step: NormalisedApprovalStep,
  status: 'pending' | 'skipped',
  required: number,
): Promise<StepRow> {
  const now = ctx.now();
  const due = status === 'pending' && step.timeLimit ? new Date(now.getTime() + step.timeLimit.hours * HOUR_MS).toISOString() : null;
  const rows = await sql<StepRow>`
    insert into ${sql.id(ctx.schema, '_approval_steps')} (request_id, step_index, step, mode, required, status, started_at, due_at, decided_at)
    values (${request.id}::uuid, ${index}, ${step.apiName}, ${step.mode}, ${required}, ${status}, ${now.toISOString()}::timestamptz, ${due}::timestamptz,
            ${status === 'skipped' ? now.toISOString() : null}::timestamptz)
    returning ${STEP_COLUMNS}`.execute(trx);
  return rows.rows[0] as StepRow;
}

export async function insertTasks(
  ctx: ApprovalContext,
  trx: Db,
  requestId: string,
  stepId: string,
  approvers: readonly ResolvedApprover[],
  origin: TaskOrigin,
  options: { base?: boolean; addedBy?: string | null } = {},
): Promise<string[]> {
  if (approvers.length === 0) return [];
  const at = ctx.now().toISOString();
  const rows = approvers.map(
    (
      approver,
    ) => sql`(${requestId}::uuid, ${stepId}::uuid, ${approver.kind === 'user' ? approver.id : null}::uuid, ${approver.kind === 'queue' ? approver.id : null}::uuid,
      ${options.base ?? true}, ${origin}, 'pending', ${options.addedBy ?? null}::uuid, ${at}::timestamptz)`,
  );
  const inserted = await sql<{ id: string }>`
    insert into ${sql.id(ctx.schema, '_approval_tasks')} (request_id, step_id, approver_id, queue_id, base, origin, status, added_by, created_at)
    values ${sql.join(rows)} returning id`.execute(trx);
  return inserted.rows.map((row) => row.id);
}

/** Users who hold an open task of the step, directly or as members of its queue. */
export async function taskUsers(trx: Db, schema: string, stepId: string, statuses: readonly string[] = ['pending']): Promise<string[]> {
  const rows = await sql<{ id: string }>`
    select distinct coalesce(k.approver_id, m.user_id) as id
    from ${sql.id(schema, '_approval_tasks')} k left join ${sql.id(schema, '_approval_queue_members')} m on m.queue_id = k.queue_id
    where k.step_id = ${stepId}::uuid and k.status = any(${statuses}::text[]) and coalesce(k.approver_id, m.user_id) is not null
    order by 1`.execute(trx);
  return rows.rows.map((row) => row.id);
}

async function tenantAdmins(trx: Db, schema: string): Promise<ResolvedApprover[]> {
  const rows = await sql<{ id: string }>`select id from ${sql.id(schema, '_users')} where is_admin and active order by id`.execute(trx);
  return rows.rows.map((row) => ({ kind: 'user', id: row.id }));
}

export type StepOutcome = 'open' | 'approved' | 'rejected';

/**
 * The step's state, counted from its task rows (never from memory): approved when enough base
 * approvers approved and every added (加签) approver approved; rejected by a rejection in 或签 or
 * 会签 mode, by any added approver, or in ratio mode once the needed approvals are out of reach.
 */
export async function evaluateStep(trx: Db, schema: string, step: StepRow): Promise<StepOutcome> {
  const counts = await sql<{ base_total: number; base_approved: number; base_rejected: number; added_open: number; added_rejected: number }>`
    select count(*) filter (where base and status not in ('reassigned', 'cancelled'))::int as base_total,
           count(*) filter (where base and status = 'approved')::int as base_approved,
           count(*) filter (where base and status = 'rejected')::int as base_rejected,
           count(*) filter (where not base and status in ('pending', 'waiting'))::int as added_open,
           count(*) filter (where not base and status = 'rejected')::int as added_rejected
    from ${sql.id(schema, '_approval_tasks')} where step_id = ${step.id}::uuid`.execute(trx);
  const c = counts.rows[0] ?? { base_total: 0, base_approved: 0, base_rejected: 0, added_open: 0, added_rejected: 0 };
  if (c.added_rejected > 0) return 'rejected';
  if (c.base_rejected > 0 && (step.mode !== 'ratio' || c.base_total - c.base_rejected < step.required)) return 'rejected';
  if (c.base_approved >= step.required && c.added_open === 0) return 'approved';
  return 'open';
}

/** Closes a step: its status, and every task still open is cancelled. */
export async function closeStep(ctx: ApprovalContext, trx: Db, step: StepRow, status: 'approved' | 'rejected' | 'cancelled'): Promise<void> {
  const at = ctx.now().toISOString();
  await sql`update ${sql.id(ctx.schema, '_approval_steps')} set status = ${status}, decided_at = ${at}::timestamptz where id = ${step.id}::uuid and status = 'pending'`.execute(
    trx,
  );
  await sql`update ${sql.id(ctx.schema, '_approval_tasks')} set status = 'cancelled' where step_id = ${step.id}::uuid and status in ('pending', 'waiting')`.execute(
    trx,
  );
}

/** After a decision: complete the step (once) and move on, or send the request back or to its end. */
export async function settleStep(
  ctx: ApprovalContext,
  trx: Db,
  request: RequestRow,
  step: StepRow,
  rejectTo: number | 'submitter' = 'submitter',
): Promise<StepOutcome> {
  const outcome = await evaluateStep(trx, ctx.schema, step);
  if (outcome === 'open') return outcome;
  await closeStep(ctx, trx, step, outcome);
  if (outcome === 'approved') {
    await recordEvent(ctx, trx, request, { kind: 'step_approved', stepId: step.id, detail: { step: step.step } });
    await enterStep(ctx, trx, request, step.step_index + 1);
    return outcome;
  }
  await recordEvent(ctx, trx, request, { kind: 'step_rejected', stepId: step.id, detail: { step: step.step } });
  if (rejectTo === 'submitter') {
    await finishRequest(ctx, trx, request, 'rejected');
  } else {
    const target = request.definition.steps[rejectTo]?.apiName ?? '';
    await recordEvent(ctx, trx, request, { kind: 'returned', stepId: step.id, detail: { from: step.step, to: target } });
    await enterStep(ctx, trx, request, rejectTo);
  }
  return outcome;
}

/** Ends the request: status first (the record unlocks, a stage gate sees the approval), then the final actions. */
export async function finishRequest(ctx: ApprovalContext, trx: Db, request: RequestRow, status: 'approved' | 'rejected'): Promise<void> {
  const at = ctx.now().toISOString();
  const updated = await sql`
    update ${sql.id(ctx.schema, '_approval_requests')} set status = ${status}, decided_at = ${at}::timestamptz, current_step = null
    where id = ${request.id}::uuid and status = 'pending' returning id`.execute(trx);
  // The caller holds the request's lock and saw it pending: anything else is a bug, not a race.
  if (updated.rows.length !== 1) throw new Error(`approval request ${request.id} was not pending when it finished`);
  request.status = status;
  request.current_step = null;
  await recordEvent(ctx, trx, request, {
    kind: status,
    detail: {},
    notify: request.submitted_by
      ? { userIds: [request.submitted_by], message: `Your ${request.flow} request for ${request.object} ${request.record_id} was ${status}.` }
      : undefined,
  });
  const object = approvalObject(ctx, request.object);
  const system = { id: ctx.actor.id, label: ctx.actor.label, admin: true };
  const changes: Record<string, unknown> = {};
  const stages: string[] = [];
  for (const action of status === 'approved' ? request.definition.onApprove : request.definition.onReject) {
    if (action.type === 'setField') changes[action.field] = action.value;
    else stages.push(action.stage);
  }
  if (status === 'approved' && request.stage_move) stages.push(request.stage_move.stage);
  if (Object.keys(changes).length > 0) await patchRecord(ctx, trx, object, request.record_id, changes, system);
  for (const stage of stages) {
    const pipeline = object.definition.pipelines?.find((candidate) => candidate.stages.some((entry) => entry.value === stage));
    if (!pipeline) continue;
    // The stage gate (pipelines/stage-move.ts) accepts this move once: the approved request names it.
    await sql`update ${sql.id(ctx.schema, '_approval_requests')} set stage_move = ${JSON.stringify({ pipeline: pipeline.apiName, stage })}::jsonb, stage_applied = false
      where id = ${request.id}::uuid`.execute(trx);
    await patchRecord(ctx, trx, object, request.record_id, { [pipeline.stageField]: stage }, system, { comment: `approval ${request.flow} ${status}` });
  }
}
