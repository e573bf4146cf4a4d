// Runs a frozen write plan through the ordered steps (write-steps.ts): decides which steps apply and
// what they need (walking the list backwards, so a step that provides something applies exactly
// when a later one uses it), opens one transaction when any of them needs one (or joins the
// caller's), and runs them in order. A step that throws rolls the whole write back.
import type { AuditActor } from '../../audit/audit-log.ts';
import type { Catalog } from '../../catalog/catalog-types.ts';
import type { RecordRuleOptions } from '../../rules/record-rules.ts';
import type { ItemState, ObjectDb, StepSetup, WriteContext, WriteNeeds, WriteStep } from './write-context.ts';
import type { WritePlan } from './write-plan.ts';
import { WRITE_STEPS } from './write-steps.ts';

export interface WriteRequest {
  db: ObjectDb;
  catalog: Catalog;
  rules: RecordRuleOptions;
  actor: AuditActor;
  requestId?: string;
  tracked: readonly string[];
  admin: boolean;
  /** Let steps fold into the write statement (default true); false is the full pipeline, for tests that compare both. */
  fold?: boolean;
  /** Tracked fields of another object, for writes this one makes (a junction object's records). */
  trackedFor?: (object: string) => readonly string[];
}

/**
 * The steps that apply to the plan, in order, what they need together, and the steps folded into
 * the write statement (their fast path: they run no code of their own and need nothing).
 */
export function activeSteps(
  plan: WritePlan,
  setup: StepSetup,
  steps: readonly WriteStep[] = WRITE_STEPS,
): { steps: WriteStep[]; needs: WriteNeeds; folded: WriteStep[] } {
  const active: WriteStep[] = [];
  const folded: WriteStep[] = [];
  // What the steps after this one need, as a frozen value each step may keep: replaced (not
  // copied for every step) only when a step adds a need.
  let needs: Readonly<WriteNeeds> = NO_NEEDS;
  // The written record's fields the active steps read: 'all' once one of them names none. One
  // step's list is kept as it is (most writes have one reader); lists of several are merged.
  let fields: readonly string[] | 'all' | undefined;
  for (let index = steps.length - 1; index >= 0; index -= 1) {
    const step = steps[index] as WriteStep;
    if (!step.applies(plan, setup, needs)) continue;
    if (setup.fold !== false && step.fold?.applies(plan, setup)) {
      folded.unshift(step);
      continue;
    }
    active.unshift(step);
    const own = typeof step.needs === 'function' ? step.needs(plan) : step.needs;
    if (own.writtenRecord && fields !== 'all') {
      if (own.writtenFields === undefined) fields = 'all';
      else fields = fields === undefined ? own.writtenFields : [...new Set([...fields, ...own.writtenFields])];
    }
    if ((own.stored && !needs.stored) || (own.writtenRecord && !needs.writtenRecord) || (own.transaction && !needs.transaction)) {
      needs = Object.freeze({
        stored: needs.stored || own.stored === true,
        writtenRecord: needs.writtenRecord || own.writtenRecord === true,
        transaction: needs.transaction || own.transaction === true,
      });
    }
  }
  const writtenFields = fields === undefined || fields === 'all' ? {} : { writtenFields: fields };
  return { steps: active, needs: { ...needs, ...writtenFields }, folded };
}

const NO_NEEDS: Readonly<WriteNeeds> = Object.freeze({});

export async function runWrite(plan: WritePlan, request: WriteRequest, steps: readonly WriteStep[] = WRITE_STEPS): Promise<ItemState[]> {
  const setup: StepSetup = { catalog: request.catalog, tracked: request.tracked, admin: request.admin, fold: request.fold !== false };
  const active = activeSteps(plan, setup, steps);
  const run = async (db: ObjectDb): Promise<ItemState[]> => {
    const context: WriteContext = {
      plan,
      catalog: request.catalog,
      db,
      rules: request.rules,
      actor: request.actor,
      ...(request.requestId === undefined ? {} : { requestId: request.requestId }),
      tracked: request.tracked,
      admin: request.admin,
      ...(request.trackedFor === undefined ? {} : { trackedFor: request.trackedFor }),
      wantsWrittenRecord: active.needs.writtenRecord === true,
      ...(active.needs.writtenFields === undefined ? {} : { writtenFields: active.needs.writtenFields }),
      items: plan.items.map(() => ({})),
      folded: active.folded,
    };
    for (const step of active.steps) await step.run(context);
    return context.items;
  };
  // Inside a caller's transaction (an approval's final actions, a package's sample data) the write joins it.
  if (!active.needs.transaction || request.db.isTransaction) return run(request.db);
  return request.db.transaction().execute(run);
}
