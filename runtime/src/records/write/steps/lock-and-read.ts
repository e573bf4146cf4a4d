// Step 1: lock the stored rows FOR UPDATE and read them once, for every later step that decides on
// the record as it was (access, the approval lock, record types, validation rules' previous.*,
// stage moves, field history). One statement for all of the plan's records. Concurrent writes of
// a record, and approval submits (which lock the same row), run one after the other from here.
import { sql } from 'kysely';
import { type WritePlan, isUpdateKind } from '../write-plan.ts';
import type { WriteContext, WriteNeeds, WriteStep } from '../write-context.ts';

export const lockAndRead: WriteStep = {
  name: 'lock and read',
  applies: (plan: WritePlan, _setup, later: WriteNeeds) => plan.kind !== 'create' && (later.stored === true || plan.kind === 'restore'),
  needs: { transaction: true },
  async run(context: WriteContext) {
    const { plan } = context;
    const object = plan.object;
    const action = plan.kind === 'delete' || plan.kind === 'restore' ? 'delete' : 'edit';
    const visible = object.rowAccess?.read('t') ?? sql`true`;
    const allowed = object.rowAccess?.[action]('t') ?? sql`true`;
    const record = isUpdateKind(plan.kind) ? sql`${plan.stored.recordJson('t')}::text` : sql`null`;
    const ids = plan.items.map((item) => item.id as string);
    const result = await sql<{ id: string; j: string | null; version: number; deleted_at: string | null; visible: boolean; allowed: boolean }>`
      select t.id, ${record} as j, t.version, t.deleted_at::text as deleted_at, ${visible} as visible, ${allowed} as allowed
      from ${sql.id(object.schema, object.table)} as t where t.id = any(${ids}::uuid[]) for update of t`.execute(context.db);
    const byId = new Map(result.rows.map((row) => [row.id, row]));
    plan.items.forEach((item, index) => {
      const row = byId.get(item.id as string);
      const state = context.items[index];
      if (!row || !state) return;
      state.stored = {
        version: row.version,
        deletedAt: row.deleted_at,
        visible: row.visible,
        allowed: row.allowed,
        ...(row.j === null ? {} : { record: JSON.parse(row.j) as Record<string, unknown> }),
      };
    });
  },
};
