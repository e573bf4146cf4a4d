// Step time limits, driven only by the tables and the `now` it is given (tests pass a controllable
// clock; the job runner passes the app's): every pending step past its due time escalates once —
// remind its approvers, reassign each open task to the approver's manager (the new approvers get a
// fresh time limit, so an unanswered step climbs the chain), auto-approve or auto-reject. Each step
// runs in its own transaction behind the request's row lock, re-checked there, so a decision racing
// the escalation and two job workers running at once still end in one consistent state.
import { sql } from 'kysely';
import { ApiError } from '../core/api-error.ts';
import type { ApprovalContext } from './approval-context.ts';
import { SYSTEM_ACTOR } from './approval-context.ts';
import { recordEvent } from './approval-events.ts';
import { closeStep, enterStep, finishRequest, taskUsers } from './advance-request.ts';
import { replaceTask } from './approval-operations.ts';
import { TASK_COLUMNS, type TaskRow } from './approval-rows.ts';
import { lockPendingRequest } from './lock-request.ts';
import { managerAt } from './resolve-approvers.ts';

export interface TimeoutRun {
  reminded: number;
  reassigned: number;
  approved: number;
  rejected: number;
}

const HOUR_MS = 3_600_000;

export async function processApprovalTimeouts(base: Omit<ApprovalContext, 'actor'>, now: Date): Promise<TimeoutRun> {
  const ctx: ApprovalContext = { ...base, actor: SYSTEM_ACTOR, now: () => now };
  const run: TimeoutRun = { reminded: 0, reassigned: 0, approved: 0, rejected: 0 };
  const due = await sql<{ request_id: string; id: string }>`
    select request_id, id from ${sql.id(ctx.schema, '_approval_steps')}
    where status = 'pending' and escalated_at is null and due_at <= ${now.toISOString()}::timestamptz order by due_at, id`.execute(ctx.db);
  for (const candidate of due.rows) {
    try {
      await ctx.db.transaction().execute(async (trx) => {
        const { request, step } = await lockPendingRequest(ctx, trx, candidate.request_id);
        // Decided, or its time limit moved, since the scan: nothing to do.
        if (step.id !== candidate.id || step.escalated_at !== null || step.due_at === null || Date.parse(step.due_at) > now.getTime()) return;
        const limit = request.definition.steps[step.step_index]?.timeLimit;
        const action = limit?.action ?? 'remind';
        const at = now.toISOString();
        const markEscalated = () =>
          sql`update ${sql.id(ctx.schema, '_approval_steps')} set escalated_at = ${at}::timestamptz where id = ${step.id}::uuid`.execute(trx);
        const approvers = await taskUsers(trx, ctx.schema, step.id, ['pending', 'waiting']);
        if (action === 'approve') {
          await markEscalated();
          await recordEvent(ctx, trx, request, { kind: 'auto_approved', stepId: step.id, detail: { step: step.step, dueAt: step.due_at } });
          await closeStep(ctx, trx, step, 'approved');
          await enterStep(ctx, trx, request, step.step_index + 1);
          run.approved += 1;
          return;
        }
        if (action === 'reject') {
          await markEscalated();
          await recordEvent(ctx, trx, request, { kind: 'auto_rejected', stepId: step.id, detail: { step: step.step, dueAt: step.due_at } });
          await closeStep(ctx, trx, step, 'rejected');
          await finishRequest(ctx, trx, request, 'rejected');
          run.rejected += 1;
          return;
        }
        if (action === 'reassign') {
          const open = await sql<TaskRow>`
            select ${TASK_COLUMNS} from ${sql.id(ctx.schema, '_approval_tasks')}
            where step_id = ${step.id}::uuid and status in ('pending', 'waiting') and approver_id is not null order by created_at, id`.execute(trx);
          const moves: { from: string; to: string }[] = [];
          const holders = new Set(open.rows.map((task) => task.approver_id as string));
          for (const task of open.rows) {
            const manager = (await managerAt(trx, ctx.schema, task.approver_id, 1))[0]?.id;
            if (!manager || holders.has(manager)) continue;
            await replaceTask(ctx, trx, task.id, manager, 'escalated');
            holders.add(manager);
            moves.push({ from: task.approver_id as string, to: manager });
          }
          if (moves.length > 0) {
            const next = new Date(now.getTime() + (limit?.hours ?? 0) * HOUR_MS).toISOString();
            await sql`update ${sql.id(ctx.schema, '_approval_steps')} set due_at = ${next}::timestamptz where id = ${step.id}::uuid`.execute(trx);
            await recordEvent(ctx, trx, request, {
              kind: 'escalated',
              stepId: step.id,
              detail: { step: step.step, reassigned: moves, dueAt: next },
              notify: {
                userIds: moves.map((move) => move.to),
                message: `The approval of ${request.object} ${request.record_id} (${request.flow}, step ${step.step}) is overdue and now yours.`,
              },
            });
            run.reassigned += moves.length;
            return;
          }
          // Nobody up the chain: the approvers are reminded instead.
        }
        await markEscalated();
        await recordEvent(ctx, trx, request, {
          kind: 'reminded',
          stepId: step.id,
          detail: { step: step.step, dueAt: step.due_at },
          notify: {
            userIds: approvers,
            message: `Reminder: the approval of ${request.object} ${request.record_id} (${request.flow}, step ${step.step}) was due at ${step.due_at}.`,
          },
        });
        run.reminded += 1;
      });
    } catch (error) {
      // Decided or recalled since the scan.
      if (error instanceof ApiError && error.code === 'TSR555') continue;
      throw error;
    }
  }
  return run;
}
