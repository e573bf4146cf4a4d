// How rule changes reach a plan: formulas never touch DDL, roll-ups are columns, rule lists are
// object metadata (so an apply records them instead of finding nothing to do).
import { describe, expect, it } from 'vitest';
import { diffSnapshots } from '../diff/diff-snapshots.ts';
import { EMPTY_SNAPSHOT, type MetadataSnapshot, type NormalisedObject, type ObjectDef, validateDocument } from '../index.ts';

const v = (name: string) => ({ var: name });
const deal = (fields: ObjectDef['fields'] = [], extra: Partial<ObjectDef> = {}): ObjectDef => ({
  apiName: 'deal',
  labels: { en: 'Deal' },
  fields: [
    { type: 'currency', apiName: 'amount', labels: { en: 'Amount' } },
    { type: 'lookup', apiName: 'parent', labels: { en: 'Parent' }, target: 'deal' },
    ...fields,
  ],
  ...extra,
});
const normalised = (def: ObjectDef, live: MetadataSnapshot = EMPTY_SNAPSHOT): NormalisedObject[] => {
  const result = validateDocument(def, live);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
};
const planOf = (live: ObjectDef, next: ObjectDef) => {
  const liveSnapshot = { objects: normalised(live) };
  const result = diffSnapshots(liveSnapshot, normalised(next, liveSnapshot));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value.actions.map((action) =>
    `${action.kind} ${'field' in action ? (typeof action.field === 'string' ? action.field : action.field?.apiName) : ''} ${'changes' in action ? action.changes.join(',') : ''}`.trim(),
  );
};
const formula = (expression: unknown, scale?: number) =>
  ({
    type: 'formula',
    apiName: 'double',
    labels: { en: 'Double' },
    returns: 'currency',
    expression,
    ...(scale === undefined ? {} : { scale }),
  }) as ObjectDef['fields'][number];

describe('rule changes in a plan', () => {
  it('adds, changes and removes a formula without DDL', () => {
    expect(planOf(deal(), deal([formula({ '*': [v('amount'), 2] })]))).toEqual(['update_metadata double added']);
    expect(planOf(deal([formula({ '*': [v('amount'), 2] })]), deal([formula({ '*': [v('amount'), 3] }, 0)]))).toEqual([
      'update_metadata double scale,expression',
    ]);
    expect(planOf(deal([formula({ '*': [v('amount'), 2] })]), deal())).toEqual(['update_metadata double removed']);
  });

  it('adds a roll-up as a column and records a changed definition as metadata', () => {
    const rollup = (fn: 'count' | 'sum') =>
      ({
        type: 'rollup',
        apiName: 'kids',
        labels: { en: 'Kids' },
        childObject: 'deal',
        childField: 'parent',
        function: fn,
        ...(fn === 'sum' ? { aggregateField: 'amount' } : {}),
      }) as ObjectDef['fields'][number];
    // The roll-up's storage is planned too (issue #16): its triggers and its backfill are steps of the plan.
    expect(planOf(deal(), deal([rollup('count')]))).toEqual(['add_column kids', 'sync_rollup_triggers', 'backfill_rollup kids']);
    expect(planOf(deal([rollup('count')]), deal([rollup('sum')]))).toEqual([
      'alter_column_type kids',
      'sync_rollup_triggers',
      'backfill_rollup kids',
      'update_metadata kids function,aggregateField',
    ]);
  });

  it('records validation and duplicate rules as object metadata', () => {
    const rules = { validationRules: [{ apiName: 'positive', condition: { '>': [v('amount'), 0] }, message: { en: 'x' } }] };
    expect(planOf(deal(), deal([], rules))).toEqual(['update_metadata  validationRules']);
    // A duplicate rule's trigger and key backfill are planned steps before the metadata change (issue #16).
    expect(planOf(deal(), deal([], { duplicateRules: [{ apiName: 'same', fields: [{ field: 'amount' }], action: 'block' }] }))).toEqual([
      'sync_duplicate_trigger',
      'backfill_duplicate_keys',
      'update_metadata  duplicateRules',
    ]);
  });
});
