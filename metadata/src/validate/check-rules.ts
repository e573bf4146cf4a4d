// TSR5xx: the rules of each object, checked when the metadata is saved — formulas (operators,
// known fields, result type, no cycles), roll-ups (child, lookup, summarised field), validation
// rules (known fields incl. previous.*), default expressions and duplicate rules. Also resolves
// each roll-up's result type from its child (the normalised field's `result`).
import { type ProblemDetail, problem } from '../error-codes.ts';
import type { MetadataSnapshot, NormalisedField, NormalisedObject } from '../normalised-types.ts';
import { analyseRule, type RuleNames, type RuleValueType } from '../rules/analyse-rule.ts';
import { fieldRuleType, ruleNamesOf } from '../rules/rule-names.ts';
import { varNames } from '../rules/evaluate-rules.ts';
import { isLookupPath, resolveLookupPath } from '../rules/lookup-paths.ts';
import { joinPointer } from './json-pointer.ts';
import type { ObjectUnderCheck } from './object-under-check.ts';
import { resolveRollups } from './resolve-rollups.ts';

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
  'user',
]);
const TEXTUAL = new Set<NormalisedField['type']>(['text', 'textarea', 'email', 'phone', 'url', 'autonumber']);
const NUMERIC = new Set<NormalisedField['type']>(['number', 'currency', 'percent']);

export function checkRules(objects: readonly ObjectUnderCheck[], live: MetadataSnapshot): ProblemDetail[] {
  const known = new Map<string, NormalisedObject>(live.objects.map((object) => [object.apiName, object]));
  for (const object of objects) known.set(object.def.apiName, object.normalised);
  const problems: ProblemDetail[] = [];
  // Roll-up results first: formulas over roll-ups need their types.
  problems.push(...resolveRollups(objects, known));
  for (const object of objects) {
    problems.push(...checkFormulas(object, known), ...checkDefaultExprs(object), ...checkValidationRules(object), ...checkDuplicateRules(object));
  }
  problems.push(...checkPathDependents(objects, live, known));
  return problems;
}

/**
 * Formulas of objects outside the document that read a path into it: a drop or rename there must
 * not leave them reading nothing. Reported at the document's object the path passes through, as a
 * same-object formula over a dropped field is reported at that object.
 */
function checkPathDependents(objects: readonly ObjectUnderCheck[], live: MetadataSnapshot, known: ReadonlyMap<string, NormalisedObject>): ProblemDetail[] {
  const inDocument = new Map(objects.map((object) => [object.normalised.apiName, object.path]));
  const before = new Map(live.objects.map((object) => [object.apiName, object]));
  const problems: ProblemDetail[] = [];
  for (const dependent of live.objects) {
    if (inDocument.has(dependent.apiName)) continue;
    for (const field of dependent.fields) {
      if (field.type !== 'formula') continue;
      for (const name of varNames(field.expression)) {
        if (!isLookupPath(name)) continue;
        const was = resolveLookupPath((target) => before.get(target), dependent, name, { formulas: false });
        const touched = was.ok ? was.hops.map((hop) => hop.target.apiName).find((target) => inDocument.has(target)) : undefined;
        if (touched === undefined) continue;
        const now = resolveLookupPath((target) => known.get(target), known.get(dependent.apiName) ?? dependent, name, { formulas: false });
        if (!now.ok) {
          problems.push(
            problem(inDocument.get(touched) ?? '', 'TSR502', `formula ${dependent.apiName}.${field.apiName} reads ${now.message}; change that formula first`),
          );
        }
      }
    }
  }
  return problems;
}

function checkFormulas({ normalised, path }: ObjectUnderCheck, known: ReadonlyMap<string, NormalisedObject>): ProblemDetail[] {
  const problems: ProblemDetail[] = [];
  // Formulas may read lookup paths (`account.region`), live through the lookup (rules/lookup-paths.ts).
  const names = ruleNamesOf(normalised, { context: true, previous: false, lookups: (name) => known.get(name) });
  const dependencies = new Map<string, string[]>();
  normalised.fields.forEach((field, index) => {
    if (field.type !== 'formula') return;
    const at = joinPointer(path, 'fields', index, 'expression');
    const analysis = analyseRule(field.expression, names, at);
    problems.push(...analysis.problems);
    const formulaNames = [...analysis.vars].filter((name) => normalised.fields.some((other) => other.apiName === name && other.type === 'formula'));
    dependencies.set(field.apiName, formulaNames);
    const expected =
      field.returns === 'text' || field.returns === 'date' || field.returns === 'datetime' ? field.returns : field.returns === 'boolean' ? undefined : 'number';
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
