// The operations on approval requests, each one transaction that starts by locking the request row
// (lock-request.ts), changes task, step and request rows, records the event with its comment, and
// runs the state machine (advance-request.ts) when a step may have completed. Nothing is kept in
// memory between operations: concurrent decisions serialise on the request row and count rows.
import { findStage, type NormalisedApprovalFlow, pipelineFor } from '@tessera/metadata';
import { sql } from 'kysely';
import { ApiError } from '../core/api-error.ts';
import type { ApprovalContext, Db } from './approval-context.ts';
import { recordEvent } from './approval-events.ts';
import { approvalObject, meetsCriteria, patchRecord, readRecord } from './approval-records.ts';
import { REQUEST_COLUMNS, type RequestRow, requestRow, type StageMove } from './approval-rows.ts';
import { closeStep, enterStep, insertTasks, settleStep, taskUsers } from './advance-request.ts';
import { flowVersion } from './flow-versions.ts';
import { activeUserId, actorTask, lockPendingRequest, notYourTask, taskById } from './lock-request.ts';

export interface SubmitInput {
  object: string;
  recordId: string;
  flow?: string;
  comment?: string;
  /** Submit a stage move for the stage's approval flow; on approval the record moves. */
  stage?: string;
}

export async function submitRequest(ctx: ApprovalContext, input: SubmitInput): Promise<string> {
  const object = approvalObject(ctx, input.object);
  return ctx.db.transaction().execute(async (trx) => {
    // Locking the record serialises submits of one record with its edits; the partial unique
    // index on pending requests is the last word if two submits still race.
    const record = await readRecord(trx, object, input.recordId, true);
    const flows = object.definition.approvalFlows ?? [];
    let stageMove: StageMove | null = null;
    let flowName = input.flow;
    if (input.stage !== undefined) {
      const pipeline = pipelineFor(object.definition, record.record_type);
      const stage = pipeline ? findStage(pipeline, input.stage) : undefined;
      if (!pipeline || !stage?.approvalFlow) {
        throw new ApiError('TSR560', `Stage '${input.stage.slice(0, 80)}' of ${object.apiName} needs no approval.`, [
          { path: '/stage', code: 'TSR560', message: 'not a stage gated by an approval flow' },
        ]);
      }
      if (flowName !== undefined && flowName !== stage.approvalFlow) {
        throw new ApiError('TSR560', `Stage '${input.stage}' is approved by flow '${stage.approvalFlow}', not '${flowName}'.`, [
          { path: '/flow', code: 'TSR560', message: `must be '${stage.approvalFlow}'` },
        ]);
      }
      flowName = stage.approvalFlow;
      stageMove = { pipeline: pipeline.apiName, stage: stage.value };
    }
    const now = ctx.now();
    let flow: NormalisedApprovalFlow | undefined;
    if (flowName !== undefined) {
      flow = flows.find((candidate) => candidate.apiName === flowName && candidate.active);
      if (!flow)
        throw new ApiError('TSR551', `${object.apiName} has no active approval flow '${flowName.slice(0, 80)}'.`, [
          { path: '/flow', code: 'TSR551', message: 'no such active flow' },
        ]);
      if (!meetsCriteria(flow.entryCriteria, record, now, ctx.actor.id, ctx.catalog.calendars)) throw entryRefused(object.apiName, flow);
    } else {
      const active = flows.filter((candidate) => candidate.active);
      if (active.length === 0)
        throw new ApiError('TSR551', `${object.apiName} has no active approval flow.`, [
          { path: '/object', code: 'TSR551', message: 'no active approval flow' },
        ]);
      // Several flows: the first in definition order whose entry criteria the record meets.
      flow = active.find((candidate) => meetsCriteria(candidate.entryCriteria, record, now, ctx.actor.id, ctx.catalog.calendars));
      if (!flow) throw entryRefused(object.apiName, active[0] as NormalisedApprovalFlow, active.length);
    }
    const pending = await sql<{ id: string }>`
      select id from ${sql.id(ctx.schema, '_approval_requests')} where object = ${object.apiName} and record_id = ${input.recordId}::uuid and status = 'pending'`.execute(
      trx,
    );
    if (pending.rows[0]) {
      throw new ApiError(
        'TSR554',
        `${object.apiName} ${input.recordId} already has a pending approval request (${pending.rows[0].id}); recall it or wait for the decision.`,
        [{ path: '/recordId', code: 'TSR554', message: `pending request ${pending.rows[0].id}` }],
      );
    }
    const version = await flowVersion(trx, ctx.schema, object.apiName, flow, ctx.catalog.revision);
    const inserted = await sql<RequestRow>`
      insert into ${sql.id(ctx.schema, '_approval_requests')} (object, record_id, flow, flow_version, definition, status, submitted_by, submitter, comment, stage_move, submitted_at)
      values (${object.apiName}, ${input.recordId}::uuid, ${flow.apiName}, ${version}, ${JSON.stringify(flow)}::jsonb, 'pending', ${ctx.actor.id}::uuid, ${ctx.actor.label},
              ${input.comment ?? null}, ${stageMove === null ? null : JSON.stringify(stageMove)}::jsonb, ${now.toISOString()}::timestamptz)
      returning ${REQUEST_COLUMNS}`.execute(trx);
    const request = requestRow(inserted.rows[0] as RequestRow);
    await recordEvent(ctx, trx, request, {
      kind: 'submitted',
      comment: input.comment ?? null,
      detail: { flowVersion: version, ...(stageMove ? { stage: stageMove.stage } : {}) },
    });
    await enterStep(ctx, trx, request, 0);
    return request.id;
  });
}

function entryRefused(object: string, flow: NormalisedApprovalFlow, count = 1): ApiError {
  const detail =
    count > 1
      ? `The ${object} record meets the entry criteria of none of its ${count} approval flows.`
      : `The ${object} record does not meet the entry criteria of approval flow '${flow.apiName}'.`;
  return new ApiError('TSR553', detail, [{ path: '', code: 'TSR553', message: `entry criteria: ${JSON.stringify(flow.entryCriteria)}` }]);
}

export interface DecisionInput {
  comment?: string;
  /** approve: changes to the step's editable fields, saved with the decision. */
  fields?: Record<string, unknown>;
  /** reject: 'submitter' (default) ends the request; a step api name sends it back to that earlier step. */
  to?: string;
}

export async function decide(ctx: ApprovalContext, id: string, decision: 'approve' | 'reject', input: DecisionInput): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const { request, step } = await lockPendingRequest(ctx, trx, id);
    const definition = request.definition.steps[step.step_index];
    let rejectTo: number | 'submitter' = 'submitter';
    if (decision === 'reject' && input.to !== undefined && input.to !== 'submitter') {
      const target = request.definition.steps.findIndex((candidate) => candidate.apiName === input.to);
      if (target < 0 || target >= step.step_index) {
        const earlier = request.definition.steps.slice(0, step.step_index).map((candidate) => candidate.apiName);
        throw new ApiError('TSR560', `'${input.to.slice(0, 80)}' is not an earlier step of this request (earlier steps: ${earlier.join(', ') || 'none'}).`, [
          { path: '/to', code: 'TSR560', message: 'must be "submitter" or an earlier step' },
        ]);
      }
      rejectTo = target;
    }
    const task = await actorTask(ctx, trx, step, ctx.actor.id);
    if (!task) throw notYourTask(step, (await actorTask(ctx, trx, step, ctx.actor.id, ['waiting'])) !== undefined);
    if (decision === 'approve' && input.fields && Object.keys(input.fields).length > 0) {
      const editable = new Set(definition?.editableFields ?? []);
      const refused = Object.keys(input.fields).filter((name) => !editable.has(name));
      if (refused.length > 0) {
        throw new ApiError(
          'TSR563',
          `Step '${step.step}' lets its approvers edit ${[...editable].join(', ') || 'no fields'}; nothing was saved.`,
          refused.map((name) => ({ path: `/fields/${name}`, code: 'TSR563' as const, message: 'not editable in this step' })),
        );
      }
      await patchRecord(ctx, trx, approvalObject(ctx, request.object), request.record_id, input.fields, ctx.actor);
    }
    const status = decision === 'approve' ? 'approved' : 'rejected';
    await sql`
      update ${sql.id(ctx.schema, '_approval_tasks')} set status = ${status}, decided_by = ${ctx.actor.id}::uuid, decided_at = ${ctx.now().toISOString()}::timestamptz, comment = ${input.comment ?? null}
      where id = ${task.id}::uuid`.execute(trx);
    // A 前加签 approver approved: the approver who added them decides next.
    if (decision === 'approve')
      await sql`update ${sql.id(ctx.schema, '_approval_tasks')} set status = 'pending', waits_for = null where waits_for = ${task.id}::uuid and status = 'waiting'`.execute(
        trx,
      );
    await recordEvent(ctx, trx, request, {
      kind: decision === 'approve' ? 'task_approved' : 'task_rejected',
      stepId: step.id,
      taskId: task.id,
      comment: input.comment ?? null,
      detail: {
        step: step.step,
        ...(input.fields && decision === 'approve' ? { fields: input.fields } : {}),
        ...(rejectTo === 'submitter' ? {} : { to: input.to }),
      },
    });
    await settleStep(ctx, trx, request, step, rejectTo);
  });
}

/** 撤回: the submitter (when the flow allows it) or an administrator withdraws a pending request. */
export async function recallRequest(ctx: ApprovalContext, id: string, comment?: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const { request, step } = await lockPendingRequest(ctx, trx, id);
    const submitter = ctx.actor.id !== null && ctx.actor.id === request.submitted_by;
    if (!ctx.actor.admin && !(submitter && request.definition.allowRecall)) {
      const message = submitter ? `approval flow '${request.flow}' does not allow recall` : 'only the submitter or an administrator may recall';
      throw new ApiError('TSR557', `You may not recall this request: ${message}.`, [{ path: '', code: 'TSR557', message }]);
    }
    const approvers = await taskUsers(trx, ctx.schema, step.id, ['pending', 'waiting']);
    await closeStep(ctx, trx, step, 'cancelled');
    await sql`update ${sql.id(ctx.schema, '_approval_requests')} set status = 'recalled', decided_at = ${ctx.now().toISOString()}::timestamptz, current_step = null
      where id = ${request.id}::uuid`.execute(trx);
    await recordEvent(ctx, trx, request, {
      kind: 'recalled',
      stepId: step.id,
      comment: comment ?? null,
      notify: { userIds: approvers, message: `${request.submitter} recalled the ${request.flow} request for ${request.object} ${request.record_id}.` },
    });
  });
}

/** 转交: the approver (or an administrator, naming the task) hands an open task to another user. */
export async function reassignTask(ctx: ApprovalContext, id: string, input: { userId: unknown; taskId?: string; comment?: string }): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const { request, step } = await lockPendingRequest(ctx, trx, id);
    const task =
      input.taskId !== undefined && ctx.actor.admin
        ? await taskById(ctx, trx, step, input.taskId)
        : await actorTask(ctx, trx, step, ctx.actor.id, ['pending', 'waiting']);
    if (!task || !['pending', 'waiting'].includes(task.status)) throw notYourTask(step);
    const target = await activeUserId(ctx, trx, input.userId, '/userId');
    await refuseHolder(ctx, trx, step.id, target);
    await replaceTask(ctx, trx, task.id, target, 'reassigned');
    await recordEvent(ctx, trx, request, {
      kind: 'reassigned',
      stepId: step.id,
      taskId: task.id,
      comment: input.comment ?? null,
      detail: { step: step.step, from: task.approver_id, to: target },
      notify: {
        userIds: [target],
        message: `${ctx.actor.label} handed you the approval of ${request.object} ${request.record_id} (${request.flow}, step ${step.step}).`,
      },
    });
  });
}

/** Replaces an open task by one for `userId`, keeping its place (base or added, waiting or not). */
export async function replaceTask(ctx: ApprovalContext, trx: Db, taskId: string, userId: string, origin: 'reassigned' | 'escalated'): Promise<string> {
  const t = sql.id(ctx.schema, '_approval_tasks');
  const created = await sql<{ id: string }>`
    insert into ${t} (request_id, step_id, approver_id, base, origin, status, waits_for, added_by, created_at)
    select request_id, step_id, ${userId}::uuid, base, ${origin}, status, waits_for, ${ctx.actor.id}::uuid, ${ctx.now().toISOString()}::timestamptz from ${t} where id = ${taskId}::uuid
    returning id`.execute(trx);
  const newId = created.rows[0]?.id as string;
  await sql`update ${t} set status = 'reassigned', decided_by = ${ctx.actor.id}::uuid, decided_at = ${ctx.now().toISOString()}::timestamptz where id = ${taskId}::uuid`.execute(
    trx,
  );
  // An approver waiting on the old task (前加签) now waits on the new one.
  await sql`update ${t} set waits_for = ${newId}::uuid where waits_for = ${taskId}::uuid`.execute(trx);
  return newId;
}

async function refuseHolder(ctx: ApprovalContext, trx: Db, stepId: string, userId: string): Promise<void> {
  const held =
    await sql`select 1 from ${sql.id(ctx.schema, '_approval_tasks')} where step_id = ${stepId}::uuid and approver_id = ${userId}::uuid and status in ('pending', 'waiting')`.execute(
      trx,
    );
  if (held.rows.length > 0)
    throw new ApiError('TSR560', 'That user already holds an open task in this step.', [
      { path: '/userId', code: 'TSR560', message: 'already an approver of this step' },
    ]);
}

/**
 * 加签: the approver adds a user to the current step. `before` (前加签): the added user decides
 * first, then the approver's own task opens again; `after` (后加签): the approver approves now and
 * the step also waits for the added user. Added approvers must approve for the step to pass.
 */
export async function addApprover(ctx: ApprovalContext, id: string, input: { userId: unknown; position: 'before' | 'after'; comment?: string }): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const { request, step } = await lockPendingRequest(ctx, trx, id);
    const task = await actorTask(ctx, trx, step, ctx.actor.id);
    if (!task) throw notYourTask(step, (await actorTask(ctx, trx, step, ctx.actor.id, ['waiting'])) !== undefined);
    const target = await activeUserId(ctx, trx, input.userId, '/userId');
    if (target === ctx.actor.id) throw new ApiError('TSR560', 'You cannot add yourself.', [{ path: '/userId', code: 'TSR560', message: 'is you' }]);
    await refuseHolder(ctx, trx, step.id, target);
    const [added] = await insertTasks(
      ctx,
      trx,
      request.id,
      step.id,
      [{ kind: 'user', id: target }],
      input.position === 'before' ? 'added_before' : 'added_after',
      { base: false, addedBy: ctx.actor.id },
    );
    const t = sql.id(ctx.schema, '_approval_tasks');
    const at = ctx.now().toISOString();
    if (input.position === 'before') {
      await sql`update ${t} set status = 'waiting', waits_for = ${added as string}::uuid where id = ${task.id}::uuid`.execute(trx);
    } else {
      await sql`update ${t} set status = 'approved', decided_by = ${ctx.actor.id}::uuid, decided_at = ${at}::timestamptz, comment = ${input.comment ?? null} where id = ${task.id}::uuid`.execute(
        trx,
      );
    }
    await recordEvent(ctx, trx, request, {
      kind: 'approver_added',
      stepId: step.id,
      taskId: added ?? null,
      comment: input.comment ?? null,
      detail: { step: step.step, userId: target, position: input.position },
      notify: {
        userIds: [target],
        message: `${ctx.actor.label} added you as an approver of ${request.object} ${request.record_id} (${request.flow}, step ${step.step}).`,
      },
    });
    if (input.position === 'after') {
      await recordEvent(ctx, trx, request, {
        kind: 'task_approved',
        stepId: step.id,
        taskId: task.id,
        comment: input.comment ?? null,
        detail: { step: step.step },
      });
      await settleStep(ctx, trx, request, step);
    }
  });
}

/** A comment on the request's history (any status); it changes no state. */
export async function commentOn(ctx: ApprovalContext, request: RequestRow, comment: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const involved = await sql<{ id: string }>`
      select distinct approver_id as id from ${sql.id(ctx.schema, '_approval_tasks')} where request_id = ${request.id}::uuid and approver_id is not null`.execute(
      trx,
    );
    const userIds = [...involved.rows.map((row) => row.id), ...(request.submitted_by ? [request.submitted_by] : [])];
    await recordEvent(ctx, trx, request, {
      kind: 'commented',
      comment,
      notify: { userIds, message: `${ctx.actor.label} commented on the ${request.flow} request for ${request.object} ${request.record_id}.` },
    });
  });
}
