// One state change of a request, recorded three ways in the change's own transaction: a history
// event (`_approval_events`, with the comment and the time), in-app notifications for the people it
// concerns, and a webhook delivery per subscription that wants the event.
import { sql } from 'kysely';
import { insertNotifications } from '../notifications/notifications.ts';
import { enqueueWebhooks } from '../notifications/webhooks.ts';
import type { ApprovalContext, ApprovalActor, Db } from './approval-context.ts';
import type { RequestRow } from './approval-rows.ts';

export type ApprovalEventKind =
  | 'submitted'
  | 'step_started'
  | 'step_skipped'
  | 'step_approved'
  | 'step_rejected'
  | 'approved'
  | 'rejected'
  | 'returned'
  | 'recalled'
  | 'task_approved'
  | 'task_rejected'
  | 'reassigned'
  | 'approver_added'
  | 'commented'
  | 'reminded'
  | 'escalated'
  | 'auto_approved'
  | 'auto_rejected'
  | 'fallback_approvers';

/** Kinds that change state: each is also a webhook event `approval.<kind>`. */
const STATE_CHANGES = new Set<ApprovalEventKind>([
  'submitted',
  'step_started',
  'step_skipped',
  'step_approved',
  'step_rejected',
  'approved',
  'rejected',
  'returned',
  'recalled',
  'task_approved',
  'task_rejected',
  'reassigned',
  'approver_added',
  'escalated',
  'auto_approved',
  'auto_rejected',
]);

export interface ApprovalEvent {
  kind: ApprovalEventKind;
  stepId?: string | null;
  taskId?: string | null;
  comment?: string | null;
  detail?: Record<string, unknown>;
  /** Who gets an in-app notification, with what message. */
  notify?: { userIds: readonly string[]; message: string };
}

export async function recordEvent(ctx: ApprovalContext, trx: Db, request: RequestRow, event: ApprovalEvent, actor: ApprovalActor = ctx.actor): Promise<void> {
  const at = ctx.now().toISOString();
  const detail = event.detail ?? {};
  await sql`
    insert into ${sql.id(ctx.schema, '_approval_events')} (request_id, step_id, task_id, kind, actor_id, actor, comment, detail, at)
    values (${request.id}::uuid, ${event.stepId ?? null}::uuid, ${event.taskId ?? null}::uuid, ${event.kind}, ${actor.id}::uuid, ${actor.label},
            ${event.comment ?? null}, ${JSON.stringify(detail)}::jsonb, ${at}::timestamptz)`.execute(trx);
  const recipients = (event.notify?.userIds ?? []).filter((id) => id !== actor.id);
  if (event.notify && recipients.length > 0) {
    await insertNotifications(
      trx,
      ctx.schema,
      recipients,
      { kind: `approval.${event.kind}`, message: event.notify.message, object: request.object, recordId: request.record_id, requestId: request.id, detail },
      at,
    );
  }
  if (STATE_CHANGES.has(event.kind)) {
    await enqueueWebhooks(trx, ctx.schema, ctx.tenant, {
      event: `approval.${event.kind}`,
      at,
      data: {
        requestId: request.id,
        object: request.object,
        recordId: request.record_id,
        flow: request.flow,
        flowVersion: request.flow_version,
        actor: { id: actor.id, label: actor.label },
        comment: event.comment ?? null,
        ...detail,
      },
    });
  }
}
