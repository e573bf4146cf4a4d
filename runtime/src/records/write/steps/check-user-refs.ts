// Step 5b (field values): every `user` field a write sets names an active user of the tenant
// (issue #21). One query for all records of the write; an unknown or deactivated user is 422
// TSR425 at the field's path. Stored references to a user deactivated later stay as they are:
// only values being written are checked, so editing another field of such a record still works.
import { sql } from 'kysely';
import { ApiError } from '../../../core/api-error.ts';
import type { CompiledObject } from '../../../catalog/catalog-types.ts';
import type { WriteContext, WriteStep } from '../write-context.ts';
import { fieldKinds } from '../field-kinds.ts';

function written(object: CompiledObject, values: Readonly<Record<string, unknown>>): { field: string; id: string }[] {
  return fieldKinds(object.definition).user.flatMap((field) => (typeof values[field] === 'string' ? [{ field, id: values[field] as string }] : []));
}

export const checkUserRefs: WriteStep = {
  name: 'check user references',
  applies: (plan) =>
    (plan.kind === 'create' || plan.kind === 'patch' || plan.kind === 'stageMove') &&
    fieldKinds(plan.object.definition).user.length > 0 &&
    plan.items.some((item) => written(plan.object, item.values).length > 0),
  needs: {},
  async run(context: WriteContext) {
    const { object } = context.plan;
    const ids = [...new Set(context.plan.items.flatMap((item) => written(object, item.values).map((value) => value.id.toLowerCase())))];
    // The ids passed the record schema (format uuid), so the cast cannot fail.
    const active = await sql<{ id: string }>`
      select id::text as id from ${sql.id(object.schema, '_users')} where id = any(${ids}::uuid[]) and active`.execute(context.db);
    const known = new Set(active.rows.map((row) => row.id));
    for (const item of context.plan.items) {
      const missing = written(object, item.values).filter((value) => !known.has(value.id.toLowerCase()));
      if (missing.length > 0) {
        throw new ApiError(
          'TSR425',
          `A user field of the ${object.apiName} record names no active user; nothing was saved.`,
          missing.map(({ field }) => ({ path: `/${field}`, code: 'TSR425' as const, message: 'no active user of this tenant has this id' })),
        );
      }
    }
  },
};
