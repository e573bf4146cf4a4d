// The canonical conversions under which a compileValue result (JSON from to_jsonb) and a
// json-logic-js value are compared: numbers as doubles (NaN, like SQL's NULL-for-NaN, as null),
// instants as epoch milliseconds, everything else as JSON.
import type { CompiledValue } from '../../runtime/src/filter/index.ts';

type ValueType = CompiledValue['type'];

export function canonicalSql(type: ValueType, value: unknown): unknown {
  if (value === null) return null;
  if (type === 'number') return Number(value);
  if (type === 'datetime') return Date.parse(value as string);
  return value;
}

export function canonicalJs(type: ValueType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'number') {
    const number = Number(value);
    return Number.isNaN(number) ? null : number + 0; // -0 renders as 0
  }
  if (type === 'datetime' && typeof value === 'string') return Date.parse(value);
  return value;
}
