// The JsonLogic operators a list filter may use: the subset the SQL compiler in
// runtime/src/filter translates faithfully, plus Tessera's custom operators. The designer offers
// these; the compiler names them in its TSR116 "unsupported operator" message.
import { TESSERA_CUSTOM_OPERATORS } from './operators.ts';

export const FILTER_OPERATORS = [
  'var',
  'and',
  'or',
  '!',
  '!!',
  '==',
  '!=',
  '===',
  '!==',
  '<',
  '<=',
  '>',
  '>=',
  'in',
  '+',
  '-',
  '*',
  '/',
  '%',
  'min',
  'max',
  'cat',
  'substr',
  'if',
  '?:',
  ...TESSERA_CUSTOM_OPERATORS,
] as const;

export type FilterOperator = (typeof FILTER_OPERATORS)[number];

const filterOperatorSet: ReadonlySet<string> = new Set(FILTER_OPERATORS);

export const isFilterOperator = (name: string): name is FilterOperator => filterOperatorSet.has(name);
