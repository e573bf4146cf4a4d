// The quote sample: three levels of roll-ups over a line formula. A quote line's `amount` is a
// formula (quantity × unit price × (1 − discount)); the quote sums it (`total`, a roll-up of a
// formula), the opportunity sums its quotes' totals (`quoted`, a roll-up of a roll-up) and the
// account sums its opportunities' `quoted` (`pipeline`, level 3). Also `lines` (a count) and
// `largest_line` (max of the formula) on the quote, `net` (a formula over the roll-up) on the
// quote and `quoted_net` (sum of that formula, which reads a roll-up) on the opportunity.
import type { FieldDef, ObjectDef } from '../types.ts';

const labels = (en: string, zh: string) => ({ en, zh });
const v = (name: string) => ({ var: name });
const rollup = (apiName: string, en: string, zh: string, childObject: string, childField: string, fn: string, aggregateField?: string): FieldDef =>
  ({ type: 'rollup', apiName, labels: labels(en, zh), childObject, childField, function: fn, ...(aggregateField ? { aggregateField } : {}) }) as FieldDef;

export const quoteAccount = (): ObjectDef => ({
  apiName: 'account',
  labels: labels('Account', '客户'),
  fields: [
    { type: 'text', apiName: 'name', labels: labels('Name', '名称'), required: true },
    rollup('pipeline', 'Pipeline', '管道金额', 'opportunity', 'account', 'sum', 'quoted'),
  ],
});

export const quoteOpportunity = (): ObjectDef => ({
  apiName: 'opportunity',
  labels: labels('Opportunity', '商机'),
  fields: [
    { type: 'text', apiName: 'name', labels: labels('Name', '名称'), required: true },
    { type: 'lookup', apiName: 'account', labels: labels('Account', '客户'), target: 'account' },
    rollup('quoted', 'Quoted', '报价总额', 'quote', 'opportunity', 'sum', 'total'),
    rollup('quoted_net', 'Quoted net', '报价净额', 'quote', 'opportunity', 'sum', 'net'),
  ],
});

export const quoteObject = (): ObjectDef => ({
  apiName: 'quote',
  labels: labels('Quote', '报价单'),
  fields: [
    { type: 'text', apiName: 'name', labels: labels('Name', '名称'), required: true },
    { type: 'lookup', apiName: 'opportunity', labels: labels('Opportunity', '商机'), target: 'opportunity' },
    rollup('total', 'Total', '合计', 'quote_line', 'quote', 'sum', 'amount'),
    rollup('lines', 'Lines', '行数', 'quote_line', 'quote', 'count'),
    rollup('largest_line', 'Largest line', '最大行金额', 'quote_line', 'quote', 'max', 'amount'),
    { type: 'formula', apiName: 'net', labels: labels('Net', '净额'), returns: 'currency', expression: { '*': [v('total'), 0.9] } },
  ],
});

export const quoteLine = (): ObjectDef => ({
  apiName: 'quote_line',
  labels: labels('Quote line', '报价行'),
  fields: [
    { type: 'text', apiName: 'product', labels: labels('Product', '产品'), required: true },
    { type: 'lookup', apiName: 'quote', labels: labels('Quote', '报价单'), target: 'quote' },
    { type: 'number', apiName: 'quantity', labels: labels('Quantity', '数量'), scale: 0 },
    { type: 'currency', apiName: 'unit_price', labels: labels('Unit price', '单价') },
    { type: 'percent', apiName: 'discount', labels: labels('Discount', '折扣') },
    {
      type: 'formula',
      apiName: 'amount',
      labels: labels('Amount', '金额'),
      returns: 'currency',
      // A missing discount is no discount; a missing quantity or price makes the line worth 0.
      expression: { '*': [v('quantity'), v('unit_price'), { '-': [1, { '/': [{ if: [v('discount'), v('discount'), 0] }, 100] }] }] },
    },
  ],
});

/** All four objects, children last is not required: validation resolves roll-ups in dependency order. */
export const quoteRollupObjects = (): ObjectDef[] => [quoteAccount(), quoteOpportunity(), quoteObject(), quoteLine()];
