// ValidationRuleDef / DuplicateRuleDef → their normalised forms (defaults filled). Schema-valid input.
import type { NormalisedDuplicateRule, NormalisedValidationRule } from '../normalised-types.ts';
import type { DuplicateNormaliser, DuplicateRuleDef, ValidationRuleDef } from '../types.ts';
import { NORMALISER_ORDER } from './normalise-match-value.ts';

export function normaliseValidationRule(rule: ValidationRuleDef): NormalisedValidationRule {
  return { ...rule, field: rule.field ?? null, active: rule.active ?? true };
}

export function normaliseDuplicateRule(rule: DuplicateRuleDef): NormalisedDuplicateRule {
  return {
    ...rule,
    fields: rule.fields.map((match) => ({ field: match.field, normalise: sortNormalisers(match.normalise ?? []) })),
    active: rule.active ?? true,
  };
}

/** Normalisers always apply in one fixed order, so ['case','width'] and ['width','case'] are the same rule. */
const sortNormalisers = (list: DuplicateNormaliser[]): DuplicateNormaliser[] =>
  [...new Set(list)].sort((a, b) => NORMALISER_ORDER.indexOf(a) - NORMALISER_ORDER.indexOf(b));
