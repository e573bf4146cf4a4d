import { EMPTY_SNAPSHOT, type NormalisedObject, validateDocument } from '@tessera/metadata';
import { describe, expect, it } from 'vitest';
import { checkRuleSql } from './check-rule-sql.ts';

const objectsOf = (document: unknown): NormalisedObject[] => {
  const result = validateDocument(document, EMPTY_SNAPSHOT);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
};

describe('checkRuleSql', () => {
  it('accepts rules the SQL compiler can run', () => {
    const objects = objectsOf({
      apiName: 'deal',
      labels: { en: 'Deal' },
      fields: [
        { type: 'text', apiName: 'name', labels: { en: 'Name' } },
        { type: 'currency', apiName: 'amount', labels: { en: 'Amount' } },
        { type: 'formula', apiName: 'double', labels: { en: 'Double' }, returns: 'currency', expression: { '*': [{ var: 'amount' }, 2] } },
      ],
      validationRules: [{ apiName: 'r', condition: { '>=': [{ var: 'double' }, { var: 'previous.amount' }] }, message: { en: 'x' } }],
    });
    expect(checkRuleSql(objects)).toEqual([]);
  });

  // Regression (found by the path-agreement property): an unknown calendar in a formula answered
  // 400 (the filter code TSR161) instead of a metadata 422.
  it('refuses a formula naming a calendar the tenant does not have with 422 TSR502 at the name', () => {
    const objects = objectsOf({
      apiName: 'case_',
      labels: { en: 'Case' },
      fields: [
        { type: 'datetime', apiName: 'opened_at', labels: { en: 'Opened' } },
        {
          type: 'formula',
          apiName: 'age',
          labels: { en: 'Working hours open' },
          returns: 'number',
          expression: { business_hours_between: [{ var: 'opened_at' }, { now: [] }, 'nowhere'] },
        },
      ],
    });
    expect(checkRuleSql(objects)).toEqual([
      { path: '/fields/1/expression/business_hours_between/2', code: 'TSR502', message: "formula age: there is no calendar 'nowhere' in the metadata" },
    ]);
  });

  it('reports what only the compiler knows, with pointers into the document', () => {
    const objects = objectsOf({
      objects: [
        {
          apiName: 'deal',
          labels: { en: 'Deal' },
          fields: [
            { type: 'text', apiName: 'name', labels: { en: 'Name' } },
            { type: 'lookup', apiName: 'account', labels: { en: 'Account' }, target: 'account' },
            { type: 'formula', apiName: 'odd', labels: { en: 'Odd' }, returns: 'boolean', expression: { '==': [{ var: 'name' }, 5] } },
          ],
          validationRules: [{ apiName: 'r', condition: { '<': [{ var: 'name' }, 3] }, message: { en: 'x' } }],
        },
        {
          apiName: 'account',
          labels: { en: 'Account' },
          fields: [
            {
              type: 'rollup',
              apiName: 'n',
              labels: { en: 'N' },
              childObject: 'deal',
              childField: 'account',
              function: 'count',
              filter: { '==': [{ var: 'name' }, 1] },
            },
          ],
        },
      ],
    });
    expect(checkRuleSql(objects, ['/objects/0', '/objects/1']).map((problem) => [problem.path, problem.code])).toEqual([
      ['/objects/0/fields/2/expression/==', 'TSR503'],
      ['/objects/0/validationRules/0/condition/<', 'TSR503'],
      ['/objects/1/fields/0/filter/==', 'TSR503'],
    ]);
  });
});
