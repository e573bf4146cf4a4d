// The registries' computed fields as metadata: a formula for every FORMULA_RETURN_TYPES entry ×
// shape (with a literal, without, reading the clock, reading another formula, reading a roll-up,
// reading a lookup path `account.n` through the specimen's lookup to cf_account, whose fields
// PATH_TARGET_FIELDS lists), and a roll-up for every ROLLUP_FUNCTIONS entry, with and without a filter. The shapes come from
// a shipped defect: a literal in a formula made every read of its object answer 500, and the only
// formula fixture read `today`, which takes another code path.
import { FORMULA_RETURN_TYPES, type FormulaReturnType, ROLLUP_FUNCTIONS, type RollupFunction } from '@tessera/metadata';

export const FORMULA_SHAPES = ['literal', 'plain', 'clock', 'formula', 'rollup', 'path'] as const;
export type FormulaShape = (typeof FORMULA_SHAPES)[number];

/** Api names of the specimen's input fields the expressions read, one per stored type. */
export interface InputNames {
  number: string;
  currency: string;
  percent: string;
  text: string;
  picklist: string;
  boolean: string;
  date: string;
  datetime: string;
  /** The lookup to cf_account, whose fields the `path` shape reads. */
  lookup: string;
}

/** cf_account's fields the `path` formulas read through the lookup, one per formula return type's input, and a value per account. */
export const PATH_TARGET_FIELDS = [
  { field: { type: 'number', apiName: 'n', labels: { en: 'N' }, precision: 12, scale: 2 }, values: [12.5, -3, null] },
  { field: { type: 'currency', apiName: 'c', labels: { en: 'C' } }, values: [1999.99, null, 0] },
  { field: { type: 'percent', apiName: 'p', labels: { en: 'P' } }, values: [12.5, 100, null] },
  { field: { type: 'text', apiName: 't', labels: { en: 'T' } }, values: ['华东', null, 'Zoë 😀'] },
  { field: { type: 'boolean', apiName: 'b', labels: { en: 'B' } }, values: [true, false, null] },
  { field: { type: 'date', apiName: 'd', labels: { en: 'D' } }, values: ['2024-02-29', null, '2026-12-31'] },
] as const;

const v = (name: string) => ({ var: name });
export const formulaName = (returns: FormulaReturnType, shape: FormulaShape) => `f_${returns}_${shape}`;
export const rollupName = (fn: RollupFunction, aggregate: string | undefined, filtered: boolean) => `r_${fn}_${aggregate ?? 'all'}${filtered ? '_a' : ''}`;

/** The child's formula (amount × 2): roll-ups of a formula are computed by the trigger in SQL (sum and max: every surface, few fields). */
export const LINE_FORMULA = 'weighted';
/** The child object's fields each function summarises (count needs none). */
export const ROLLUP_AGGREGATES: Partial<Record<RollupFunction, (string | undefined)[]>> = {
  count: [undefined],
  sum: ['amount', LINE_FORMULA],
  min: ['amount', 'due'],
  max: ['amount', 'due', LINE_FORMULA],
  avg: ['amount'],
  count_distinct: ['amount', 'due', 'kind'],
};
/** Child rows with kind 'a' pass the filtered roll-ups. */
export const ROLLUP_FILTER = { '==': [v('kind'), 'a'] };

type Expressions = Partial<Record<FormulaReturnType, (n: InputNames) => unknown>>;

const EXPRESSIONS: Record<FormulaShape, Expressions> = {
  literal: {
    number: (n) => ({ '+': [v(n.number), 1] }),
    currency: (n) => ({ '/': [{ '*': [v(n.currency), v(n.percent)] }, 100] }),
    percent: (n) => ({ '*': [v(n.percent), 0.5] }),
    text: (n) => ({ cat: [v(n.text), ' (x)'] }),
    boolean: (n) => ({ '>': [v(n.currency), 1000] }),
    date: (n) => ({ add_days: [v(n.date), 7] }),
    datetime: (n) => ({ add_hours: [v(n.datetime), 1.5] }),
  },
  plain: {
    number: (n) => ({ '+': [v(n.number), v(n.currency)] }),
    currency: (n) => ({ '*': [v(n.currency), v(n.number)] }),
    percent: (n) => v(n.percent),
    text: (n) => ({ cat: [v(n.text), v(n.picklist)] }),
    boolean: (n) => ({ '<': [v(n.number), v(n.currency)] }),
    date: (n) => v(n.date),
    datetime: (n) => v(n.datetime),
  },
  clock: {
    number: (n) => ({ days_between: [{ today: [] }, v(n.date)] }),
    currency: (n) => ({ '*': [v(n.currency), { month: { today: [] } }] }),
    percent: () => ({ month: { now: [] } }),
    text: (n) => ({ cat: [v(n.text), { today: [] }] }),
    boolean: (n) => ({ '<': [v(n.date), { today: [] }] }),
    date: () => ({ today: [] }),
    datetime: () => ({ now: [] }),
  },
  formula: {
    number: (n) => ({ '-': [v(formulaName('number', 'plain')), v(n.number)] }),
    currency: () => ({ '+': [v(formulaName('currency', 'plain')), v(formulaName('currency', 'literal'))] }),
    percent: () => ({ '*': [v(formulaName('percent', 'plain')), v(formulaName('percent', 'clock'))] }),
    text: () => ({ cat: [v(formulaName('text', 'plain')), v(formulaName('text', 'literal'))] }),
    boolean: () => ({ '!': v(formulaName('boolean', 'plain')) }),
    date: () => v(formulaName('date', 'literal')),
    datetime: () => ({ add_hours: [v(formulaName('datetime', 'literal')), -2] }),
  },
  rollup: {
    number: (n) => ({ '+': [v(rollupName('count', undefined, false)), v(n.number)] }),
    currency: () => v(rollupName('sum', 'amount', false)),
    percent: () => ({ '-': [v(rollupName('max', 'amount', false)), v(rollupName('min', 'amount', true))] }),
    text: (n) => ({ cat: [v(n.text), v(rollupName('count', undefined, true))] }),
    boolean: (n) => ({ '>': [v(rollupName('count', undefined, false)), v(n.number)] }),
    date: () => v(rollupName('max', 'due', false)),
    // A date reads as its midnight UTC.
    datetime: () => ({ add_hours: [v(rollupName('max', 'due', false)), 12] }),
  },
  // Lookup paths: the parent's value, live; an empty lookup reads null.
  path: {
    number: (n) => ({ '+': [v(`${n.lookup}.n`), v(n.number)] }),
    currency: (n) => v(`${n.lookup}.c`),
    percent: (n) => ({ '*': [v(`${n.lookup}.p`), 2] }),
    text: (n) => ({ cat: [v(`${n.lookup}.t`), '/', v(n.text)] }),
    boolean: (n) => v(`${n.lookup}.b`),
    date: (n) => ({ add_days: [v(`${n.lookup}.d`), 1] }),
    datetime: (n) => ({ add_hours: [v(`${n.lookup}.d`), 6] }),
  },
};

/** Every (return type, shape) pair the registries imply, or the entries to add. */
export function missingFormulaShapes(): string[] {
  const missing: string[] = [];
  for (const shape of FORMULA_SHAPES) {
    for (const returns of FORMULA_RETURN_TYPES) {
      if (!EXPRESSIONS[shape][returns])
        missing.push(`formula return type '${returns}' has no '${shape}' expression: add it in tests/conformance/surfaces/computed-fields.ts`);
    }
  }
  for (const fn of ROLLUP_FUNCTIONS) {
    if (!ROLLUP_AGGREGATES[fn])
      missing.push(`roll-up function '${fn}' has no aggregate fields: add ROLLUP_AGGREGATES.${fn} in tests/conformance/surfaces/computed-fields.ts`);
  }
  return missing;
}

export function formulaFields(names: InputNames): unknown[] {
  return FORMULA_SHAPES.flatMap((shape) =>
    FORMULA_RETURN_TYPES.map((returns) => {
      const expression = EXPRESSIONS[shape][returns];
      if (!expression) throw new Error(missingFormulaShapes().join('\n'));
      return {
        type: 'formula',
        apiName: formulaName(returns, shape),
        labels: { en: `${returns} ${shape}`, zh: `公式 ${returns}` },
        returns,
        expression: expression(names),
      };
    }),
  );
}

export function rollupFields(childObject: string, childField: string): unknown[] {
  return ROLLUP_FUNCTIONS.flatMap((fn) => {
    const aggregates = ROLLUP_AGGREGATES[fn];
    if (!aggregates) throw new Error(missingFormulaShapes().join('\n'));
    return aggregates.flatMap((aggregateField) =>
      [false, true].map((filtered) => ({
        type: 'rollup',
        apiName: rollupName(fn, aggregateField, filtered),
        labels: { en: `${fn} ${aggregateField ?? ''}`, zh: '汇总' },
        childObject,
        childField,
        function: fn,
        ...(aggregateField ? { aggregateField } : {}),
        ...(filtered ? { filter: ROLLUP_FILTER } : {}),
      })),
    );
  });
}
