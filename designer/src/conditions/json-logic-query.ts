// JsonLogic ⇄ the condition builder's query (react-querybuilder's RuleGroupType), for Tessera's
// operator set. Ours rather than the library's parseJsonLogic/formatQuery: those write `startsWith`,
// `in` for "contains" and other shapes our filter compiler does not take, and drop what they cannot
// parse. Here a condition the builder cannot show exactly (another operator, `previous.x`, a var
// with a default, a value of the wrong type) parses to null, so the editor opens it as raw JSON
// instead of losing it. format(parse(x)) gives back x for everything format writes.
import type { RuleGroupType, RuleType } from 'react-querybuilder';
import { type ConditionField, type ConditionOperator, LIST_OPERATORS, OPERATORS_OF_KIND, UNARY_OPERATORS, type ValueKind } from './condition-fields.ts';

export type JsonLogic = Record<string, unknown>;
type Literal = string | number | boolean;

/** The JsonLogic operator each binary builder operator writes: {op: [{"var": field}, value]}. */
const BINARY: Partial<Record<ConditionOperator, string>> = {
  '=': '==',
  '!=': '!=',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
  contains: 'icontains',
  beginsWith: 'starts_with',
  endsWith: 'ends_with',
};
const TODAY: Partial<Record<ConditionOperator, string>> = { beforeToday: '<', isToday: '==', afterToday: '>' };
const fromBinary = new Map(Object.entries(BINARY).map(([operator, logic]) => [logic, operator as ConditionOperator]));
const fromToday = new Map(Object.entries(TODAY).map(([operator, logic]) => [logic, operator as ConditionOperator]));

/** Which kinds each operator is offered for: a `<` on a text field is not the builder's to show. */
const OPERATOR_KINDS = new Map<string, Set<ValueKind>>();
for (const [kind, operators] of Object.entries(OPERATORS_OF_KIND)) {
  for (const operator of operators) OPERATOR_KINDS.set(operator, new Set(OPERATOR_KINDS.get(operator)).add(kind as ValueKind));
}
const offered = (operator: string, kind: ValueKind) => OPERATOR_KINDS.get(operator)?.has(kind) === true;

const isObject = (value: unknown): value is JsonLogic => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The one key of a JsonLogic operation and its arguments, or undefined for anything else. */
function operation(node: unknown): { op: string; args: unknown[] } | undefined {
  if (!isObject(node)) return undefined;
  const keys = Object.keys(node);
  if (keys.length !== 1) return undefined;
  const op = keys[0] as string;
  const args = node[op];
  return { op, args: Array.isArray(args) ? args : [args] };
}

/** `{"var": "name"}` naming a field of the object (no default, no path) → the field. */
function fieldOf(node: unknown, fields: ReadonlyMap<string, ConditionField>): ConditionField | undefined {
  if (!isObject(node) || Object.keys(node).length !== 1 || typeof node.var !== 'string') return undefined;
  return fields.get(node.var);
}

const isToday = (node: unknown) => isObject(node) && Object.keys(node).length === 1 && Array.isArray(node.today) && node.today.length === 0;

/** A literal the builder would write for this kind of field (what it reads back must be the same). */
function fits(kind: ValueKind, value: unknown): value is Literal {
  if (kind === 'number') return typeof value === 'number' && Number.isFinite(value);
  if (kind === 'boolean') return typeof value === 'boolean';
  return typeof value === 'string' && value !== '';
}

/** A point the builder writes: latitude and longitude as finite numbers in range, nothing else. */
function pointOf(node: unknown): { latitude: number; longitude: number } | undefined {
  if (!isObject(node) || Object.keys(node).length !== 2) return undefined;
  const { latitude, longitude } = node;
  if (typeof latitude !== 'number' || typeof longitude !== 'number') return undefined;
  if (!(Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180)) return undefined;
  return { latitude, longitude };
}

/** `{"<=": [{"distance": [{"var": geo}, point]}, km]}` → "within km of point"; anything else undefined. */
function parseWithin(left: unknown, right: unknown, fields: ReadonlyMap<string, ConditionField>): RuleType | undefined {
  const distance = operation(left);
  if (distance?.op !== 'distance' || distance.args.length !== 2) return undefined;
  const field = fieldOf(distance.args[0], fields);
  const point = pointOf(distance.args[1]);
  if (field?.kind !== 'geo' || !point || typeof right !== 'number' || !(right > 0) || !Number.isFinite(right)) return undefined;
  return { field: field.apiName, operator: 'within', value: { ...point, km: right } };
}

/** The "within" editor's value ({latitude, longitude, km}, as typed or as parsed) → numbers in range; undefined when not usable. */
function withinOf(value: unknown): { latitude: number; longitude: number; km: number } | undefined {
  if (!isObject(value)) return undefined;
  const number = (part: unknown) => (typeof part === 'number' ? part : typeof part === 'string' && part.trim() !== '' ? Number(part) : Number.NaN);
  const latitude = number(value.latitude);
  const longitude = number(value.longitude);
  const km = number(value.km);
  if (!(Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180 && km > 0 && Number.isFinite(km))) return undefined;
  return { latitude, longitude, km };
}

function parseRule(node: unknown, fields: ReadonlyMap<string, ConditionField>): RuleType | null {
  const parsed = operation(node);
  if (!parsed) return null;
  const { op, args } = parsed;
  if (op === '!' && args.length === 1) {
    const inner = parseRule(args[0], fields);
    return inner?.operator === 'in' ? { ...inner, operator: 'notIn' } : null;
  }
  if (args.length !== 2) return null;
  const [left, right] = args;
  if (op === 'has_any' || op === 'has_all') {
    const field = fieldOf(left, fields);
    if (field?.kind !== 'links' || !Array.isArray(right) || right.length === 0 || !right.every((id) => typeof id === 'string' && id !== '')) return null;
    return { field: field.apiName, operator: op === 'has_any' ? 'hasAny' : 'hasAll', value: right };
  }
  if (op === '<=') {
    const within = parseWithin(left, right, fields);
    if (within) return within;
  }
  if (op === 'in') {
    const member = fieldOf(right, fields);
    if (member?.kind === 'multipicklist' && typeof left === 'string' && left !== '') return { field: member.apiName, operator: 'has', value: left };
    const field = fieldOf(left, fields);
    if (!field || !offered('in', field.kind) || !Array.isArray(right) || right.length === 0) return null;
    if (!right.every((item) => fits(field.kind, item) && !String(item).includes(','))) return null;
    return { field: field.apiName, operator: 'in', value: right.map(String).join(', ') };
  }
  const field = fieldOf(left, fields);
  if (!field) return null;
  if ((op === '==' || op === '!=') && right === null) return { field: field.apiName, operator: op === '==' ? 'null' : 'notNull', value: '' };
  const today = fromToday.get(op);
  if (today && field.kind === 'date' && isToday(right)) return { field: field.apiName, operator: today, value: '' };
  const operator = fromBinary.get(op);
  if (!operator || !offered(operator, field.kind) || !fits(field.kind, right)) return null;
  return { field: field.apiName, operator, value: right };
}

function parseGroup(node: unknown, fields: ReadonlyMap<string, ConditionField>, not = false): RuleGroupType | null {
  const parsed = operation(node);
  if (!parsed) return null;
  if (parsed.op === '!' && parsed.args.length === 1 && !not) {
    const inner = operation(parsed.args[0]);
    if (inner?.op === 'and' || inner?.op === 'or') return parseGroup(parsed.args[0], fields, true);
    return null;
  }
  if (parsed.op !== 'and' && parsed.op !== 'or') return null;
  const rules: RuleGroupType['rules'] = [];
  for (const child of parsed.args) {
    const inner = operation(child);
    const item =
      inner && (inner.op === 'and' || inner.op === 'or' || (inner.op === '!' && ['and', 'or'].includes(operation(inner.args[0])?.op ?? '')))
        ? parseGroup(child, fields)
        : parseRule(child, fields);
    if (!item) return null;
    rules.push(item);
  }
  return { combinator: parsed.op, ...(not ? { not: true } : {}), rules };
}

/**
 * A condition → the builder's query; undefined/null → an empty group; null when the builder cannot
 * show it exactly (open it as raw JSON).
 */
export function parseCondition(logic: unknown, fields: readonly ConditionField[]): RuleGroupType | null {
  if (logic === undefined || logic === null) return { combinator: 'and', rules: [] };
  const byName = new Map(fields.map((field) => [field.apiName, field]));
  const group = parseGroup(logic, byName);
  if (group) return group;
  const rule = parseRule(logic, byName);
  return rule ? { combinator: 'and', rules: [rule] } : null;
}

/** The builder's text/checkbox value → the literal of the field's kind; undefined when not usable. */
function literal(kind: ValueKind, value: unknown): Literal | undefined {
  if (kind === 'boolean') return value === true || value === 'true' ? true : value === false || value === 'false' ? false : undefined;
  if (kind === 'number') {
    const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
    return Number.isFinite(number) ? number : undefined;
  }
  const text = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
  return text === '' ? undefined : text;
}

function formatRule(rule: RuleType, fields: ReadonlyMap<string, ConditionField>): JsonLogic | undefined {
  const field = fields.get(rule.field);
  const operator = rule.operator as ConditionOperator;
  if (!field) return undefined;
  const target = { var: field.apiName };
  if (operator === 'null') return { '==': [target, null] };
  if (operator === 'notNull') return { '!=': [target, null] };
  const today = TODAY[operator];
  if (today) return { [today]: [target, { today: [] }] };
  if (UNARY_OPERATORS.has(operator)) return undefined;
  if (operator === 'hasAny' || operator === 'hasAll') {
    // The picked records' ids (the value editor keeps them as a list).
    const ids = Array.isArray(rule.value) ? rule.value.filter((id: unknown): id is string => typeof id === 'string' && id !== '') : [];
    return ids.length > 0 ? { [operator === 'hasAny' ? 'has_any' : 'has_all']: [target, ids] } : undefined;
  }
  if (operator === 'within') {
    // The server's `distance` in km; `<=` lets it prefilter with the GiST index (README, Geolocation).
    const within = withinOf(rule.value);
    return within ? { '<=': [{ distance: [target, { latitude: within.latitude, longitude: within.longitude }] }, within.km] } : undefined;
  }
  if (LIST_OPERATORS.has(operator)) {
    const items = (Array.isArray(rule.value) ? rule.value : String(rule.value ?? '').split(',')).map((item: unknown) => literal(field.kind, item));
    if (items.length === 0 || items.some((item) => item === undefined)) return undefined;
    const membership = { in: [target, items] };
    return operator === 'in' ? membership : { '!': membership };
  }
  const value = literal(field.kind, rule.value);
  if (value === undefined) return undefined;
  if (operator === 'has') return { in: [String(value), target] };
  const op = BINARY[operator];
  return op ? { [op]: [target, value] } : undefined;
}

/** `incomplete`: rules left out because they have no usable value (the editor says so). */
function formatGroup(group: RuleGroupType, fields: ReadonlyMap<string, ConditionField>, counts: { incomplete: number }): JsonLogic | undefined {
  const parts: JsonLogic[] = [];
  for (const item of group.rules) {
    if (typeof item === 'string') continue;
    const part = 'rules' in item ? formatGroup(item, fields, counts) : formatRule(item, fields);
    if (part) parts.push(part);
    else if (!('rules' in item)) counts.incomplete++;
  }
  if (parts.length === 0) return undefined;
  const combined = { [group.combinator === 'or' ? 'or' : 'and']: parts };
  return group.not ? { '!': combined } : combined;
}

/**
 * The builder's query → JsonLogic (undefined: no condition). A top-level group of one rule is that
 * rule alone, the shape an admin would write by hand.
 */
export function formatCondition(query: RuleGroupType, fields: readonly ConditionField[]): { logic: JsonLogic | undefined; incomplete: number } {
  const counts = { incomplete: 0 };
  const byName = new Map(fields.map((field) => [field.apiName, field]));
  const logic = formatGroup(query, byName, counts);
  if (logic && !query.not && query.rules.length === 1) {
    const only = query.rules[0];
    if (only && typeof only !== 'string' && !('rules' in only)) return { logic: formatRule(only, byName), incomplete: counts.incomplete };
  }
  return { logic, incomplete: counts.incomplete };
}
