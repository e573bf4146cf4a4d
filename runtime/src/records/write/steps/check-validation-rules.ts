// Step 7: validation rules, on the record exactly as written (API form: database defaults,
// autonumbers, formulas and roll-ups included) and the stored record before it (`previous.*`).
// Every failing rule at once, 422 TSR500; throwing rolls the write back. Rules run after the SQL
// write because the written record is only known then; the transaction makes that invisible.
import { type NormalisedObject, type ProblemDetail, validationRuleErrors } from '@tessera/metadata';
import type { CompiledObject } from '../../../catalog/catalog-types.ts';
import { ApiErrorWithExtensions } from '../../../core/api-error.ts';
import type { RuleLanguage } from '../../../rules/record-rules.ts';
import { isUpdateKind } from '../write-plan.ts';
import type { WriteContext, WriteStep } from '../write-context.ts';

export const hasValidationRules = (definition: NormalisedObject): boolean => (definition.validationRules ?? []).some((rule) => rule.active);

export const checkValidationRules: WriteStep = {
  name: 'check validation rules',
  applies: (plan) => (plan.kind === 'create' || isUpdateKind(plan.kind)) && hasValidationRules(plan.object.definition),
  needs: (plan) => ({ stored: plan.kind !== 'create', writtenRecord: true, transaction: true }),
  async run(context: WriteContext) {
    const { plan, rules } = context;
    for (const state of context.items) {
      const written = state.written?.record;
      if (!written) continue;
      const failing = validationRuleErrors(plan.object.definition, written, state.stored?.record ?? null, rules.context, rules.language);
      if (failing.length > 0) throw validationError(plan.object, failing, rules.language);
    }
  },
};

function validationError(object: CompiledObject, failing: ReturnType<typeof validationRuleErrors>, language: RuleLanguage): ApiErrorWithExtensions {
  const errors: ProblemDetail[] = failing.map(({ path, code, message }) => ({ path, code, message }));
  const rules = new Map((object.definition.validationRules ?? []).map((rule) => [rule.apiName, rule]));
  const detail =
    language === 'zh'
      ? `${object.apiName} 记录未通过 ${failing.length} 条校验规则，未保存。`
      : `The ${object.apiName} record fails ${failing.length} validation rule${failing.length === 1 ? '' : 's'}; nothing was saved.`;
  return new ApiErrorWithExtensions('TSR500', detail, errors, {
    rules: failing.map(({ rule }) => ({ apiName: rule, field: rules.get(rule)?.field ?? null, message: rules.get(rule)?.message })),
  });
}
