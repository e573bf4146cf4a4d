// Step 7b: dependent picklists (issue #21), on the record exactly as written: a create's database
// defaults and a patch that changes only the controlling field are checked like any body, on
// every path that writes through the pipeline (create, patch, bulk, upsert, import). 400 TSR415
// at the dependent field, listing the values its controller allows; throwing rolls back.
import { dependentValueProblems } from '@tessera/metadata';
import { fieldKinds } from '../field-kinds.ts';
import { errorsToApiError } from '../../../core/api-error.ts';
import { isUpdateKind, type WritePlan } from '../write-plan.ts';
import type { WriteContext, WriteStep } from '../write-context.ts';

/** Names whose change can break a dependency: the dependent fields and their controllers. */
function touchesDependencies(plan: WritePlan): boolean {
  const names = fieldKinds(plan.object.definition).dependencies;
  if (names.size === 0) return false;
  if (plan.kind === 'create') return true;
  return isUpdateKind(plan.kind) && plan.items.some((item) => Object.keys(item.values).some((name) => names.has(name)));
}

export const checkDependentPicklists: WriteStep = {
  name: 'check dependent picklists',
  applies: (plan) => touchesDependencies(plan),
  needs: { writtenRecord: true, transaction: true },
  async run(context: WriteContext) {
    const { plan } = context;
    for (const state of context.items) {
      const written = state.written?.record;
      if (!written) continue;
      const problems = dependentValueProblems(plan.object.definition, written);
      if (problems.length > 0) {
        const detail =
          context.rules.language === 'zh'
            ? `${plan.object.apiName} 记录的依赖选项值不被其控制字段允许，未保存。`
            : `The ${plan.object.apiName} record holds a value its controlling field does not allow; nothing was saved.`;
        throw errorsToApiError('TSR400', detail, problems);
      }
    }
  },
};
