// The condition builder on many-to-many fields: each one is offered as a 'links' field naming its
// target, with "has any of", "has all of" and emptiness only; `has_any` / `has_all` over ids read into
// the builder and write back unchanged, and what the builder cannot show exactly (a value that is not
// a list of ids, either on another kind of field) is left to the raw JSON view. Generated over the
// id count and both operators.
import { describe, expect, it } from 'vitest';
import type { FieldDefinition } from '../../designer/src/api/index.ts';
import { conditionFieldsOf, OPERATORS_OF_KIND } from '../../designer/src/conditions/condition-fields.ts';
import { formatCondition, parseCondition } from '../../designer/src/conditions/json-logic-query.ts';

const fields = [
  { type: 'text', apiName: 'name', labels: { en: 'Name', zh: '名称' } },
  { type: 'manytomany', apiName: 'contacts', target: 'contact', labels: { en: 'Contacts', zh: '联系人' } },
  { type: 'multipicklist', apiName: 'tags', labels: { en: 'Tags' }, values: [{ apiName: 'vip', labels: { en: 'VIP' } }] },
] as unknown as FieldDefinition[];
const id = (n: number) => `0190a000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;

describe('many-to-many fields in the condition builder', () => {
  const condition = conditionFieldsOf(fields, 'zh');

  it('offers each many-to-many field as a links field naming its target, with has any of, has all of and emptiness', () => {
    expect(condition.find((field) => field.apiName === 'contacts')).toEqual({ apiName: 'contacts', label: '联系人', kind: 'links', target: 'contact' });
    expect(OPERATORS_OF_KIND.links).toEqual(['hasAny', 'hasAll', 'null', 'notNull']);
    expect(condition.filter((field) => field.kind === 'links').map((field) => field.apiName)).toEqual(
      fields.filter((field) => field.type === 'manytomany').map((field) => field.apiName),
    );
  });

  for (const [op, operator] of [
    ['has_any', 'hasAny'],
    ['has_all', 'hasAll'],
  ] as const) {
    it(`reads ${op} over 1..5 ids into the builder and writes it back unchanged, alone and in a group`, () => {
      for (let count = 1; count <= 5; count += 1) {
        const ids = Array.from({ length: count }, (_, n) => id(n + 1));
        const logic = { [op]: [{ var: 'contacts' }, ids] };
        const query = parseCondition(logic, condition);
        expect(query?.rules).toEqual([{ field: 'contacts', operator, value: ids }]);
        expect(formatCondition(query as NonNullable<typeof query>, condition).logic).toEqual(logic);
        const group = { and: [logic, { '==': [{ var: 'contacts' }, null] }] };
        expect(formatCondition(parseCondition(group, condition) as NonNullable<typeof query>, condition).logic).toEqual(group);
      }
    });

    it(`leaves to raw JSON the ${op} it cannot show exactly`, () => {
      for (const logic of [
        { [op]: [{ var: 'contacts' }, []] },
        { [op]: [{ var: 'contacts' }, id(1)] },
        { [op]: [{ var: 'contacts' }, [id(1), 7]] },
        { [op]: [{ var: 'tags' }, ['vip']] },
        { [op]: [{ var: 'name' }, ['x']] },
      ]) {
        expect(parseCondition(logic, condition), JSON.stringify(logic)).toBeNull();
      }
    });
  }

  it('writes nothing for a has any of / has all of rule with no record picked (counted as incomplete)', () => {
    for (const operator of ['hasAny', 'hasAll']) {
      const result = formatCondition({ combinator: 'and', rules: [{ field: 'contacts', operator, value: [] }] }, condition);
      expect(result).toEqual({ logic: undefined, incomplete: 1 });
    }
  });
});
