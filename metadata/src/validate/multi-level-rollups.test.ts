// Roll-ups of formulas and of roll-ups (issue #21): the quote sample validates in any object order
// with each level's result type, and a clock-reading formula, a loop and a chain deeper than
// MAX_ROLLUP_DEPTH are refused with the path of the offending roll-up.
import { describe, expect, it } from 'vitest';
import type { ProblemDetail } from '../error-codes.ts';
import type { MetadataSnapshot, NormalisedObject, NormalisedRollupField } from '../normalised-types.ts';
import { quoteLine, quoteObject, quoteRollupObjects } from '../testing/quote-rollups.ts';
import type { FieldDef, ObjectDef } from '../types.ts';
import { MAX_ROLLUP_DEPTH } from './resolve-rollups.ts';
import { validateDocument } from './validate-document.ts';

const EMPTY: MetadataSnapshot = { objects: [] };
const rollupOf = (objects: NormalisedObject[], object: string, field: string) =>
  objects.find((candidate) => candidate.apiName === object)?.fields.find((candidate) => candidate.apiName === field) as NormalisedRollupField;

function refused(objects: ObjectDef[], live: MetadataSnapshot = EMPTY): ProblemDetail[] {
  const result = validateDocument({ objects }, live);
  if (result.ok) throw new Error('expected a refusal');
  return result.errors;
}

describe('multi-level roll-ups', () => {
  it.each([
    ['parents first', quoteRollupObjects()],
    ['children first', quoteRollupObjects().reverse()],
  ])('accept the quote sample (%s) with each level typed from the one below', (_, objects) => {
    const result = validateDocument({ objects }, EMPTY);
    expect(result.ok, JSON.stringify(result.ok ? [] : result.errors)).toBe(true);
    if (!result.ok) return;
    // The line formula is currency with scale 2 and no declared precision: the widest numeric.
    expect(rollupOf(result.value, 'quote', 'total').result).toEqual({ type: 'currency', precision: 38, scale: 2 });
    expect(rollupOf(result.value, 'quote', 'largest_line').result).toEqual({ type: 'currency', precision: 38, scale: 2 });
    expect(rollupOf(result.value, 'opportunity', 'quoted').result).toEqual({ type: 'currency', precision: 38, scale: 2 });
    expect(rollupOf(result.value, 'opportunity', 'quoted_net').result).toEqual({ type: 'currency', precision: 38, scale: 2 });
    expect(rollupOf(result.value, 'account', 'pipeline').result).toEqual({ type: 'currency', precision: 38, scale: 2 });
  });

  it('accept a level built on live objects', () => {
    const [account, ...rest] = quoteRollupObjects() as [ObjectDef, ...ObjectDef[]];
    const first = validateDocument({ objects: [{ ...account, fields: account.fields.slice(0, 1) }, ...rest] }, EMPTY);
    if (!first.ok) throw new Error(JSON.stringify(first.errors));
    const result = validateDocument({ objects: [account] }, { objects: first.value });
    if (result.ok) expect(rollupOf(result.value, 'account', 'pipeline').result.type).toBe('currency');
    expect(result.ok, JSON.stringify(result.ok ? [] : result.errors)).toBe(true);
  });

  it.each([
    ['{"today": []}', { add_days: [{ today: [] }, 1] }, 'date', 'max', 'today'],
    ['$now', { if: [{ var: '$now' }, { var: 'quantity' }, 0] }, 'number', 'sum', '$now'],
    ['$user.id', { if: [{ '==': [{ var: '$user.id' }, { var: 'owner_id' }] }, 1, 0] }, 'number', 'sum', '$user.id'],
  ])('refuse a formula that reads %s, through another formula, naming the roll-up path', (_, expression, returns, fn, read) => {
    const line = quoteLine();
    line.fields.push({ type: 'formula', apiName: 'inner', labels: { en: 'Inner' }, returns, expression } as FieldDef);
    line.fields.push({ type: 'formula', apiName: 'outer', labels: { en: 'Outer' }, returns, expression: { var: 'inner' } } as FieldDef);
    const quote = quoteObject();
    quote.fields.push({
      type: 'rollup',
      apiName: 'stale',
      labels: { en: 'Stale' },
      childObject: 'quote_line',
      childField: 'quote',
      function: fn,
      aggregateField: 'outer',
    } as FieldDef);
    const errors = refused([quote, line, ...quoteRollupObjects().slice(0, 2)]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'TSR520', path: `/objects/0/fields/${quote.fields.length - 1}/aggregateField` });
    expect(errors[0]?.message).toContain('quote.stale');
    expect(errors[0]?.message).toContain(read);
  });

  it('refuse a loop of roll-ups, also across a formula', () => {
    // account.pipeline sums opportunity.quoted; make quoted read the account back through a formula.
    const [account, opportunity] = quoteRollupObjects() as [ObjectDef, ObjectDef];
    account.fields.push({ type: 'lookup', apiName: 'deal', labels: { en: 'Deal' }, target: 'opportunity' } as FieldDef);
    account.fields.push({
      type: 'formula',
      apiName: 'pipeline_x2',
      labels: { en: 'x2' },
      returns: 'number',
      expression: { '*': [{ var: 'pipeline' }, 2] },
    } as FieldDef);
    opportunity.fields.push({
      type: 'rollup',
      apiName: 'back',
      labels: { en: 'Back' },
      childObject: 'account',
      childField: 'deal',
      function: 'sum',
      aggregateField: 'pipeline_x2',
    } as FieldDef);
    account.fields[1] = { ...(account.fields[1] as FieldDef), aggregateField: 'back' } as FieldDef;
    const errors = refused([account, opportunity, quoteObject(), quoteLine()]);
    expect(errors.map((error) => error.code)).toEqual(['TSR521']);
    expect(errors[0]?.message).toMatch(/account\.pipeline → opportunity\.back → account\.pipeline/);
  });

  it('refuse a hierarchy roll-up summarising itself', () => {
    const account: ObjectDef = {
      apiName: 'account',
      labels: { en: 'Account' },
      fields: [
        { type: 'number', apiName: 'revenue', labels: { en: 'Revenue' } },
        { type: 'lookup', apiName: 'parent', labels: { en: 'Parent' }, target: 'account' },
        {
          type: 'rollup',
          apiName: 'group_revenue',
          labels: { en: 'Group' },
          childObject: 'account',
          childField: 'parent',
          function: 'sum',
          aggregateField: 'group_revenue',
        },
      ],
    };
    expect(refused([account])).toMatchObject([{ code: 'TSR521', path: '/objects/0/fields/2/aggregateField' }]);
  });

  it(`refuse a chain deeper than ${MAX_ROLLUP_DEPTH} levels and accept one of exactly ${MAX_ROLLUP_DEPTH}`, () => {
    // level_0 ← level_1 ← … each object looks up the next and sums its child's `total`.
    const chain = (levels: number): ObjectDef[] =>
      Array.from({ length: levels + 1 }, (_, i) => ({
        apiName: `level_${i}`,
        labels: { en: `Level ${i}` },
        fields: [
          i === 0
            ? ({ type: 'number', apiName: 'total', labels: { en: 'Total' } } as FieldDef)
            : ({
                type: 'rollup',
                apiName: 'total',
                labels: { en: 'Total' },
                childObject: `level_${i - 1}`,
                childField: 'up',
                function: 'sum',
                aggregateField: 'total',
              } as FieldDef),
          ...(i < levels ? [{ type: 'lookup', apiName: 'up', labels: { en: 'Up' }, target: `level_${i + 1}` } as FieldDef] : []),
        ],
      }));
    expect(validateDocument({ objects: chain(MAX_ROLLUP_DEPTH) }, EMPTY).ok).toBe(true);
    const errors = refused(chain(MAX_ROLLUP_DEPTH + 1));
    expect(errors).toMatchObject([{ code: 'TSR521', path: `/objects/${MAX_ROLLUP_DEPTH + 1}/fields/0/aggregateField` }]);
  });

  it('refuse a text formula with the types sum accepts', () => {
    const line = quoteLine();
    line.fields.push({
      type: 'formula',
      apiName: 'label',
      labels: { en: 'Label' },
      returns: 'text',
      expression: { cat: [{ var: 'product' }, '!'] },
    } as FieldDef);
    const quote = quoteObject();
    quote.fields.push({
      type: 'rollup',
      apiName: 'labels',
      labels: { en: 'L' },
      childObject: 'quote_line',
      childField: 'quote',
      function: 'sum',
      aggregateField: 'label',
    } as FieldDef);
    const errors = refused([quote, line, ...quoteRollupObjects().slice(0, 2)]);
    expect(errors).toMatchObject([{ code: 'TSR505' }]);
    expect(errors[0]?.message).toContain('a formula returning text');
  });
});
