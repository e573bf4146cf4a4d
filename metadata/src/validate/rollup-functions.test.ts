// Every roll-up function × every child field type, generated from the registries (ROLLUP_FUNCTIONS,
// FIELD_FIXTURES): which pairs metadata validation accepts, and the result type each gets. The
// expectations below are the documented rules, written out independently of check-rules.ts.
import { describe, expect, it } from 'vitest';
import type { NormalisedField, NormalisedRollupField } from '../normalised-types.ts';
import { FIELD_FIXTURES, accountDef } from '../testing/fixtures.ts';
import { type FieldDef, type FieldType, type ObjectDef, ROLLUP_FUNCTIONS, type RollupFunction } from '../types.ts';
import { validateDocument } from './validate-document.ts';

const NUMERIC: FieldType[] = ['number', 'currency', 'percent'];
/** The child field types each function summarises (count takes no field). */
const ACCEPTS: Record<RollupFunction, (type: FieldType) => boolean> = {
  count: () => false,
  sum: (type) => NUMERIC.includes(type),
  avg: (type) => NUMERIC.includes(type),
  min: (type) => [...NUMERIC, 'date', 'datetime'].includes(type),
  max: (type) => [...NUMERIC, 'date', 'datetime'].includes(type),
  count_distinct: (type) => !['formula', 'rollup', 'multipicklist'].includes(type),
};

// The child: one field of every type except the roll-up (whose fixture counts accounts), looking up account.
const childFields = Object.values(FIELD_FIXTURES).filter((field) => field.type !== 'rollup');
const child = (): ObjectDef => ({ apiName: 'opportunity', labels: { en: 'Opportunity' }, fields: structuredClone(childFields) });

function parentWith(fn: RollupFunction, aggregate: FieldDef | undefined): ObjectDef {
  const parent = accountDef();
  parent.fields.push({
    type: 'rollup',
    apiName: 'summary',
    labels: { en: 'Summary', zh: '汇总' },
    childObject: 'opportunity',
    childField: 'account',
    function: fn,
    ...(aggregate ? { aggregateField: aggregate.apiName } : {}),
  } as FieldDef);
  return parent;
}

const cases = ROLLUP_FUNCTIONS.flatMap((fn) => childFields.map((field) => [fn, field.type, field] as const));

describe('roll-up function × child field type', () => {
  it('covers the new functions', () => {
    expect(ROLLUP_FUNCTIONS).toEqual(expect.arrayContaining(['avg', 'count_distinct']));
  });

  it.each(cases)('%s over a %s field', (fn, type, field) => {
    const result = validateDocument({ objects: [parentWith(fn, field), child()] }, { objects: [] });
    expect(result.ok, JSON.stringify(result.ok ? [] : result.errors)).toBe(ACCEPTS[fn](type));
    if (!result.ok) {
      // The fixture formula reads today: min/max could take its date, but a stored value would go stale.
      const code = type === 'formula' && (fn === 'min' || fn === 'max') ? 'TSR520' : 'TSR505';
      expect(result.errors.some((error) => error.code === code && /aggregateField$/.test(error.path))).toBe(true);
      return;
    }
    const summary = result.value
      .find((object) => object.apiName === 'account')
      ?.fields.find((candidate) => candidate.apiName === 'summary') as NormalisedRollupField;
    const summarised = result.value
      .find((object) => object.apiName === 'opportunity')
      ?.fields.find((candidate) => candidate.apiName === field.apiName) as NormalisedField;
    if (fn === 'count_distinct') expect(summary.result).toMatchObject({ type: 'number', scale: 0 });
    else expect(summary.result.type).toBe(summarised.type);
    if (fn === 'avg' && 'scale' in summarised) expect(summary.result.scale).toBe(summarised.scale + 2);
  });

  it.each(ROLLUP_FUNCTIONS.filter((fn) => fn !== 'count'))('%s without a field to summarise is refused', (fn) => {
    const result = validateDocument({ objects: [parentWith(fn, undefined), child()] }, { objects: [] });
    expect(result.ok).toBe(false);
  });
});
