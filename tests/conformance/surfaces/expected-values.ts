// What the API must answer for computed fields, worked out here from the records it returned:
// formulas with the metamodel's json-logic-js evaluator (the one the designer runs), roll-ups by
// summarising the child records in JavaScript, autonumbers by their format.
import { applyRule, evaluateFormula, isTruthy, type NormalisedField, type NormalisedRollupField, roundHalfAway, ruleContextAt } from '@tessera/metadata';
import type { Order } from './value-order.ts';

// biome-ignore lint/suspicious/noExplicitAny: records are dynamic JSON
export type Rec = Record<string, any>;

export function expectedRollup(field: NormalisedRollupField, children: readonly Rec[], order: Order): unknown {
  const counted = children.filter((child) => child.deleted_at === null && (field.filter === undefined || isTruthy(applyRule(field.filter, child))));
  if (field.function === 'count') return counted.length;
  const values = counted.map((child) => child[field.aggregateField as string]).filter((value) => value !== null && value !== undefined);
  if (field.function === 'sum')
    return roundHalfAway(
      values.reduce((sum: number, value) => sum + Number(value), 0),
      field.result.scale,
    );
  // Distinct non-null values; the API renders equal values alike (dates as YYYY-MM-DD, numbers as JSON numbers).
  if (field.function === 'count_distinct') return new Set(values.map((value) => JSON.stringify(value))).size;
  if (values.length === 0) return null;
  if (field.function === 'avg') return roundHalfAway(values.reduce((sum: number, value) => sum + Number(value), 0) / values.length, field.result.scale);
  const sorted = [...values].sort(order);
  return field.function === 'min' ? sorted[0] : sorted[sorted.length - 1];
}

/** `OPP-{YYYY}-{0000}` → a pattern for its renderings: date tokens are digits, the counter at least as wide as its zeros. */
export function autonumberPattern(format: string): RegExp {
  const escaped = format.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
  const pattern = escaped
    .replace(/\{(0+)\}/, (_, zeros: string) => `\\d{${zeros.length},}`)
    .replace(/\{(Y+|M+|D+)\}/g, (_, token: string) => `\\d{${token.length}}`);
  return new RegExp(`^${pattern}$`);
}

/** The value a computed field must have on this record (null when the suite cannot know it). */
export function expectedComputed(field: NormalisedField, record: Rec, children: readonly Rec[], clock: Date, order: Order | 'unsortable'): unknown {
  if (field.type === 'formula') return evaluateFormula(field, record, ruleContextAt(clock));
  if (field.type === 'rollup') return expectedRollup(field, children, order === 'unsortable' ? () => 0 : order);
  throw new Error(`${field.apiName} (${field.type}) is not computed`);
}
