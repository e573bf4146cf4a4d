// Tessera's own JsonLogic cases, run in SQL by jsonlogic-suite.test.ts beside the official suite
// (../shared/conformance/jsonlogic/tests.json) and alone where that file is absent, as in a user's
// clone of the repository. Written here, not copied from the official file; each is a [rule, data]
// pair over flat data and operators the SQL compiler supports. No expected values: json-logic-js
// computes them at test time, so a case cannot carry a wrong answer. Chosen where SQL and JS most
// easily part: JS truthiness of 0, "" and null, loose equality across types, null ordering, string
// coercion in arithmetic, empty-haystack `in`, negative substr, null through date functions.

import type { FilterValueType } from '../../runtime/src/filter/index.ts';

/** Column types default to the data's JS types (text for null); dates and empty numbers say so, as the API's fields do. */
export type OwnCase = readonly [rule: unknown, data: Record<string, string | number | boolean | null>, types?: Record<string, FilterValueType>];

export const OWN_JSONLOGIC_CASES: readonly OwnCase[] = [
  // Comparison, with JS coercion of literals and JS ordering of null (null < 5 as null → 0).
  [{ '==': [{ var: 'amount' }, '250'] }, { amount: 250 }],
  [{ '===': [{ var: 'amount' }, '250'] }, { amount: 250 }],
  [{ '!=': [{ var: 'name' }, 'Acme'] }, { name: 'acme' }],
  [{ '!==': [{ var: 'amount' }, null] }, { amount: null }],
  [{ '<': [{ var: 'amount' }, 5] }, { amount: null }, { amount: 'number' }],
  [{ '>=': [{ var: 'amount' }, 0] }, { amount: null }, { amount: 'number' }],
  [{ '<': [1, { var: 'qty' }, 10] }, { qty: 10 }],
  [{ '<=': [1, { var: 'qty' }, 10] }, { qty: 10 }],
  [{ '>': [{ var: 'name' }, 'M'] }, { name: 'Zhou' }],
  [{ '<': [{ var: 'name' }, 'a'] }, { name: 'Z' }],
  // Truthiness: 0, "" and null are falsy; "0" is truthy.
  [{ '!': [{ var: 'qty' }] }, { qty: 0 }],
  [{ '!!': [{ var: 'code' }] }, { code: '0' }],
  [{ '!!': [{ var: 'code' }] }, { code: '' }],
  [{ and: [{ var: 'active' }, { '>': [{ var: 'amount' }, 100] }] }, { active: true, amount: 50 }],
  [{ or: [{ var: 'active' }, { '==': [{ var: 'code' }, 'X'] }] }, { active: false, code: 'X' }],
  [{ or: [{ var: 'amount' }, 7] }, { amount: 0 }],
  [{ and: [{ var: 'amount' }, 7] }, { amount: 3 }],
  // Branches.
  [{ if: [{ '>': [{ var: 'amount' }, 1000] }, 'large', { '>': [{ var: 'amount' }, 100] }, 'medium', 'small'] }, { amount: 500 }],
  [{ if: [{ var: 'active' }, { var: 'amount' }, 0] }, { active: false, amount: 12 }],
  [{ '?:': [{ '==': [{ var: 'stage' }, 'won'] }, 1, 0] }, { stage: 'won' }],
  // Arithmetic: parseFloat for + and *, Number for the others; unary minus; min and max.
  [{ '+': [{ var: 'amount' }, '2.5'] }, { amount: 10 }],
  [{ '*': [{ var: 'qty' }, { var: 'price' }, 2] }, { qty: 3, price: 1.25 }],
  [{ '-': [{ var: 'amount' }] }, { amount: 42 }],
  [{ '-': [{ var: 'amount' }, { var: 'discount' }] }, { amount: 100, discount: 15.5 }],
  [{ '/': [{ var: 'amount' }, 4] }, { amount: 10 }],
  [{ '%': [{ var: 'qty' }, 3] }, { qty: 10 }],
  [{ min: [{ var: 'a' }, { var: 'b' }, 7] }, { a: 3, b: -2 }],
  [{ max: [{ var: 'a' }, { var: 'b' }, 7] }, { a: 3, b: -2 }],
  // Text: cat, substr (negative start and length), substring `in`, membership `in`.
  [{ cat: ['OPP-', { var: 'code' }, '-', { var: 'name' }] }, { code: '7', name: '华为' }],
  [{ substr: [{ var: 'name' }, -3] }, { name: 'Tessera' }],
  [{ substr: [{ var: 'name' }, 1, -2] }, { name: 'Tessera' }],
  [{ in: ['ess', { var: 'name' }] }, { name: 'Tessera' }],
  [{ in: ['x', { var: 'name' }] }, { name: '' }],
  [{ in: [{ var: 'stage' }, ['won', 'lost']] }, { stage: 'lost' }],
  [{ in: [{ var: 'stage' }, ['won', 'lost']] }, { stage: null }],
  // Tessera's text operators.
  [{ starts_with: [{ var: 'name' }, 'Te'] }, { name: 'Tessera' }],
  [{ ends_with: [{ var: 'name' }, '%'] }, { name: '100%' }],
  [{ icontains: [{ var: 'name' }, 'SSE'] }, { name: 'Tessera' }],
  // Dates: calendar arithmetic, and null in, null out.
  [{ add_days: [{ var: 'due' }, 30] }, { due: '2024-02-10' }, { due: 'date' }],
  [{ days_between: [{ var: 'start' }, { var: 'due' }] }, { start: '2024-02-27', due: '2024-03-02' }, { start: 'date', due: 'date' }],
  [{ year: [{ var: 'due' }] }, { due: '2025-12-31' }, { due: 'date' }],
  [{ month: [{ var: 'due' }] }, { due: null }, { due: 'date' }],
];
