// Step 3: the record lock of a pending approval request, checked on the locked row inside the
// write's transaction. A submit locks the same row first (approvals/approval-operations.ts), so a
// patch racing a submit either lands before the request exists or is refused with TSR559/TSR563.
import { assertNotLocked } from '../../../approvals/record-lock.ts';
import type { WriteContext, WriteStep } from '../write-context.ts';

export const checkApprovalLock: WriteStep = {
  name: 'check approval lock',
  applies: (plan, setup) => plan.kind !== 'create' && plan.kind !== 'restore' && plan.object.definition.approvalFlows !== undefined && !setup.admin,
  needs: { stored: true, transaction: true },
  async run(context: WriteContext) {
    const { plan } = context;
    const user = { id: plan.object.rowAccess?.userId ?? context.actor.id, admin: context.admin };
    for (const item of plan.items) {
      await assertNotLocked(context.db, plan.object, item.id as string, plan.kind === 'delete' ? 'delete' : item.values, user);
    }
  },
};
