// The approved record as the engine sees it: read in full from the unrestricted catalog (criteria
// and approver fields read every field), optionally locked; and written through the record service
// inside the approval's transaction, so validation rules, stage moves and field history all run.
import { type CalendarSet, ruleContextAt, ruleData, applyRule, isTruthy, type JsonLogicRule } from '@tessera/metadata';
import { sql } from 'kysely';
import type { CompiledObject } from '../catalog/catalog-types.ts';
import { ApiError } from '../core/api-error.ts';
import { StageTimer } from '../core/stage-timer.ts';
import { RecordService } from '../records/record-service.ts';
import type { ApprovalActor, ApprovalContext, Db } from './approval-context.ts';

export function approvalObject(ctx: ApprovalContext, name: string): CompiledObject {
  const object = ctx.catalog.objects.get(name);
  if (!object) throw new ApiError('TSR110', `Object '${name}' does not exist.`);
  return object;
}

export async function readRecord(db: Db, object: CompiledObject, id: string, lock = false): Promise<Record<string, unknown>> {
  const rows = await sql<{ j: string }>`
    select ${object.recordJson('t')}::text as j from ${sql.id(object.schema, object.table)} as t
    where t.id = ${id}::uuid and t.deleted_at is null ${lock ? sql`for update` : sql``}`.execute(db);
  const row = rows.rows[0];
  if (!row) throw new ApiError('TSR111', `${object.apiName} record '${id.slice(0, 64)}' does not exist.`);
  return JSON.parse(row.j) as Record<string, unknown>;
}

/** JsonLogic criteria over the record, with `$today`, `$now` and `$user.id` of the actor at the app's clock, and the tenant's calendars. */
export function meetsCriteria(
  rule: JsonLogicRule | undefined,
  record: Readonly<Record<string, unknown>>,
  now: Date,
  userId: string | null,
  calendars?: CalendarSet,
): boolean {
  if (rule === undefined) return true;
  return isTruthy(applyRule(rule, ruleData(record, ruleContextAt(now, userId, calendars))));
}

/** A patch of the record inside the approval's transaction, as `actor`. */
export async function patchRecord(
  ctx: ApprovalContext,
  trx: Db,
  object: CompiledObject,
  id: string,
  changes: Record<string, unknown>,
  actor: ApprovalActor,
  stage?: { comment?: string },
): Promise<void> {
  const service = new RecordService(trx, ctx.catalog, new StageTimer(), {
    actor,
    ...(ctx.requestId ? { requestId: ctx.requestId } : {}),
    ...(ctx.trackedFields ? { trackedFields: ctx.trackedFields } : {}),
    rules: { clock: ctx.now },
    ...(stage ? { stage } : {}),
  });
  await service.patch(object, id, changes, undefined);
}
