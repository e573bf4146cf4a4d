// The Validation rules tab's edits as documents for plan → apply: the object's latest definition
// with one rule added, replaced (found by its api name before the edit) or removed. Rules keep their
// order; a renamed rule stays where it was.
import type { ObjectDef, ValidationRuleDef } from '@tessera/metadata';

export interface RuleDraft {
  apiName: string;
  /** undefined: no condition yet (the metamodel asks for one). */
  condition: Record<string, unknown> | undefined;
  message: { zh: string; en: string };
  /** '' = the whole record. */
  field: string;
  active: boolean;
}

export function draftOf(rule: ValidationRuleDef | undefined): RuleDraft {
  return {
    apiName: rule?.apiName ?? '',
    condition: rule?.condition as Record<string, unknown> | undefined,
    message: { zh: rule?.message.zh ?? '', en: rule?.message.en ?? '' },
    field: rule?.field ?? '',
    active: rule?.active !== false,
  };
}

export function ruleOf(draft: RuleDraft, previous: ValidationRuleDef | undefined): ValidationRuleDef {
  const message = Object.fromEntries(Object.entries(draft.message).filter(([, text]) => text.trim() !== ''));
  return {
    ...(previous?.description ? { description: previous.description } : {}),
    apiName: draft.apiName,
    condition: (draft.condition ?? null) as ValidationRuleDef['condition'],
    message,
    ...(draft.field ? { field: draft.field } : {}),
    active: draft.active,
  };
}

/** Where the rule sits in `validationRules` (the end for a new one): problems point there. */
export const rulePosition = (object: ObjectDef, original: string | undefined): number => {
  const rules = object.validationRules ?? [];
  const index = original === undefined ? -1 : rules.findIndex((rule) => rule.apiName === original);
  return index >= 0 ? index : rules.length;
};

export function withRule(object: ObjectDef, rule: ValidationRuleDef, original: string | undefined): ObjectDef {
  const rules = [...(object.validationRules ?? [])];
  rules.splice(rulePosition(object, original), original !== undefined && rules.some((entry) => entry.apiName === original) ? 1 : 0, rule);
  return { ...object, validationRules: rules };
}

export function withoutRule(object: ObjectDef, apiName: string): ObjectDef {
  return { ...object, validationRules: (object.validationRules ?? []).filter((rule) => rule.apiName !== apiName) };
}
