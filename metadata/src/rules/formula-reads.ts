// What a formula reads once the other formulas it reads are followed: the stored fields (their
// columns), the formulas on the way, and whether anything along it reads the request's context
// (`$today`, `$now`, `$user.id`, `{"today": []}`, `{"now": []}`). Roll-ups of formulas need all
// three: the stored fields are the columns whose change must re-fire the parent's trigger, the
// formulas' expressions are what the trigger's SQL is generated from, and a context read cannot be
// stored at all (a trigger has no user, and a stored "today" goes stale at midnight).
import type { NormalisedFormulaField, NormalisedObject } from '../normalised-types.ts';
import { RULE_CONTEXT_VARS } from '../types.ts';
import { varNames } from './evaluate-rules.ts';

export interface FormulaReads {
  /** Non-formula names read (fields and standard columns), sorted. */
  stored: string[];
  /** The formula itself and every formula it reads, in first-visit order. */
  formulas: NormalisedFormulaField[];
  /** The context variable or clock operator read, if any (the first one met). */
  context?: string;
}

const CONTEXT_NAMES = new Set<string>(RULE_CONTEXT_VARS);

export function formulaReads(object: NormalisedObject, formula: NormalisedFormulaField): FormulaReads {
  const formulas = new Map<string, NormalisedFormulaField>();
  const stored = new Set<string>();
  let context: string | undefined;
  const visit = (field: NormalisedFormulaField) => {
    // Metadata refuses formula cycles; the visited set also keeps a corrupt revision finite.
    if (formulas.has(field.apiName)) return;
    formulas.set(field.apiName, field);
    context ??= clockOperator(field.expression);
    for (const name of varNames(field.expression)) {
      const other = object.fields.find((candidate) => candidate.apiName === name);
      if (other?.type === 'formula') visit(other);
      else if (CONTEXT_NAMES.has(name)) context ??= name;
      else stored.add(name);
    }
  };
  visit(formula);
  return { stored: [...stored].sort(), formulas: [...formulas.values()], ...(context ? { context } : {}) };
}

/** `today` or `now` when the expression uses one of those operators anywhere. */
function clockOperator(rule: unknown): string | undefined {
  if (Array.isArray(rule)) {
    for (const item of rule) {
      const found = clockOperator(item);
      if (found) return found;
    }
  } else if (rule !== null && typeof rule === 'object') {
    for (const [op, args] of Object.entries(rule)) {
      if (op === 'today' || op === 'now') return op;
      if (op === 'var') continue;
      const found = clockOperator(args);
      if (found) return found;
    }
  }
  return undefined;
}
