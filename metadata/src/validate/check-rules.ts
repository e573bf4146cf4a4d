// TSR5xx: the rules of each object, checked when the metadata is saved — formulas (operators,
// known fields, result type, no cycles), roll-ups (child, lookup, summarised field), validation
// rules (known fields incl. previous.*), default expressions and duplicate rules. Also resolves
// each roll-up's result type from its child (the normalised field's `result`).
import { type ProblemDetail, problem } from '../error-codes.ts';
import { DEFAULT_PRECISION, MAX_PRECISION } from '../normalise/field-defaults.ts';
import type { MetadataSnapshot, NormalisedField, NormalisedObject, NormalisedRollupField, RollupResult } from '../normalised-types.ts';
import { analyseRule, type RuleNames, type RuleValueType } from '../rules/analyse-rule.ts';
import { fieldRuleType, ruleNamesOf } from '../rules/rule-names.ts';
import { joinPointer } from './json-pointer.ts';
import type { ObjectUnderCheck } from './object-under-check.ts';

const MATCHABLE = new Set<NormalisedField['type']>([
  'text',
  'textarea',
  'email',
  'phone',
  'url',
  'picklist',
  'number',
  'currency',
  'percent',
  'date',
  'lookup',
  'autonumber',
]);
const TEXTUAL = new Set<NormalisedField['type']>(['text', 'textarea', 'email', 'phone', 'url', 'autonumber']);
const NUMERIC = new Set<NormalisedField['type']>(['number', 'currency', 'percent']);

export function checkRules(objects: readonly ObjectUnderCheck[], live: MetadataSnapshot): ProblemDetail[] {
  const known = new Map<string, NormalisedObject>(live.objects.map((object) => [object.apiName, object]));
  for (const object of objects) known.set(object.def.apiName, object.normalised);
  const problems: ProblemDetail[] = [];
  // Roll-up results first: formulas over roll-ups need their types.
  for (const object of objects) problems.push(...resolveRollups(object, known));
  for (const object of objects) {
    problems.push(...checkFormulas(object), ...checkDefaultExprs(object), ...checkValidationRules(object), ...checkDuplicateRules(object));
  }
  return problems;
}

function checkFormulas({ normalised, path }: ObjectUnderCheck): ProblemDetail[] {
  const problems: ProblemDetail[] = [];
  const names = ruleNamesOf(normalised, { context: true, previous: false });
  const dependencies = new Map<string, string[]>();
  normalised.fields.forEach((field, index) => {
    if (field.type !== 'formula') return;
    const at = joinPointer(path, 'fields', index, 'expression');
    const analysis = analyseRule(field.expression, names, at);
    problems.push(...analysis.problems);
    const formulaNames = [...analysis.vars].filter((name) => normalised.fields.some((other) => other.apiName === name && other.type === 'formula'));
    dependencies.set(field.apiName, formulaNames);
    const expected = field.returns === 'text' ? 'text' : field.returns === 'boolean' ? undefined : field.returns === 'date' ? 'date' : 'number';
    if (expected && analysis.problems.length === 0 && !fits(analysis.type, expected)) {
      problems.push(
        problem(
          at,
          'TSR503',
          `formula ${normalised.apiName}.${field.apiName} returns ${field.returns} but its expression gives ${describeType(analysis.type)}`,
        ),
      );
    }
  });
  for (const cycle of findCycles(dependencies)) {
    const index = normalised.fields.findIndex((field) => field.apiName === cycle[0]);
    problems.push(
      problem(
        joinPointer(path, 'fields', index, 'expression'),
        'TSR504',
        `formulas of ${normalised.apiName} depend on each other: ${[...cycle, cycle[0]].join(' → ')}`,
      ),
    );
  }
  return problems;
}

function checkDefaultExprs({ def, normalised, path }: ObjectUnderCheck): ProblemDetail[] {
  const problems: ProblemDetail[] = [];
  const names = ruleNamesOf(normalised, { context: true, previous: false });
  def.fields.forEach((field, index) => {
    if (!('defaultExpr' in field) || field.defaultExpr === undefined) return;
    const at = joinPointer(path, 'fields', index, 'defaultExpr');
    if ('default' in field && field.default !== undefined) {
      problems.push(problem(at, 'TSR508', `${def.apiName}.${field.apiName} has both default and defaultExpr; keep one`));
      return;
    }
    const analysis = analyseRule(field.defaultExpr, names, at);
    problems.push(...analysis.problems.map((detail) => ({ ...detail, code: detail.code === 'TSR501' ? ('TSR508' as const) : detail.code })));
    const target = normalised.fields[index];
    const expected = target ? fieldRuleType(target) : 'unknown';
    // A lookup takes an id: a uuid value or text (checked as a uuid when the record is validated).
    const fitsLookup = expected === 'uuid' && fits(analysis.type, 'text');
    if (analysis.problems.length === 0 && expected !== 'boolean' && !fitsLookup && !fits(analysis.type, expected)) {
      problems.push(
        problem(
          at,
          'TSR503',
          `default of ${def.apiName}.${field.apiName} must give ${describeType(expected)}, but its expression gives ${describeType(analysis.type)}`,
        ),
      );
    }
  });
  return problems;
}

function checkValidationRules({ normalised, path }: ObjectUnderCheck): ProblemDetail[] {
  const problems: ProblemDetail[] = [];
  const names = ruleNamesOf(normalised, { context: true, previous: true });
  const seen = new Set<string>();
  (normalised.validationRules ?? []).forEach((rule, index) => {
    const at = joinPointer(path, 'validationRules', index);
    if (seen.has(rule.apiName))
      problems.push(problem(joinPointer(at, 'apiName'), 'TSR507', `validation rule '${rule.apiName}' is defined more than once on ${normalised.apiName}`));
    seen.add(rule.apiName);
    if (rule.field !== null && !normalised.fields.some((field) => field.apiName === rule.field)) {
      problems.push(problem(joinPointer(at, 'field'), 'TSR502', `validation rule '${rule.apiName}' attaches to unknown field '${rule.field}'`));
    }
    problems.push(...analyseRule(rule.condition, names, joinPointer(at, 'condition')).problems);
  });
  return problems;
}

function checkDuplicateRules({ normalised, path }: ObjectUnderCheck): ProblemDetail[] {
  const problems: ProblemDetail[] = [];
  const seen = new Set<string>();
  (normalised.duplicateRules ?? []).forEach((rule, index) => {
    const at = joinPointer(path, 'duplicateRules', index);
    if (seen.has(rule.apiName))
      problems.push(problem(joinPointer(at, 'apiName'), 'TSR507', `duplicate rule '${rule.apiName}' is defined more than once on ${normalised.apiName}`));
    seen.add(rule.apiName);
    const used = new Set<string>();
    rule.fields.forEach((match, position) => {
      const fieldPath = joinPointer(at, 'fields', position, 'field');
      const field = normalised.fields.find((candidate) => candidate.apiName === match.field);
      if (used.has(match.field)) problems.push(problem(fieldPath, 'TSR506', `duplicate rule '${rule.apiName}' lists '${match.field}' twice`));
      used.add(match.field);
      if (!field) {
        problems.push(problem(fieldPath, 'TSR502', `duplicate rule '${rule.apiName}' matches unknown field '${match.field}'`));
        return;
      }
      if (!MATCHABLE.has(field.type)) {
        problems.push(
          problem(
            fieldPath,
            'TSR506',
            `duplicate rule '${rule.apiName}' cannot match ${field.type} field '${match.field}'; match text, email, phone, url, picklist, number, date or lookup fields`,
          ),
        );
      } else if (match.normalise.length > 0 && !TEXTUAL.has(field.type)) {
        problems.push(
          problem(
            joinPointer(at, 'fields', position, 'normalise'),
            'TSR506',
            `normalisation applies to text, email, phone and url fields; '${match.field}' is a ${field.type} field`,
          ),
        );
      }
    });
  });
  return problems;
}

/** Checks each roll-up and writes its result type into the normalised field. */
function resolveRollups({ normalised, path }: ObjectUnderCheck, known: ReadonlyMap<string, NormalisedObject>): ProblemDetail[] {
  const problems: ProblemDetail[] = [];
  normalised.fields.forEach((field, index) => {
    if (field.type !== 'rollup') return;
    const at = (key: string) => joinPointer(path, 'fields', index, key);
    const name = `${normalised.apiName}.${field.apiName}`;
    const child = known.get(field.childObject);
    if (!child) {
      problems.push(problem(at('childObject'), 'TSR505', `roll-up ${name} summarises unknown object '${field.childObject}'`));
      return;
    }
    const lookup = child.fields.find((candidate) => candidate.apiName === field.childField);
    if (lookup?.type !== 'lookup' || lookup.target !== normalised.apiName) {
      problems.push(
        problem(
          at('childField'),
          'TSR505',
          `roll-up ${name}: '${field.childField}' must be a lookup field of ${field.childObject} that targets ${normalised.apiName}`,
        ),
      );
      return;
    }
    const result = rollupResult(field, child, at, name, problems);
    if (result) (field as { result: RollupResult }).result = result;
    if (field.filter !== undefined) {
      const names = ruleNamesOf(child, { context: false, previous: false, formulas: false });
      problems.push(...analyseRule(field.filter, names, at('filter')).problems);
    }
  });
  return problems;
}

function rollupResult(
  field: NormalisedRollupField,
  child: NormalisedObject,
  at: (key: string) => string,
  name: string,
  problems: ProblemDetail[],
): RollupResult | undefined {
  if (field.function === 'count') {
    if (field.aggregateField !== undefined) problems.push(problem(at('aggregateField'), 'TSR505', `roll-up ${name} counts records; remove aggregateField`));
    return { type: 'number', precision: DEFAULT_PRECISION, scale: 0 };
  }
  if (field.aggregateField === undefined) {
    problems.push(problem(at('function'), 'TSR505', `roll-up ${name} (${field.function}) needs aggregateField: the ${field.childObject} field to summarise`));
    return undefined;
  }
  const summarised = child.fields.find((candidate) => candidate.apiName === field.aggregateField);
  if (summarised && NUMERIC.has(summarised.type) && 'precision' in summarised) {
    const type = summarised.type as 'number' | 'currency' | 'percent';
    // A sum needs room for many values: ten more integer digits than the field, within numeric's practical limit.
    const precision = field.function === 'sum' ? Math.min(MAX_PRECISION, summarised.precision + 10) : summarised.precision;
    return { type, precision, scale: summarised.scale };
  }
  if (summarised && field.function !== 'sum' && (summarised.type === 'date' || summarised.type === 'datetime')) {
    return { type: summarised.type, precision: DEFAULT_PRECISION, scale: 0 };
  }
  const allowed = field.function === 'sum' ? 'a number, currency or percent field' : 'a number, currency, percent, date or datetime field';
  problems.push(
    problem(
      at('aggregateField'),
      'TSR505',
      `roll-up ${name}: ${field.function} needs ${allowed} of ${field.childObject}; '${field.aggregateField}' is ${summarised ? `a ${summarised.type} field` : 'not a field'}`,
    ),
  );
  return undefined;
}

function fits(actual: RuleValueType, expected: RuleValueType): boolean {
  return actual === expected || actual === 'null' || actual === 'unknown';
}

const describeType = (type: RuleValueType): string => (type === 'unknown' ? 'values of mixed types' : type === 'list' ? 'a list' : `a ${type} value`);

/** Each cycle once, as the list of formula names along it. */
function findCycles(dependencies: ReadonlyMap<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (name: string) => {
    state.set(name, 'visiting');
    stack.push(name);
    for (const next of dependencies.get(name) ?? []) {
      if (state.get(next) === 'visiting') cycles.push(stack.slice(stack.indexOf(next)));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(name, 'done');
  };
  for (const name of dependencies.keys()) if (!state.has(name)) visit(name);
  return cycles;
}

export type { RuleNames };
