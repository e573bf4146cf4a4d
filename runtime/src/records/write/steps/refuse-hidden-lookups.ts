// Step 5 (field access): a lookup may only point at a record its writer can see; one they cannot
// see is refused exactly like one that does not exist (the foreign key's TSR411), so writes cannot
// probe for records. Only a user's view has hidden rows; administrators skip the step.
import { sql } from 'kysely';
import { ApiError } from '../../../core/api-error.ts';
import type { CompiledObject } from '../../../catalog/catalog-types.ts';
import type { WriteContext, WriteStep } from '../write-context.ts';

/** The lookups in these values whose targets have row access (others need no check). */
function guardedLookups(context: { catalog: WriteContext['catalog'] }, object: CompiledObject, values: Readonly<Record<string, unknown>>) {
  const found: { field: string; target: CompiledObject; id: string }[] = [];
  for (const [field, value] of Object.entries(values)) {
    const lookup = object.lookups.get(field);
    if (!lookup || typeof value !== 'string') continue;
    const target = context.catalog.objects.get(lookup.target);
    // A target missing from the view is an object the user may not read: any id is hidden.
    if (!target || target.rowAccess?.read('t')) found.push({ field, target: target as CompiledObject, id: value });
  }
  return found;
}

export const refuseHiddenLookups: WriteStep = {
  name: 'refuse hidden lookup targets',
  applies: (plan, setup) =>
    (plan.kind === 'create' || plan.kind === 'patch' || plan.kind === 'stageMove') &&
    setup.catalog.unrestricted !== undefined &&
    plan.items.some((item) => guardedLookups(setup, plan.object, item.values).length > 0),
  needs: {},
  async run(context: WriteContext) {
    for (const item of context.plan.items) {
      for (const { field, target, id } of guardedLookups(context, context.plan.object, item.values)) {
        const visible = target?.rowAccess?.read('t');
        const found =
          target && visible
            ? await sql`select 1 from ${sql.id(target.schema, target.table)} as t where t.id = ${id}::uuid and ${visible}`.execute(context.db)
            : { rows: [] };
        if (found.rows.length === 0) {
          throw new ApiError('TSR411', 'A lookup points at a record that does not exist.', [
            { path: `/${field}`, code: 'TSR411', message: 'referenced record does not exist' },
          ]);
        }
      }
    }
  },
};
