// Step 11 (delete): the lookups' delete behaviours at the soft-delete level (records/delete-records.ts):
// restrict refuses while live children point here, setNull clears them, cascade deletes them too.
// They follow every lookup, including those on objects the caller cannot read.
import { applyDeleteRules as applyRules, restoreCascaded } from '../../delete-records.ts';
import type { WriteContext, WriteStep } from '../write-context.ts';

export const applyDeleteRules: WriteStep = {
  name: 'delete rules',
  applies: (plan) => plan.kind === 'delete' && plan.object.children.length > 0,
  needs: { transaction: true },
  async run(context: WriteContext) {
    const catalog = context.catalog.unrestricted ?? context.catalog;
    await applyRules(
      context.db,
      catalog,
      context.plan.stored,
      context.plan.items.map((item) => item.id as string),
    );
  },
};

/** Step 11 (restore): brings back the children the same delete cascaded (same deleted_at). */
export const restoreCascade: WriteStep = {
  name: 'restore cascaded children',
  applies: (plan) => plan.kind === 'restore' && plan.object.children.some((child) => child.onDelete === 'cascade'),
  needs: { stored: true, transaction: true },
  async run(context: WriteContext) {
    const catalog = context.catalog.unrestricted ?? context.catalog;
    for (const [index, item] of context.plan.items.entries()) {
      const deletedAt = context.items[index]?.stored?.deletedAt;
      if (deletedAt) await restoreCascaded(context.db, catalog, context.plan.stored, [item.id as string], deletedAt);
    }
  },
};
