// Step 10: field history. For every tracked field the write changed, one entry with who, when,
// old → new and the operation, all of the write's entries in one INSERT. Old values come from the
// row locked before the write, new ones from the row as written: no extra reads.
import { sql } from 'kysely';
import { isUpdateKind, type WritePlan } from '../write-plan.ts';
import type { StepSetup, WriteContext, WriteStep } from '../write-context.ts';

/** The tracked fields an item's write can change: every tracked field on create, the named ones on a patch. */
const touched = (plan: WritePlan, tracked: readonly string[], item: WritePlan['items'][number]): readonly string[] =>
  plan.kind === 'create' ? tracked : tracked.filter((name) => name in item.values || (item.links !== undefined && name in item.links));

export const recordFieldHistory: WriteStep = {
  name: 'field history',
  applies: (plan, setup: StepSetup) =>
    (plan.kind === 'create' || isUpdateKind(plan.kind)) && plan.items.some((item) => touched(plan, setup.tracked, item).length > 0),
  needs: (plan) => ({ stored: isUpdateKind(plan.kind), writtenRecord: true, transaction: true }),
  async run(context: WriteContext) {
    const { plan, actor } = context;
    const operation = plan.kind === 'create' ? 'create' : 'update';
    const rows = plan.items.flatMap((item, index) => {
      const state = context.items[index];
      const after = state?.written?.record;
      if (!after || !state.written) return [];
      const before = state.stored?.record ?? {};
      const id = state.written.id;
      return touched(plan, context.tracked, item)
        .map((name) => [name, JSON.stringify(before[name] ?? null), JSON.stringify(after[name] ?? null)] as const)
        .filter(([, old, now]) => old !== now)
        .map(
          ([name, old, now]) => sql`(${plan.stored.apiName}, ${id}::uuid, ${name}, ${old}::jsonb, ${now}::jsonb,
            ${operation}, ${actor.id}::uuid, ${actor.label}, ${context.requestId ?? null})`,
        );
    });
    if (rows.length === 0) return;
    await sql`
      insert into ${sql.id(plan.stored.schema, '_field_history')} (object, record_id, field, old_value, new_value, operation, actor_id, actor, request_id)
      values ${sql.join(rows)}`.execute(context.db);
  },
};
