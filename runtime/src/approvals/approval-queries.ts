// Reads: one request with its steps, tasks and history (comments and timings), a record's
// requests, and a user's inbox (pending tasks, decisions, submissions). Plain SQL over the
// approval tables; who may see what is decided by the routes.
import { sql } from 'kysely';
import type { Db } from './approval-context.ts';
import { iso, parsed, REQUEST_COLUMNS, type RequestRow, requestRow, STEP_COLUMNS, type StepRow, TASK_COLUMNS, type TaskRow } from './approval-rows.ts';

export interface RequestJson {
  id: string;
  object: string;
  recordId: string;
  flow: string;
  flowVersion: number;
  status: RequestRow['status'];
  submittedBy: string | null;
  submitter: string;
  comment: string | null;
  submittedAt: string;
  decidedAt: string | null;
  /** Seconds from submit to decision (null while pending). */
  seconds: number | null;
  currentStep: string | null;
  stageMove: RequestRow['stage_move'];
}

export const renderRequest = (row: RequestRow): RequestJson => ({
  id: row.id,
  object: row.object,
  recordId: row.record_id,
  flow: row.flow,
  flowVersion: row.flow_version,
  status: row.status,
  submittedBy: row.submitted_by,
  submitter: row.submitter,
  comment: row.comment,
  submittedAt: row.submitted_at,
  decidedAt: row.decided_at,
  seconds: seconds(row.submitted_at, row.decided_at),
  currentStep: row.current_step === null ? null : (row.definition.steps[row.current_step]?.apiName ?? null),
  stageMove: row.stage_move,
});

const seconds = (from: string, to: string | null): number | null => (to === null ? null : (Date.parse(to) - Date.parse(from)) / 1000);

const renderTask = (row: TaskRow) => ({
  id: row.id,
  approverId: row.approver_id,
  queueId: row.queue_id,
  base: row.base,
  origin: row.origin,
  status: row.status,
  waitsFor: row.waits_for,
  addedBy: row.added_by,
  decidedBy: row.decided_by,
  decidedAt: row.decided_at,
  comment: row.comment,
  createdAt: row.created_at,
});

const renderStep = (row: StepRow, tasks: TaskRow[]) => ({
  id: row.id,
  step: row.step,
  index: row.step_index,
  mode: row.mode,
  required: row.required,
  status: row.status,
  startedAt: row.started_at,
  dueAt: row.due_at,
  escalatedAt: row.escalated_at,
  decidedAt: row.decided_at,
  seconds: seconds(row.started_at, row.decided_at),
  tasks: tasks.filter((task) => task.step_id === row.id).map(renderTask),
});

interface EventRow {
  id: string;
  step_id: string | null;
  task_id: string | null;
  kind: string;
  actor_id: string | null;
  actor: string;
  comment: string | null;
  detail: unknown;
  at: string;
}

export async function findRequest(db: Db, schema: string, id: string): Promise<RequestRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const rows = await sql<RequestRow>`select ${REQUEST_COLUMNS} from ${sql.id(schema, '_approval_requests')} where id = ${id}::uuid`.execute(db);
  return rows.rows[0] ? requestRow(rows.rows[0]) : undefined;
}

/** The request with its steps (each with its tasks and duration) and its history, oldest first. */
export async function requestDetail(db: Db, schema: string, request: RequestRow) {
  const steps =
    await sql<StepRow>`select ${STEP_COLUMNS} from ${sql.id(schema, '_approval_steps')} where request_id = ${request.id}::uuid order by seq`.execute(db);
  const tasks =
    await sql<TaskRow>`select ${TASK_COLUMNS} from ${sql.id(schema, '_approval_tasks')} where request_id = ${request.id}::uuid order by seq`.execute(db);
  const events = await sql<EventRow>`
    select id, step_id, task_id, kind, actor_id, actor, comment, detail, ${iso('at')} as at
    from ${sql.id(schema, '_approval_events')} where request_id = ${request.id}::uuid order by seq`.execute(db);
  return {
    ...renderRequest(request),
    definition: request.definition,
    steps: steps.rows.map((step) => renderStep(step, tasks.rows)),
    history: events.rows.map((event) => ({
      id: event.id,
      kind: event.kind,
      stepId: event.step_id,
      taskId: event.task_id,
      actorId: event.actor_id,
      actor: event.actor,
      comment: event.comment,
      detail: parsed<Record<string, unknown>>(event.detail),
      at: event.at,
    })),
  };
}

export async function recordRequests(db: Db, schema: string, object: string, recordId: string) {
  const rows = await sql<RequestRow>`
    select ${REQUEST_COLUMNS} from ${sql.id(schema, '_approval_requests')} where object = ${object} and record_id = ${recordId}::uuid
    order by submitted_at desc, id desc`.execute(db);
  const details = [];
  for (const row of rows.rows) details.push(await requestDetail(db, schema, requestRow(row)));
  return details;
}

/** Whether the user holds (or held) a task of the request, directly or through a queue. */
export async function involvedIn(db: Db, schema: string, requestId: string, userId: string): Promise<boolean> {
  const rows = await sql`
    select 1 from ${sql.id(schema, '_approval_tasks')} k
    where k.request_id = ${requestId}::uuid
      and (k.approver_id = ${userId}::uuid or k.decided_by = ${userId}::uuid
           or k.queue_id in (select queue_id from ${sql.id(schema, '_approval_queue_members')} where user_id = ${userId}::uuid))
    limit 1`.execute(db);
  return rows.rows.length > 0;
}

export type InboxBox = 'pending' | 'decided' | 'submitted';

export async function inbox(db: Db, schema: string, userId: string, box: InboxBox, limit: number) {
  const s = (name: string) => sql.id(schema, name);
  if (box === 'submitted') {
    const rows = await sql<RequestRow>`
      select ${REQUEST_COLUMNS} from ${s('_approval_requests')} where submitted_by = ${userId}::uuid order by submitted_at desc, id desc limit ${limit}`.execute(
      db,
    );
    return rows.rows.map((row) => renderRequest(requestRow(row)));
  }
  const rows = await sql<
    RequestRow & {
      task_id: string;
      task_status: string;
      via_queue: boolean;
      step_name: string;
      step_started_at: string;
      step_due_at: string | null;
      task_decided_at: string | null;
      task_comment: string | null;
    }
  >`
    select r.id, r.object, r.record_id, r.flow, r.flow_version, r.definition, r.status, r.submitted_by, r.submitter, r.comment, r.current_step, r.stage_move,
      ${iso('r.submitted_at')} as submitted_at, ${iso('r.decided_at')} as decided_at,
      k.id as task_id, k.status as task_status, k.queue_id is not null as via_queue, p.step as step_name,
      ${iso('p.started_at')} as step_started_at, ${iso('p.due_at')} as step_due_at, ${iso('k.decided_at')} as task_decided_at, k.comment as task_comment
    from ${s('_approval_tasks')} k
      join ${s('_approval_steps')} p on p.id = k.step_id
      join ${s('_approval_requests')} r on r.id = k.request_id
    where ${
      box === 'pending'
        ? sql`k.status = 'pending' and p.status = 'pending' and r.status = 'pending'
              and (k.approver_id = ${userId}::uuid or k.queue_id in (select queue_id from ${s('_approval_queue_members')} where user_id = ${userId}::uuid))`
        : sql`k.decided_by = ${userId}::uuid and k.status in ('approved', 'rejected')`
    }
    order by ${box === 'pending' ? sql`p.started_at, k.id` : sql`k.decided_at desc, k.id desc`} limit ${limit}`.execute(db);
  return rows.rows.map((row) => ({
    taskId: row.task_id,
    taskStatus: row.task_status,
    viaQueue: row.via_queue,
    step: row.step_name,
    stepStartedAt: row.step_started_at,
    dueAt: row.step_due_at,
    decidedAt: row.task_decided_at,
    decisionComment: row.task_comment,
    request: renderRequest(requestRow(row)),
  }));
}
