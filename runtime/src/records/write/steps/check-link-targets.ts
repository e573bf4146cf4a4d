// Step 5c (many-to-many): every id a write links to, adds or removes must name a live record of the
// field's target that the writer can read. Unknown, deleted and hidden records all get the TSR411 a
// lookup's foreign key gives, at the path of the offending id, so links cannot probe for records.
// One query per field over all items.
import { sql } from 'kysely';
import type { CompiledObject } from '../../../catalog/catalog-types.ts';
import { ApiError } from '../../../core/api-error.ts';
import type { WriteContext, WriteStep } from '../write-context.ts';
import type { WritePlan } from '../write-plan.ts';

const withLinks = (plan: WritePlan): boolean => plan.items.some((item) => item.links !== undefined);

async function readableIds(context: WriteContext, target: CompiledObject, ids: readonly string[]): Promise<Set<string>> {
  const visible = target.rowAccess?.read('t');
  const { rows } = await sql<{ id: string }>`
    select t.id::text as id from ${sql.id(target.schema, target.table)} as t
    where t.id = any(${ids}::uuid[]) and t.deleted_at is null ${visible ? sql`and ${visible}` : sql``}`.execute(context.db);
  return new Set(rows.map((row) => row.id));
}

export const checkLinkTargets: WriteStep = {
  name: 'check link targets',
  applies: (plan) => plan.kind !== 'delete' && plan.kind !== 'restore' && withLinks(plan),
  needs: {},
  async run(context: WriteContext) {
    const { plan } = context;
    const fields = new Set(plan.items.flatMap((item) => Object.keys(item.links ?? {})));
    for (const name of fields) {
      const field = plan.object.columns.get(name)?.field;
      if (field?.type !== 'manytomany') continue;
      // The caller's view: a target object they may not read is missing, and every id in it hidden.
      const target = context.catalog.objects.get(field.target);
      const ids = [...new Set(plan.items.flatMap((item) => item.links?.[name]?.ids ?? []))];
      const readable = target && ids.length > 0 ? await readableIds(context, target, ids) : new Set<string>();
      for (const item of plan.items) {
        const change = item.links?.[name];
        const position = change?.ids.findIndex((id) => !readable.has(id)) ?? -1;
        if (change && position >= 0) {
          throw new ApiError('TSR411', 'A link points at a record that does not exist.', [
            { path: `${change.path}/${position}`, code: 'TSR411', message: 'referenced record does not exist' },
          ]);
        }
      }
    }
  },
};
