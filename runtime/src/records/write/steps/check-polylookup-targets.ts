// Step 5b (references): a polylookup has no foreign key (its targets are several tables), so this
// step does the key's work: every `{object, id}` written must name a live record the writer can
// see. Unknown, deleted and hidden records get the same TSR411 a lookup's foreign key gives, so a
// write cannot probe for records. One query per target object, over all items (bulk stays set-based).
import { sql } from 'kysely';
import type { CompiledObject } from '../../../catalog/catalog-types.ts';
import { ApiError } from '../../../core/api-error.ts';
import type { WriteContext, WriteStep } from '../write-context.ts';
import type { WritePlan } from '../write-plan.ts';
import { fieldKinds } from '../field-kinds.ts';

interface Reference {
  field: string;
  object: string;
  id: string;
}

function references(plan: WritePlan): Reference[] {
  const found: Reference[] = [];
  for (const item of plan.items) {
    for (const [field, value] of Object.entries(item.values)) {
      if (plan.object.columns.get(field)?.field?.type !== 'polylookup' || !value || typeof value !== 'object') continue;
      const { object, id } = value as { object: string; id: string };
      found.push({ field, object, id: id.toLowerCase() });
    }
  }
  return found;
}

const refused = (field: string) =>
  new ApiError('TSR411', 'A lookup points at a record that does not exist.', [
    { path: `/${field}`, code: 'TSR411', message: 'referenced record does not exist' },
  ]);

async function liveIds(context: WriteContext, target: CompiledObject, ids: string[]): Promise<Set<string>> {
  const visible = target.rowAccess?.read('t');
  const { rows } = await sql<{ id: string }>`
    select t.id::text as id from ${sql.id(target.schema, target.table)} as t
    where t.id = any(${ids}::uuid[]) and t.deleted_at is null ${visible ? sql`and ${visible}` : sql``}`.execute(context.db);
  return new Set(rows.map((row) => row.id));
}

export const checkPolylookupTargets: WriteStep = {
  name: 'check polylookup targets',
  applies: (plan) =>
    (plan.kind === 'create' || plan.kind === 'patch' || plan.kind === 'stageMove') &&
    fieldKinds(plan.object.definition).polylookup.size > 0 &&
    references(plan).length > 0,
  needs: {},
  async run(context: WriteContext) {
    const byObject = new Map<string, Reference[]>();
    for (const reference of references(context.plan)) byObject.set(reference.object, [...(byObject.get(reference.object) ?? []), reference]);
    for (const [objectName, found] of byObject) {
      // The caller's view: an object they may not read is missing, and every id in it is hidden.
      const target = context.catalog.objects.get(objectName);
      const live = target ? await liveIds(context, target, [...new Set(found.map((reference) => reference.id))]) : new Set<string>();
      const missing = found.find((reference) => !live.has(reference.id));
      if (missing) throw refused(missing.field);
    }
  },
};
