// Rules evaluated in memory with json-logic-js — the same library, operators and conversions in
// the browser form and on the server: formulas (for previews and the agreement suite), default
// expressions, validation rules. Records are in API form (what GET returns).
import { bindPathValues, readsLookupPath } from './lookup-paths.ts';
import jsonLogic from 'json-logic-js';
import type { NormalisedField, NormalisedFormulaField, NormalisedObject, NormalisedValidationRule } from '../normalised-types.ts';
import type { FormulaReturnType, JsonLogicRule } from '../types.ts';
import { registerTesseraOperators } from './operators.ts';
import { roundHalfAway } from './round-half-away.ts';
import { dateOf } from './rule-dates.ts';
import type { CalendarSet } from '../calendars/calendar-types.ts';

registerTesseraOperators(jsonLogic);

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})$/;

/** The request's context: the date and instant (from the server's clock) and the acting user. */
export interface RuleContext {
  /** YYYY-MM-DD (UTC). */
  today: string;
  /** ISO instant. */
  now: string;
  userId: string | null;
  /** The tenant's calendars, which add_business_hours / business_hours_between read as `$calendars`. */
  calendars?: CalendarSet;
}

export function ruleContextAt(clock: Date, userId: string | null = null, calendars?: CalendarSet): RuleContext {
  // Every record request builds one: format the instant once (toISOString is not free).
  const now = clock.toISOString();
  const context: RuleContext = { today: now.slice(0, 10), now, userId };
  if (calendars) context.calendars = calendars;
  return context;
}

/**
 * The data object a rule is applied to: the record's fields, `previous` (the stored record, or null
 * on create), `$today`, `$now` and `$user.id` (json-logic-js reads "$user.id" as $user → id).
 */
export function ruleData(
  record: Readonly<Record<string, unknown>>,
  context: RuleContext,
  previous: Readonly<Record<string, unknown>> | null = null,
): Record<string, unknown> {
  const base = { ...record, previous, $today: context.today, $now: context.now, $user: { id: context.userId } };
  return context.calendars ? { ...base, $calendars: context.calendars } : base;
}

/** Applies a rule to data with Tessera's operators registered. */
export const applyRule = (rule: JsonLogicRule | unknown, data: unknown): unknown => jsonLogic.apply(rule as never, data);

/** JsonLogic truthiness ([] and "0"-free: json-logic-js's own definition). */
export const isTruthy = (value: unknown): boolean => jsonLogic.truthy(value);

/**
 * A formula's raw json-logic-js result → the value the API returns: numbers rounded to `scale`
 * (half away from zero; NaN and ±Infinity, e.g. x/0, become null), booleans by JsonLogic
 * truthiness (never null), dates as YYYY-MM-DD, text as is; anything else null.
 */
export function formulaResult(returns: FormulaReturnType, scale: number, raw: unknown): string | number | boolean | null {
  switch (returns) {
    case 'number':
    case 'currency':
    case 'percent':
      return typeof raw === 'number' && Number.isFinite(raw) ? roundHalfAway(raw, scale) : null;
    case 'boolean':
      return jsonLogic.truthy(raw);
    case 'date':
      return dateOf(raw) ?? null;
    case 'datetime':
      // add_hours / add_business_hours answer ISO instants; printed as the API prints datetimes.
      return typeof raw === 'string' && ISO_INSTANT.test(raw) ? new Date(raw).toISOString() : null;
    case 'text':
      return typeof raw === 'string' ? raw : null;
  }
}

/** One formula's value on a record whose other formulas are already computed. */
export function evaluateFormula(
  field: NormalisedFormulaField,
  record: Readonly<Record<string, unknown>>,
  context: RuleContext,
): string | number | boolean | null {
  // A path (`account.region`) reads the value the read plan fetched under that key, as SQL reads it live.
  const expression = readsLookupPath(field.expression) ? bindPathValues(field.expression, record) : field.expression;
  return formulaResult(field.returns, field.scale, applyRule(expression, ruleData(record, context)));
}

/**
 * Every formula of the object computed on a record (in API form), formulas read by other formulas
 * first. Returns the record with the formula values set. Metadata validation guarantees no cycles.
 */
export function evaluateFormulas(object: NormalisedObject, record: Readonly<Record<string, unknown>>, context: RuleContext): Record<string, unknown> {
  const result: Record<string, unknown> = { ...record };
  for (const field of formulaOrder(object)) result[field.apiName] = evaluateFormula(field, result, context);
  return result;
}

const orders = new WeakMap<NormalisedObject, NormalisedFormulaField[]>();

/** The object's formulas, each after the formulas it reads. */
export function formulaOrder(object: NormalisedObject): NormalisedFormulaField[] {
  let order = orders.get(object);
  if (order) return order;
  const formulas = new Map(object.fields.filter((field): field is NormalisedFormulaField => field.type === 'formula').map((field) => [field.apiName, field]));
  order = [];
  const placed = new Set<string>();
  const place = (field: NormalisedFormulaField, depth: number) => {
    if (placed.has(field.apiName) || depth > formulas.size) return;
    for (const name of varNames(field.expression)) {
      const dependency = formulas.get(name);
      if (dependency) place(dependency, depth + 1);
    }
    placed.add(field.apiName);
    order?.push(field);
  };
  for (const field of formulas.values()) place(field, 0);
  orders.set(object, order);
  return order;
}

/** Every `var` name in a rule. */
export function varNames(rule: unknown, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(rule)) for (const item of rule) varNames(item, into);
  else if (rule !== null && typeof rule === 'object') {
    for (const [op, args] of Object.entries(rule)) {
      if (op === 'var') {
        const name = Array.isArray(args) ? args[0] : args;
        if (typeof name === 'string') into.add(name);
      } else varNames(args, into);
    }
  }
  return into;
}

/** The active validation rules whose condition is falsy for this record (all of them, in order). */
export function failingValidationRules(
  object: NormalisedObject,
  record: Readonly<Record<string, unknown>>,
  previous: Readonly<Record<string, unknown>> | null,
  context: RuleContext,
): NormalisedValidationRule[] {
  const rules = (object.validationRules ?? []).filter((rule) => rule.active);
  if (rules.length === 0) return [];
  const data = ruleData(record, context, previous);
  return rules.filter((rule) => !jsonLogic.truthy(applyRule(rule.condition, data)));
}

/**
 * The failing rules as the API reports them (and the form shows them): `/<field>` or `""` for the
 * whole record, code TSR500, the message in the given language (English when it has none).
 */
export function validationRuleErrors(
  object: NormalisedObject,
  record: Readonly<Record<string, unknown>>,
  previous: Readonly<Record<string, unknown>> | null,
  context: RuleContext,
  language: 'en' | 'zh' = 'en',
): { path: string; code: 'TSR500'; message: string; rule: string }[] {
  return failingValidationRules(object, record, previous, context).map((rule) => ({
    path: rule.field ? `/${rule.field}` : '',
    code: 'TSR500',
    message: rule.message[language] ?? rule.message.en ?? rule.message.zh ?? rule.apiName,
    rule: rule.apiName,
  }));
}

/**
 * Defaults computed from expressions for the fields the body leaves out (create only). A result
 * that is not a value of the field's type (e.g. null, a date for a number field) sets nothing.
 */
export function expressionDefaults(object: NormalisedObject, body: Readonly<Record<string, unknown>>, context: RuleContext): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  const data = ruleData(body, context);
  for (const field of object.fields) {
    if (!('defaultExpr' in field) || field.defaultExpr === undefined || field.apiName in body) continue;
    const value = asFieldValue(field, applyRule(field.defaultExpr, data));
    if (value !== undefined) defaults[field.apiName] = value;
  }
  return defaults;
}

function asFieldValue(field: NormalisedField, value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  switch (field.type) {
    case 'number':
    case 'currency':
    case 'percent':
      return typeof value === 'number' && Number.isFinite(value) ? roundHalfAway(value, field.scale) : undefined;
    case 'boolean':
      return jsonLogic.truthy(value);
    case 'date':
      return dateOf(value);
    case 'multipicklist':
      return Array.isArray(value) ? value : undefined;
    default:
      return typeof value === 'string' ? value : undefined;
  }
}
