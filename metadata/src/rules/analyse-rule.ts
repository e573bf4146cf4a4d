// A JsonLogic rule + the names it may read → every problem (operators, variables, shapes) and the
// rule's static result type. Runs when metadata is saved, so a rule that reaches the runtime only
// uses the operators the SQL compiler and json-logic-js both implement, on names that exist.
import { type ProblemDetail, problem } from '../error-codes.ts';
import { isFilterOperator } from './filter-operators.ts';

/** What a rule value is, as far as a static look can tell; `unknown` when branches disagree. */
export type RuleValueType = 'number' | 'text' | 'boolean' | 'date' | 'datetime' | 'uuid' | 'list' | 'null' | 'unknown';

export interface RuleNames {
  /** Name → type of every variable the rule may read (fields, `previous.<field>`, `$today`, …). */
  resolve(name: string): RuleValueType | undefined;
  /** For messages: what the rule may read, e.g. "the fields of opportunity, $today, $now and $user.id". */
  describe: string;
  /** Why a name is not readable, when there is more to say than "unknown" (a lookup path that leads nowhere). */
  explain?(name: string): string | undefined;
}

export interface RuleAnalysis {
  type: RuleValueType;
  problems: ProblemDetail[];
  /** Every variable name read (for dependency checks such as formula cycles). */
  vars: Set<string>;
}

const BOOLEAN_OPS = new Set(['==', '!=', '===', '!==', '<', '<=', '>', '>=', '!', '!!', 'in', 'starts_with', 'ends_with', 'icontains', 'has_any', 'has_all']);
const NUMBER_OPS = new Set(['+', '-', '*', '/', '%', 'min', 'max', 'days_between', 'year', 'month', 'hours_between', 'business_hours_between', 'distance']);
const TEXT_OPS = new Set(['cat', 'substr']);
const BRANCH_OPS = new Set(['if', '?:', 'and', 'or']);
/** Argument counts the SQL compiler accepts (min, max). */
const ARITY: Record<string, [number, number]> = {
  today: [0, 0],
  now: [0, 0],
  add_days: [2, 2],
  days_between: [2, 2],
  add_hours: [2, 2],
  hours_between: [2, 2],
  add_business_hours: [3, 3],
  business_hours_between: [3, 3],
  distance: [2, 2],
  year: [1, 1],
  month: [1, 1],
  starts_with: [2, 2],
  ends_with: [2, 2],
  icontains: [2, 2],
  has_any: [2, 2],
  has_all: [2, 2],
  '!': [1, 1],
  '!!': [1, 1],
  '==': [2, 2],
  '!=': [2, 2],
  '===': [2, 2],
  '!==': [2, 2],
  '>': [2, 2],
  '>=': [2, 2],
  '<': [2, 3],
  '<=': [2, 3],
  in: [2, 2],
  '/': [2, 2],
  '%': [2, 2],
  '-': [1, 2],
  var: [1, 2],
};

const isLocationLiteral = (node: unknown): boolean => node !== null && typeof node === 'object' && !Array.isArray(node) && Object.keys(node).length === 2;

export function analyseRule(rule: unknown, names: RuleNames, path: string): RuleAnalysis {
  const problems: ProblemDetail[] = [];
  const vars = new Set<string>();
  const type = walk(rule, path);
  return { type, problems, vars };

  function walk(node: unknown, at: string): RuleValueType {
    if (node === null) return 'null';
    if (typeof node === 'number') {
      if (!Number.isFinite(node)) problems.push(problem(at, 'TSR501', 'numbers must be finite'));
      return 'number';
    }
    if (typeof node === 'string') return 'text';
    if (typeof node === 'boolean') return 'boolean';
    if (Array.isArray(node)) {
      for (const [index, item] of node.entries()) walk(item, `${at}/${index}`);
      return 'list';
    }
    if (typeof node !== 'object') {
      problems.push(problem(at, 'TSR501', 'not a JSON value'));
      return 'unknown';
    }
    const keys = Object.keys(node);
    if (keys.length !== 1) {
      problems.push(problem(at, 'TSR501', 'an operation is an object with exactly one key, the operator'));
      return 'unknown';
    }
    const op = keys[0] as string;
    const raw = (node as Record<string, unknown>)[op];
    const opPath = `${at}/${escapePointer(op)}`;
    if (!isFilterOperator(op)) {
      problems.push(problem(opPath, 'TSR501', `operator '${op}' is not allowed in rules (they must also run in SQL)`));
      return 'unknown';
    }
    const args = Array.isArray(raw) ? raw : [raw];
    const argPath = (index: number) => (Array.isArray(raw) ? `${opPath}/${index}` : opPath);
    if (op === 'distance' && Array.isArray(raw) && raw.length === 2) {
      // A literal location is data ({"latitude", "longitude"}: two keys), not an operation to walk.
      for (const [index, item] of raw.entries()) if (!isLocationLiteral(item)) walk(item, argPath(index));
      return 'number';
    }
    const arity = ARITY[op];
    // {"today": []} and {"today": null}-style sugar: json-logic-js passes no arguments for [].
    const count = op === 'today' || op === 'now' ? (Array.isArray(raw) ? raw.length : 0) : args.length;
    if (arity && (count < arity[0] || count > arity[1])) {
      const expected = arity[0] === arity[1] ? `${arity[0]}` : `${arity[0]} to ${arity[1]}`;
      problems.push(problem(opPath, 'TSR501', `'${op}' takes ${expected} argument${arity[1] === 1 ? '' : 's'}, got ${count}`));
      return 'unknown';
    }
    if (op === 'var') return readVar(args, argPath);
    if (op === 'today') return 'date';
    if (op === 'now') return 'datetime';
    if (op === 'in') {
      walk(args[0], argPath(0));
      const haystack = args[1];
      if (Array.isArray(haystack)) for (const [index, item] of haystack.entries()) walk(item, `${argPath(1)}/${index}`);
      else walk(haystack, argPath(1));
      return 'boolean';
    }
    const types = args.map((arg, index) => walk(arg, argPath(index)));
    if (op === 'add_days') return 'date';
    if (op === 'add_hours' || op === 'add_business_hours') return 'datetime';
    if (BOOLEAN_OPS.has(op)) return 'boolean';
    if (NUMBER_OPS.has(op)) return 'number';
    if (TEXT_OPS.has(op)) return 'text';
    if (BRANCH_OPS.has(op)) {
      const values = op === 'if' || op === '?:' ? types.filter((_, index) => index % 2 === 1 || index === types.length - 1) : types;
      return common(values);
    }
    return 'unknown';
  }

  function readVar(args: unknown[], argPath: (index: number) => string): RuleValueType {
    const [name] = args;
    if (typeof name !== 'string' || name === '') {
      problems.push(problem(argPath(0), 'TSR501', "'var' needs a variable name (a non-empty string)"));
      return 'unknown';
    }
    if (args.length === 2 && args[1] !== null && typeof args[1] === 'object') {
      problems.push(problem(argPath(1), 'TSR501', "the default of 'var' must be a literal"));
    }
    const type = names.resolve(name);
    if (type === undefined) {
      const why = names.explain?.(name);
      problems.push(problem(argPath(0), 'TSR502', why ?? `unknown variable '${name.slice(0, 80)}'; a rule here may read ${names.describe}`));
      return 'unknown';
    }
    vars.add(name);
    return type;
  }
}

/** The one type all values share (nulls aside), else unknown. */
function common(types: RuleValueType[]): RuleValueType {
  const typed = [...new Set(types.filter((type) => type !== 'null'))];
  if (typed.length === 0) return 'null';
  return typed.length === 1 ? (typed[0] as RuleValueType) : 'unknown';
}

const escapePointer = (token: string): string => token.replace(/~/g, '~0').replace(/\//g, '~1');
