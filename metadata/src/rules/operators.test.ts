import jsonLogic from 'json-logic-js';
import { describe, expect, it } from 'vitest';
import { FILTER_OPERATORS, isFilterOperator } from './filter-operators.ts';
import { registerTesseraOperators, TESSERA_CUSTOM_OPERATORS } from './operators.ts';

registerTesseraOperators(jsonLogic);

describe('registerTesseraOperators', () => {
  it.each([
    [{ starts_with: [{ var: 'name' }, 'Acme'] }, { name: 'Acme Corp' }, true],
    [{ starts_with: [{ var: 'name' }, 'acme'] }, { name: 'Acme Corp' }, false],
    [{ starts_with: [{ var: 'name' }, 'Acme'] }, { name: null }, false],
    [{ starts_with: [{ var: 'name' }, ''] }, { name: '' }, true],
    [{ ends_with: [{ var: 'name' }, 'Corp'] }, { name: 'Acme Corp' }, true],
    [{ ends_with: [{ var: 'name' }, 'corp'] }, { name: 'Acme Corp' }, false],
    [{ ends_with: [{ var: 'name' }, 'x'] }, { name: 5 }, false],
    [{ icontains: [{ var: 'name' }, 'HUAWEI'] }, { name: '华为 Huawei' }, true],
    [{ icontains: [{ var: 'name' }, '华为'] }, { name: '华为 Huawei' }, true],
    [{ icontains: [{ var: 'name' }, '小米'] }, { name: '华为 Huawei' }, false],
    [{ icontains: [{ var: 'name' }, 'a'] }, { name: null }, false],
    // Found by tests/property: a day count past JS Date's range threw RangeError instead of null.
    [{ add_days: ['2026-03-15', 100000000000000] }, {}, null],
    [{ add_days: ['2026-03-15', -1e300] }, {}, null],
  ])('%j on %j is %s', (rule, data, expected) => {
    expect(jsonLogic.apply(rule, data)).toBe(expected);
  });

  it('lists the custom operators among the filter operators', () => {
    for (const name of TESSERA_CUSTOM_OPERATORS) expect(isFilterOperator(name)).toBe(true);
    expect(isFilterOperator('merge')).toBe(false);
    expect(new Set(FILTER_OPERATORS).size).toBe(FILTER_OPERATORS.length);
  });
});
