// The child fields a roll-up function can summarise, as the roll-up editor offers them: stored
// fields of the right type, and formulas and roll-ups whose result is of that type (quote
// `total = sum(line.amount)` over a formula, opportunity `quoted = sum(quote.total)` over a roll-up).
// The same rules as the metamodel (resolve-rollups.ts), which has the last word: a formula that
// reads the clock is offered but refused on save with a message naming the path.
import type { NormalisedField, NormalisedObject, RollupFunction } from '@tessera/metadata';

const NUMERIC = new Set(['number', 'currency', 'percent']);
const ORDERED = new Set([...NUMERIC, 'date', 'datetime']);

/** The type of the value a field gives a roll-up, or undefined when it gives no single value. */
function valueType(field: NormalisedField): string | undefined {
  if (field.type === 'formula') return field.returns;
  if (field.type === 'rollup') return field.result?.type;
  return field.type === 'multipicklist' ? undefined : field.type;
}

export function summarisableFields(child: NormalisedObject | undefined, fn: RollupFunction | undefined): NormalisedField[] {
  if (!child || fn === 'count') return [];
  return child.fields.filter((field) => {
    const type = valueType(field);
    if (type === undefined) return false;
    if (fn === 'count_distinct') return field.type !== 'formula' && field.type !== 'rollup';
    return fn === 'sum' || fn === 'avg' ? NUMERIC.has(type) : ORDERED.has(type);
  });
}
