import jsonLogic from 'json-logic-js';
import { describe, expect, it } from 'vitest';
import { EMPTY_SNAPSHOT, type NormalisedObject, type NormalisedRollupField, type ObjectDef } from '../index.ts';
import { validateDocument } from '../validate/validate-document.ts';
import { evaluateFormulas, expressionDefaults, failingValidationRules, formulaResult, ruleContextAt } from './evaluate-rules.ts';
import { roundHalfAway } from './round-half-away.ts';
import { duplicateMatchKey, normaliseMatchValue } from './normalise-match-value.ts';
import { registerTesseraOperators } from './operators.ts';

registerTesseraOperators(jsonLogic);
const context = ruleContextAt(new Date('2026-03-15T10:00:00.000Z'), '01900000-0000-7000-8000-000000000001');

describe('date operators in json-logic-js', () => {
  it.each([
    [{ add_days: ['2026-01-31', 30] }, {}, '2026-03-02'],
    [{ add_days: ['2024-02-28', 1] }, {}, '2024-02-29'],
    [{ add_days: ['2026-01-01', -1.9] }, {}, '2025-12-31'],
    [{ add_days: ['2026-01-01T23:30:00.000Z', 1] }, {}, '2026-01-02'],
    [{ add_days: [{ var: 'd' }, 1] }, { d: null }, null],
    [{ add_days: ['2026-01-01', null] }, {}, null],
    [{ add_days: ['not a date', 1] }, {}, null],
    [{ add_days: ['9999-12-31', 1] }, {}, null],
    [{ days_between: ['2026-01-01', '2026-03-01'] }, {}, 59],
    [{ days_between: ['2026-03-01', '2026-01-01'] }, {}, -59],
    [{ days_between: [{ var: 'a' }, '2026-01-01'] }, { a: null }, null],
    [{ year: '2026-07-04' }, {}, 2026],
    [{ month: ['2026-07-04T00:00:00.000Z'] }, {}, 7],
    [{ month: [5] }, {}, null],
    [{ today: [] }, { $today: '2026-03-15' }, '2026-03-15'],
    [{ add_days: [{ today: [] }, 30] }, { $today: '2026-03-15' }, '2026-04-14'],
    [{ now: [] }, { $now: '2026-03-15T10:00:00.000Z' }, '2026-03-15T10:00:00.000Z'],
  ])('%j on %j is %j', (rule, data, expected) => {
    expect(jsonLogic.apply(rule as never, data)).toBe(expected);
  });

  it('falls back to the machine clock without a context', () => {
    expect(jsonLogic.apply({ today: [] } as never, {})).toBe(new Date().toISOString().slice(0, 10));
  });
});

describe('formula results', () => {
  it('rounds half away from zero like PostgreSQL, and NaN or Infinity is null', () => {
    expect([roundHalfAway(1.005, 2), roundHalfAway(-2.5, 0), roundHalfAway(0.1 + 0.2, 2), roundHalfAway(-0.001, 2)]).toEqual([1.01, -3, 0.3, 0]);
    expect(formulaResult('currency', 2, 10 / 0)).toBeNull();
    expect(formulaResult('number', 2, Number.NaN)).toBeNull();
    expect(formulaResult('number', 0, '5')).toBeNull();
    expect(formulaResult('boolean', 2, [])).toBe(false);
    expect(formulaResult('boolean', 2, null)).toBe(false);
    expect(formulaResult('date', 2, '2026-02-30')).toBeNull();
    expect(formulaResult('text', 2, 5)).toBeNull();
  });
});

describe('查重 normalisation', () => {
  it('folds width, case, spaces and punctuation so Chinese company names match', () => {
    const company = ['width', 'case', 'whitespace', 'punctuation'] as const;
    const names = ['华为技术有限公司', '华为 技术有限公司', '华为技术有限公司。', '华为技术　有限公司', '（华为）技术有限公司'];
    expect(new Set(names.map((name) => normaliseMatchValue(name, company)))).toEqual(new Set(['华为技术有限公司']));
    expect(normaliseMatchValue('ＨＵＡＷＥＩ Tech', company)).toBe(normaliseMatchValue('huawei tech', company));
    expect(normaliseMatchValue('华为', company)).not.toBe(normaliseMatchValue('华为技术有限公司', company));
    expect(normaliseMatchValue('Ａｃｍｅ', [])).toBe('Ａｃｍｅ');
  });

  it('keeps phone digits and lower-cases emails; empty values never match', () => {
    expect(normaliseMatchValue('+86 (10) 1234-5678', ['digits'])).toBe('861012345678');
    expect(normaliseMatchValue('１３８ ００１３ ８０００', ['width', 'digits'])).toBe('13800138000');
    expect(normaliseMatchValue(' Li.Lei@Example.COM ', ['email'])).toBe('li.lei@example.com');
    expect(normaliseMatchValue('  ', ['whitespace'])).toBeNull();
    expect(normaliseMatchValue(null, [])).toBeNull();
    expect(
      duplicateMatchKey({ name: 'A', phone: null }, [
        { field: 'name', normalise: [] },
        { field: 'phone', normalise: ['digits'] },
      ]),
    ).toBeNull();
    expect(
      duplicateMatchKey({ name: 'A', phone: '1-2' }, [
        { field: 'name', normalise: [] },
        { field: 'phone', normalise: ['digits'] },
      ]),
    ).toBe('["A","12"]');
  });
});

const deal = (extra: Partial<ObjectDef> = {}, fields: ObjectDef['fields'] = []): ObjectDef => ({
  apiName: 'deal',
  labels: { en: 'Deal', zh: '商机' },
  fields: [
    { type: 'text', apiName: 'name', labels: { en: 'Name' } },
    { type: 'currency', apiName: 'amount', labels: { en: 'Amount' } },
    { type: 'percent', apiName: 'probability', labels: { en: 'Probability' } },
    { type: 'date', apiName: 'close_date', labels: { en: 'Close date' } },
    { type: 'phone', apiName: 'phone', labels: { en: 'Phone' } },
    { type: 'lookup', apiName: 'account', labels: { en: 'Account' }, target: 'account' },
    ...fields,
  ],
  ...extra,
});
const account = (fields: ObjectDef['fields'] = []): ObjectDef => ({
  apiName: 'account',
  labels: { en: 'Account' },
  fields: [{ type: 'text', apiName: 'name', labels: { en: 'Name' } }, ...fields],
});
const errorsOf = (...objects: ObjectDef[]) => {
  const result = validateDocument({ objects }, EMPTY_SNAPSHOT);
  return result.ok ? [] : result.errors.map((error) => [error.path, error.code]);
};

describe('rules checked when metadata is saved', () => {
  it('accepts formulas, roll-ups, validation and duplicate rules, and resolves roll-up result types', () => {
    const result = validateDocument(
      {
        objects: [
          deal(
            {
              validationRules: [
                {
                  apiName: 'amount_positive',
                  condition: { '>': [{ var: 'amount' }, 0] },
                  message: { en: 'Amount must be positive', zh: '金额必须大于零' },
                  field: 'amount',
                },
                {
                  apiName: 'no_reopen',
                  condition: { '!': { and: [{ '==': [{ var: 'previous.name' }, 'closed'] }, { '!=': [{ var: 'name' }, 'closed'] }] } },
                  message: { en: 'Closed deals stay closed' },
                },
              ],
              duplicateRules: [
                { apiName: 'same_name', fields: [{ field: 'name', normalise: ['whitespace', 'width', 'case'] }, { field: 'account' }], action: 'block' },
              ],
            },
            [
              {
                type: 'formula',
                apiName: 'weighted',
                labels: { en: 'Weighted' },
                returns: 'currency',
                expression: { '*': [{ var: 'amount' }, { '/': [{ var: 'probability' }, 100] }] },
              },
              {
                type: 'formula',
                apiName: 'days_left',
                labels: { en: 'Days left' },
                returns: 'number',
                scale: 0,
                expression: { days_between: [{ today: [] }, { var: 'close_date' }] },
              },
              { type: 'formula', apiName: 'big', labels: { en: 'Big' }, returns: 'boolean', expression: { '>': [{ var: 'weighted' }, 1000] } },
              { type: 'date', apiName: 'follow_up', labels: { en: 'Follow up' }, defaultExpr: { add_days: [{ today: [] }, 30] } },
            ],
          ),
          account([
            {
              type: 'rollup',
              apiName: 'won_total',
              labels: { en: 'Won' },
              childObject: 'deal',
              childField: 'account',
              function: 'sum',
              aggregateField: 'amount',
              filter: { '>': [{ var: 'probability' }, 90] },
            },
            { type: 'rollup', apiName: 'deals', labels: { en: 'Deals' }, childObject: 'deal', childField: 'account', function: 'count' },
            {
              type: 'rollup',
              apiName: 'last_close',
              labels: { en: 'Last close' },
              childObject: 'deal',
              childField: 'account',
              function: 'max',
              aggregateField: 'close_date',
            },
          ]),
        ],
      },
      EMPTY_SNAPSHOT,
    );
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (!result.ok) return;
    const accountObject = result.value.find((object) => object.apiName === 'account') as NormalisedObject;
    const results = accountObject.fields.filter((field): field is NormalisedRollupField => field.type === 'rollup').map((field) => field.result);
    expect(results).toEqual([
      { type: 'currency', precision: 28, scale: 2 },
      { type: 'number', precision: 18, scale: 0 },
      { type: 'date', precision: 18, scale: 0 },
    ]);
    const dealObject = result.value.find((object) => object.apiName === 'deal') as NormalisedObject;
    expect(dealObject.validationRules?.map((rule) => [rule.apiName, rule.field, rule.active])).toEqual([
      ['amount_positive', 'amount', true],
      ['no_reopen', null, true],
    ]);
    expect(dealObject.duplicateRules?.[0]?.fields[0]?.normalise).toEqual(['width', 'case', 'whitespace']);
  });

  it('refuses bad formulas with pointers and codes', () => {
    expect(
      errorsOf(
        deal({}, [
          { type: 'formula', apiName: 'f1', labels: { en: 'F1' }, returns: 'number', expression: { '+': [{ var: 'nope' }, 1] } },
          { type: 'formula', apiName: 'f2', labels: { en: 'F2' }, returns: 'number', expression: { merge: [[1], [2]] } },
          { type: 'formula', apiName: 'f3', labels: { en: 'F3' }, returns: 'number', expression: { cat: ['a', { var: 'name' }] } },
          { type: 'formula', apiName: 'f4', labels: { en: 'F4' }, returns: 'number', expression: { '+': [{ var: 'f5' }, 1] } },
          { type: 'formula', apiName: 'f5', labels: { en: 'F5' }, returns: 'number', expression: { '+': [{ var: 'f4' }, 1] } },
          { type: 'formula', apiName: 'f6', labels: { en: 'F6' }, returns: 'text', expression: { var: 'previous.name' } },
          { type: 'formula', apiName: 'f7', labels: { en: 'F7' }, returns: 'date', expression: { add_days: ['2026-01-01'] } },
        ]),
        account(),
      ),
    ).toEqual([
      ['/objects/0/fields/6/expression/+/0/var', 'TSR502'],
      ['/objects/0/fields/7/expression/merge', 'TSR501'],
      ['/objects/0/fields/8/expression', 'TSR503'],
      ['/objects/0/fields/11/expression/var', 'TSR502'],
      ['/objects/0/fields/12/expression/add_days', 'TSR501'],
      ['/objects/0/fields/9/expression', 'TSR504'],
    ]);
  });

  it('refuses formulas and roll-ups that claim required, unique or a default', () => {
    expect(errorsOf(deal({}, [{ type: 'formula', apiName: 'f', labels: { en: 'F' }, returns: 'number', expression: 1, required: true }]), account())).toEqual([
      ['/objects/0/fields/6/required', 'TSR201'],
    ]);
  });

  it('refuses roll-ups whose child, lookup or summarised field does not fit', () => {
    const rollup = (apiName: string, extra: Record<string, unknown>) =>
      ({
        type: 'rollup',
        apiName,
        labels: { en: apiName },
        childObject: 'deal',
        childField: 'account',
        function: 'count',
        ...extra,
      }) as ObjectDef['fields'][number];
    expect(
      errorsOf(
        deal(),
        account([
          rollup('r1', { childObject: 'nothing' }),
          rollup('r2', { childField: 'name' }),
          rollup('r3', { function: 'sum' }),
          rollup('r4', { function: 'sum', aggregateField: 'name' }),
          rollup('r5', { function: 'max', aggregateField: 'close_date' }),
          rollup('r6', { aggregateField: 'amount' }),
          rollup('r7', { filter: { '==': [{ var: '$today' }, '2026-01-01'] } }),
        ]),
      ),
    ).toEqual([
      ['/objects/1/fields/1/childObject', 'TSR505'],
      ['/objects/1/fields/2/childField', 'TSR505'],
      ['/objects/1/fields/3/function', 'TSR505'],
      ['/objects/1/fields/4/aggregateField', 'TSR505'],
      ['/objects/1/fields/6/aggregateField', 'TSR505'],
      ['/objects/1/fields/7/filter/==/0/var', 'TSR502'],
    ]);
  });

  it('refuses validation, default and duplicate rules that name unknown things', () => {
    expect(
      errorsOf(
        deal(
          {
            validationRules: [
              { apiName: 'r', condition: { '>': [{ var: 'amount' }, 0] }, message: { en: 'x' }, field: 'nope' },
              { apiName: 'r', condition: { '>': [{ var: 'previous.nope' }, 0] }, message: { en: 'x' } },
            ],
            duplicateRules: [
              { apiName: 'd', fields: [{ field: 'amount', normalise: ['case'] }], action: 'warn' },
              { apiName: 'e', fields: [{ field: 'name' }, { field: 'name' }, { field: 'ghost' }], action: 'block' },
            ],
          },
          [
            { type: 'number', apiName: 'n', labels: { en: 'N' }, defaultExpr: { cat: ['a', 'b'] } },
            { type: 'number', apiName: 'm', labels: { en: 'M' }, default: 1, defaultExpr: 2 },
          ],
        ),
        account(),
      ),
    ).toEqual([
      ['/objects/0/fields/6/defaultExpr', 'TSR503'],
      ['/objects/0/fields/7/defaultExpr', 'TSR508'],
      ['/objects/0/validationRules/0/field', 'TSR502'],
      ['/objects/0/validationRules/1/apiName', 'TSR507'],
      ['/objects/0/validationRules/1/condition/>/0/var', 'TSR502'],
      ['/objects/0/duplicateRules/0/fields/0/normalise', 'TSR506'],
      ['/objects/0/duplicateRules/1/fields/1/field', 'TSR506'],
      ['/objects/0/duplicateRules/1/fields/2/field', 'TSR502'],
    ]);
  });
});

describe('rules evaluated in memory', () => {
  const result = validateDocument(
    deal(
      {
        validationRules: [
          {
            apiName: 'positive',
            condition: { '>': [{ var: 'amount' }, 0] },
            message: { en: 'Amount must be positive', zh: '金额必须大于零' },
            field: 'amount',
          },
          {
            apiName: 'no_drop',
            condition: { or: [{ '==': [{ var: 'previous' }, null] }, { '>=': [{ var: 'amount' }, { var: 'previous.amount' }] }] },
            message: { en: 'Amount cannot go down' },
          },
          { apiName: 'off', active: false, condition: false, message: { en: 'never' } },
        ],
      },
      [
        {
          type: 'formula',
          apiName: 'weighted',
          labels: { en: 'Weighted' },
          returns: 'currency',
          expression: { '*': [{ var: 'amount' }, { '/': [{ var: 'probability' }, 100] }] },
        },
        { type: 'formula', apiName: 'big', labels: { en: 'Big' }, returns: 'boolean', expression: { '>': [{ var: 'weighted' }, 1000] } },
        { type: 'date', apiName: 'follow_up', labels: { en: 'Follow up' }, defaultExpr: { add_days: [{ today: [] }, 30] } },
        { type: 'lookup', apiName: 'manager', labels: { en: 'Manager' }, target: 'deal', defaultExpr: { var: '$user.id' } },
      ],
    ),
    { objects: [{ apiName: 'account', labels: { en: 'Account' }, fields: [] }] } as never,
  );
  const object = (result.ok ? result.value[0] : undefined) as NormalisedObject;

  it('computes formulas in dependency order', () => {
    expect(evaluateFormulas(object, { amount: 3333.33, probability: 33 }, context)).toMatchObject({ weighted: 1100, big: true });
    expect(evaluateFormulas(object, { amount: null, probability: 50 }, context)).toMatchObject({ weighted: null, big: false });
  });

  it('reports every failing active rule, with previous values on update', () => {
    expect(failingValidationRules(object, { amount: -1 }, null, context).map((rule) => rule.apiName)).toEqual(['positive']);
    expect(failingValidationRules(object, { amount: -1 }, { amount: 5 }, context).map((rule) => rule.apiName)).toEqual(['positive', 'no_drop']);
    expect(failingValidationRules(object, { amount: 6 }, { amount: 5 }, context)).toEqual([]);
  });

  it('fills expression defaults only for fields the body leaves out', () => {
    expect(expressionDefaults(object, {}, context)).toEqual({ follow_up: '2026-04-14', manager: context.userId });
    expect(expressionDefaults(object, { follow_up: null }, context)).toEqual({ manager: context.userId });
  });
});
