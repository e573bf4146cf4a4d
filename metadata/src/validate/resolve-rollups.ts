// TSR505/TSR520/TSR521: roll-ups, checked when the metadata is saved, and each one's result type
// written into the normalised field. A roll-up may summarise a child's stored field, a child's
// formula (the trigger computes it in SQL from the child row) or a child's roll-up (the child's
// stored roll-up changing fires the parent's trigger in turn), so results resolve on demand in
// dependency order: quote lines → quote.total → opportunity.quoted → account.pipeline.
// Refused: a formula that reads the clock or the user (a stored value would go stale or have no
// user), a chain that loops back on itself, and chains deeper than MAX_ROLLUP_DEPTH.
import { type ProblemDetail, problem } from '../error-codes.ts';
import { DEFAULT_PRECISION, MAX_PRECISION } from '../normalise/field-defaults.ts';
import type { NormalisedField, NormalisedObject, NormalisedRollupField, RollupResult } from '../normalised-types.ts';
import { analyseRule } from '../rules/analyse-rule.ts';
import { varNames } from '../rules/evaluate-rules.ts';
import { formulaReads } from '../rules/formula-reads.ts';
import { ruleNamesOf } from '../rules/rule-names.ts';
import type { RollupFunction } from '../types.ts';
import { joinPointer } from './json-pointer.ts';
import type { ObjectUnderCheck } from './object-under-check.ts';

/**
 * Roll-ups stacked on roll-ups, counted in levels (a roll-up of stored fields is level 1; quote
 * lines → quote → opportunity → account is 3). Each level is one more trigger firing inside the
 * writer's statement and one more parent row locked, so a bound keeps a line edit's cost known.
 */
export const MAX_ROLLUP_DEPTH = 4;

const NUMERIC = new Set<NormalisedField['type']>(['number', 'currency', 'percent']);
const NOT_DISTINCT_COUNTABLE = new Set<NormalisedField['type']>(['formula', 'rollup', 'multipicklist']);

/** What each function summarises, for the refusal message. */
const ROLLUP_INPUTS: Record<RollupFunction, string> = {
  count: 'no field',
  sum: 'a number, currency or percent field (stored, formula or roll-up)',
  avg: 'a number, currency or percent field (stored, formula or roll-up)',
  min: 'a number, currency, percent, date or datetime field (stored, formula or roll-up)',
  max: 'a number, currency, percent, date or datetime field (stored, formula or roll-up)',
  count_distinct: 'a stored single-value field (not a formula, roll-up or multi-select)',
};

/** Checks every roll-up of the objects under check (and resolves the live ones they build on). */
export function resolveRollups(objects: readonly ObjectUnderCheck[], known: ReadonlyMap<string, NormalisedObject>): ProblemDetail[] {
  const checked = new Map(objects.map((object) => [object.normalised.apiName, object]));
  const problems: ProblemDetail[] = [];
  /** `object.field` → its level, or null when refused; absent while being visited. */
  const levels = new Map<string, number | null>();
  const visiting: string[] = [];

  const resolve = (object: NormalisedObject, field: NormalisedRollupField): number | null => {
    const name = `${object.apiName}.${field.apiName}`;
    const done = levels.get(name);
    if (done !== undefined) return done;
    const under = checked.get(object.apiName);
    const index = object.fields.indexOf(field);
    const at = (key: string) => (under ? joinPointer(under.path, 'fields', index, key) : '');
    const report = (detail: ProblemDetail) => {
      // Live objects outside the document were valid when saved: only the document's paths are reported.
      if (under) problems.push(detail);
    };
    const cycleAt = visiting.indexOf(name);
    if (cycleAt >= 0) {
      const loop = [...visiting.slice(cycleAt), name].join(' → ');
      report(problem(at('aggregateField'), 'TSR521', `roll-ups summarise each other in a loop: ${loop}; a roll-up chain must end at stored fields`));
      return null;
    }
    visiting.push(name);
    const level = check(object, field, name, at, report);
    visiting.pop();
    levels.set(name, level);
    return level;
  };

  /** The level of one roll-up, or null (and a problem) when it cannot be stored. */
  const check = (
    object: NormalisedObject,
    field: NormalisedRollupField,
    name: string,
    at: (key: string) => string,
    report: (detail: ProblemDetail) => void,
  ): number | null => {
    const child = known.get(field.childObject);
    if (!child) {
      report(problem(at('childObject'), 'TSR505', `roll-up ${name} summarises unknown object '${field.childObject}'`));
      return null;
    }
    const lookup = child.fields.find((candidate) => candidate.apiName === field.childField);
    if (lookup?.type !== 'lookup' || lookup.target !== object.apiName) {
      report(
        problem(
          at('childField'),
          'TSR505',
          `roll-up ${name}: '${field.childField}' must be a lookup field of ${field.childObject} that targets ${object.apiName}`,
        ),
      );
      return null;
    }
    // The child's roll-ups this one reads (summarised directly, through a formula, or in the filter) come first.
    const reads = new Set<string>();
    const summarised = field.aggregateField === undefined ? undefined : child.fields.find((candidate) => candidate.apiName === field.aggregateField);
    // Count ignores the field and count_distinct refuses computed ones (rollupResult says so).
    const summarises = field.function !== 'count' && field.function !== 'count_distinct';
    if (summarises && summarised?.type === 'rollup') reads.add(summarised.apiName);
    if (summarises && summarised?.type === 'formula') {
      // A formula of the wrong type is refused for its type first (no roll-up would fix the clock).
      if (!rollupResult(field, summarised, at, name, report)) return null;
      const formula = formulaReads(child, summarised);
      if (formula.context) {
        report(
          problem(
            at('aggregateField'),
            'TSR520',
            `roll-up ${name} cannot summarise the formula ${child.apiName}.${summarised.apiName}: it reads ${formula.context}, which changes without any record changing, so a stored ${field.apiName} would go stale; summarise a formula without ${formula.context}`,
          ),
        );
        return null;
      }
      for (const stored of formula.stored) reads.add(stored);
    }
    if (field.filter !== undefined) for (const stored of varNames(field.filter)) reads.add(stored);
    let below = 0;
    for (const read of reads) {
      const inner = child.fields.find((candidate) => candidate.apiName === read);
      if (inner?.type !== 'rollup') continue;
      const level = resolve(child, inner);
      if (level === null) return null;
      below = Math.max(below, level);
    }
    const level = below + 1;
    if (level > MAX_ROLLUP_DEPTH) {
      report(
        problem(
          at('aggregateField'),
          'TSR521',
          `roll-up ${name} would be level ${level} of roll-ups over roll-ups; at most ${MAX_ROLLUP_DEPTH} levels are allowed (each level is one more trigger and parent lock per child write)`,
        ),
      );
      return null;
    }
    const result = rollupResult(field, summarised, at, name, report);
    if (!result) return null;
    // Only the document's objects are written to: live objects keep the result they were saved with.
    if (checked.has(object.apiName)) (field as { result: RollupResult }).result = result;
    if (field.filter !== undefined) {
      const names = ruleNamesOf(child, { context: false, previous: false, formulas: false });
      const analysis = analyseRule(field.filter, names, at('filter'));
      for (const detail of analysis.problems) report(detail);
    }
    return level;
  };

  for (const { normalised } of objects) {
    for (const field of normalised.fields) if (field.type === 'rollup') resolve(normalised, field);
  }
  return problems;
}

function rollupResult(
  field: NormalisedRollupField,
  summarised: NormalisedField | undefined,
  at: (key: string) => string,
  name: string,
  report: (detail: ProblemDetail) => void,
): RollupResult | undefined {
  if (field.function === 'count') {
    if (field.aggregateField !== undefined) report(problem(at('aggregateField'), 'TSR505', `roll-up ${name} counts records; remove aggregateField`));
    return { type: 'number', precision: DEFAULT_PRECISION, scale: 0 };
  }
  if (field.aggregateField === undefined) {
    report(problem(at('function'), 'TSR505', `roll-up ${name} (${field.function}) needs aggregateField: the ${field.childObject} field to summarise`));
    return undefined;
  }
  // Distinct values of any stored single value: not computed fields, not multi-select lists.
  if (field.function === 'count_distinct' && summarised && !NOT_DISTINCT_COUNTABLE.has(summarised.type)) {
    return { type: 'number', precision: DEFAULT_PRECISION, scale: 0 };
  }
  const input = summarised ? summarisedValue(summarised) : undefined;
  if (field.function !== 'count_distinct' && input && NUMERIC.has(input.type)) {
    return { type: input.type as 'number' | 'currency' | 'percent', ...numericRollupSize(field.function, input) };
  }
  if (input && (field.function === 'min' || field.function === 'max') && (input.type === 'date' || input.type === 'datetime')) {
    return { type: input.type, precision: DEFAULT_PRECISION, scale: 0 };
  }
  report(
    problem(
      at('aggregateField'),
      'TSR505',
      `roll-up ${name}: ${field.function} needs ${ROLLUP_INPUTS[field.function]} of ${field.childObject}; '${field.aggregateField}' is ${describe(summarised)}`,
    ),
  );
  return undefined;
}

/** The value a field gives a roll-up: its own type, a formula's result, a roll-up's stored result. */
function summarisedValue(field: NormalisedField): { type: NormalisedField['type']; precision: number; scale: number } | undefined {
  if (field.type === 'formula') {
    // A formula has no declared precision: its sums get the widest numeric, its scale is the formula's.
    return field.returns === 'boolean' || field.returns === 'text' ? undefined : { type: field.returns, precision: MAX_PRECISION, scale: field.scale };
  }
  if (field.type === 'rollup') return field.result;
  return { type: field.type, precision: 'precision' in field ? field.precision : DEFAULT_PRECISION, scale: 'scale' in field ? field.scale : 0 };
}

const describe = (field: NormalisedField | undefined): string =>
  !field ? 'not a field' : field.type === 'formula' ? `a formula returning ${field.returns}` : `a ${field.type} field`;

/**
 * The numeric(p, s) of a roll-up over a numeric field. A sum needs room for many values: ten more
 * integer digits than the field. An average keeps two more decimals than the field (the average of
 * 1 and 2 is 1.50, not 2), rounded half away from zero; min and max are values of the field.
 */
function numericRollupSize(fn: RollupFunction, summarised: { precision: number; scale: number }): { precision: number; scale: number } {
  if (fn === 'sum') return { precision: Math.min(MAX_PRECISION, summarised.precision + 10), scale: summarised.scale };
  if (fn === 'avg') return { precision: Math.min(MAX_PRECISION, summarised.precision + 2), scale: Math.min(MAX_PRECISION, summarised.scale + 2) };
  return { precision: summarised.precision, scale: summarised.scale };
}
