// No browser: the condition builder's JsonLogic round trip (designer/src/conditions), generated
// from the registries: every field type of the metamodel (FIELD_TYPES) and every formula return
// type, with every operator the builder offers for it. For each: the JsonLogic the builder writes
// parses back to the same rule and formats to the same JsonLogic, the filter language knows every
// operator in it, and the shared evaluator (@tessera/metadata, the server's) accepts it on a record
// that matches and on one that does not. Conditions the builder cannot show parse to null (opened
// as raw JSON), never to something else.
import { fileURLToPath } from 'node:url';
import { applyRule, FIELD_TYPES, FORMULA_RETURN_TYPES, isFilterOperator } from '@tessera/metadata';
import { describe, expect, it } from 'vitest';

// Loaded by path: the designer's modules are compiled with the DOM library, the tests without.
const designerFile = (path: string) => fileURLToPath(new URL(`../../designer/src/${path}`, import.meta.url));

type Kind = 'text' | 'number' | 'boolean' | 'date' | 'datetime' | 'picklist' | 'multipicklist' | 'lookup' | 'links' | 'geo';
interface ConditionField {
  apiName: string;
  label: string;
  kind: Kind;
  values?: { name: string; label: string }[];
}
interface Rule {
  field: string;
  operator: string;
  value: unknown;
}
interface Group {
  combinator: string;
  not?: boolean;
  rules: (Rule | Group)[];
}

const fieldsModule = (await import(designerFile('conditions/condition-fields.ts'))) as {
  OPERATORS_OF_KIND: Record<Kind, readonly string[]>;
  UNARY_OPERATORS: ReadonlySet<string>;
  LIST_OPERATORS: ReadonlySet<string>;
  valueKindOf: (field: { type: string; returns?: string }) => Kind;
};
const query = (await import(designerFile('conditions/json-logic-query.ts'))) as {
  parseCondition: (logic: unknown, fields: ConditionField[]) => Group | null;
  formatCondition: (group: Group, fields: ConditionField[]) => { logic: Record<string, unknown> | undefined; incomplete: number };
};
const { OPERATORS_OF_KIND, UNARY_OPERATORS, LIST_OPERATORS, valueKindOf } = fieldsModule;

/** One field per metadata type and per formula return type. */
const FIELDS: ConditionField[] = [
  ...FIELD_TYPES.filter((type) => type !== 'formula').map((type) => ({ apiName: `f_${type}`, label: type, kind: valueKindOf({ type }) })),
  ...FORMULA_RETURN_TYPES.map((returns) => ({ apiName: `formula_${returns}`, label: returns, kind: valueKindOf({ type: 'formula', returns }) })),
].map((field) =>
  field.kind === 'picklist' || field.kind === 'multipicklist'
    ? {
        ...field,
        values: [
          { name: 'gold', label: 'Gold' },
          { name: 'silver', label: 'Silver' },
        ],
      }
    : field,
);

/** A value the builder would hold for the kind (as its inputs give it: text, or a checkbox's boolean), and stored values to probe it with. */
const SAMPLE: Record<Kind, { value: unknown; list: string; stored: unknown; other: unknown; later?: unknown }> = {
  text: { value: 'Acme', list: 'Acme, Zeta', stored: 'Acme', other: 'Bolt' },
  number: { value: '42', list: '42, 7', stored: 42, other: 3, later: 99 },
  boolean: { value: true, list: '', stored: true, other: false },
  date: { value: '2026-12-07', list: '', stored: '2026-12-07', other: '2026-01-01', later: '2027-03-01' },
  datetime: {
    value: '2026-12-07T08:00:00.000Z',
    list: '',
    stored: '2026-12-07T08:00:00.000Z',
    other: '2026-01-01T00:00:00.000Z',
    later: '2027-03-01T00:00:00.000Z',
  },
  picklist: { value: 'gold', list: 'gold, silver', stored: 'gold', other: 'bronze' },
  multipicklist: { value: 'gold', list: '', stored: ['gold'], other: ['silver'] },
  lookup: { value: '0193f2a4-7d3c-7000-8000-000000000001', list: '', stored: '0193f2a4-7d3c-7000-8000-000000000001', other: null },
  // Many-to-many: the records picked for "has any of" / "has all of", and stored link sets with both of them and with neither.
  links: {
    value: ['0193f2a4-7d3c-7000-8000-000000000001', '0193f2a4-7d3c-7000-8000-000000000002'],
    list: '',
    stored: ['0193f2a4-7d3c-7000-8000-000000000001', '0193f2a4-7d3c-7000-8000-000000000002', '0193f2a4-7d3c-7000-8000-000000000009'],
    other: ['0193f2a4-7d3c-7000-8000-000000000009'],
  },
  // Geolocation: "within 5 km of" the Bund, typed as text; a point 2 km away, one in Beijing.
  geo: {
    value: { latitude: '31.2304', longitude: '121.4737', km: '5' },
    list: '',
    stored: { latitude: 31.2404, longitude: 121.4837 },
    other: { latitude: 39.9042, longitude: 116.4074 },
  },
};

function operatorsIn(logic: unknown, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(logic)) for (const item of logic) operatorsIn(item, into);
  else if (logic !== null && typeof logic === 'object') {
    // A location literal ({latitude, longitude}) is data, not an operation.
    if ('latitude' in logic && 'longitude' in logic) return into;
    for (const [op, args] of Object.entries(logic)) {
      into.add(op);
      operatorsIn(args, into);
    }
  }
  return into;
}

const context = { $today: '2026-12-07', $now: '2026-12-07T08:00:00.000Z' };

const cases = FIELDS.flatMap((field) => OPERATORS_OF_KIND[field.kind].map((operator) => ({ field, operator })));

describe('condition builder JsonLogic round trip (every field type × every operator)', () => {
  it('covers every field type and formula return type', () => {
    expect(new Set(FIELDS.map((field) => field.kind))).toEqual(new Set(Object.keys(OPERATORS_OF_KIND)));
    expect(cases.length).toBeGreaterThan(60);
  });

  it.each(cases.map((entry) => [entry.field.apiName, entry.operator, entry] as const))('%s %s', (_name, _operator, { field, operator }) => {
    const sample = SAMPLE[field.kind];
    const value = UNARY_OPERATORS.has(operator) ? '' : LIST_OPERATORS.has(operator) ? sample.list : sample.value;
    const group: Group = { combinator: 'and', rules: [{ field: field.apiName, operator, value }] };
    const { logic, incomplete } = query.formatCondition(group, FIELDS);
    expect(incomplete).toBe(0);
    expect(logic).toBeDefined();
    for (const op of operatorsIn(logic)) if (op !== 'var') expect(isFilterOperator(op), op).toBe(true);

    const parsed = query.parseCondition(logic, FIELDS);
    expect(parsed?.rules).toHaveLength(1);
    const rule = parsed?.rules[0] as Rule;
    expect([rule.field, rule.operator]).toEqual([field.apiName, operator]);
    expect(query.formatCondition(parsed as Group, FIELDS).logic).toEqual(logic);
    // Inside a group (and negated) the rule survives too.
    const nested = { or: [logic, { '!': { and: [logic, logic] } }] };
    expect(query.formatCondition(query.parseCondition(nested, FIELDS) as Group, FIELDS).logic).toEqual(nested);

    // The shared evaluator takes it, and the answer depends on the record.
    const probes = [sample.stored, sample.other, sample.later, null].map((probe) => ({ [field.apiName]: probe, ...context }));
    const answers = new Set(probes.map((record) => Boolean(applyRule(logic, record))));
    expect(answers.size, JSON.stringify(logic)).toBe(2);
  });

  it('leaves out rules without a value and says how many', () => {
    const group: Group = {
      combinator: 'or',
      rules: [
        { field: 'f_number', operator: '>', value: '' },
        { field: 'f_text', operator: '=', value: 'x' },
        { field: 'f_number', operator: 'in', value: '1, two' },
        { field: 'f_geolocation', operator: 'within', value: { latitude: '91', longitude: '121', km: '5' } },
        { field: 'f_geolocation', operator: 'within', value: { latitude: '31', longitude: '', km: '5' } },
        { field: 'f_geolocation', operator: 'within', value: { latitude: '31', longitude: '121', km: '0' } },
      ],
    };
    expect(query.formatCondition(group, FIELDS)).toEqual({ logic: { or: [{ '==': [{ var: 'f_text' }, 'x'] }] }, incomplete: 5 });
    expect(query.formatCondition({ combinator: 'and', rules: [] }, FIELDS)).toEqual({ logic: undefined, incomplete: 0 });
  });

  it.each([
    ['another operator', { '===': [{ var: 'f_text' }, 'x'] }],
    ['an unknown field', { '==': [{ var: 'nope' }, 'x'] }],
    ['the stored record', { '!=': [{ var: 'f_text' }, { var: 'previous.f_text' }] }],
    ['a var with a default', { '==': [{ var: ['f_text', 'x'] }, 'x'] }],
    ['a number for a text field', { '==': [{ var: 'f_text' }, 1] }],
    ['text for a number field', { '>': [{ var: 'f_number' }, '1'] }],
    ['an order operator on text', { '<': [{ var: 'f_text' }, 'm'] }],
    ['a list item with a comma', { in: [{ var: 'f_text' }, ['a,b']] }],
    ['arithmetic', { '>': [{ '+': [{ var: 'f_number' }, 1] }, 2] }],
    ['a literal', true],
    ['has_all on a text field', { has_all: [{ var: 'f_text' }, ['x']] }],
    ['has_all over nothing', { has_all: [{ var: 'f_manytomany' }, []] }],
    ['a distance with >', { '>': [{ distance: [{ var: 'f_geolocation' }, { latitude: 1, longitude: 2 }] }, 5] }],
    ['a distance to a field', { '<=': [{ distance: [{ var: 'f_geolocation' }, { var: 'f_geolocation' }] }, 5] }],
    ['a point out of range', { '<=': [{ distance: [{ var: 'f_geolocation' }, { latitude: 91, longitude: 2 }] }, 5] }],
    ['a point with a third key', { '<=': [{ distance: [{ var: 'f_geolocation' }, { latitude: 1, longitude: 2, altitude: 3 }] }, 5] }],
    ['a radius that is not positive', { '<=': [{ distance: [{ var: 'f_geolocation' }, { latitude: 1, longitude: 2 }] }, 0] }],
    ['a distance on a text field', { '<=': [{ distance: [{ var: 'f_text' }, { latitude: 1, longitude: 2 }] }, 5] }],
    ['one bad rule among good ones', { and: [{ '==': [{ var: 'f_text' }, 'x'] }, { '===': [{ var: 'f_text' }, 'x'] }] }],
  ])('opens %s as raw JSON (parse gives null)', (_name, logic) => {
    expect(query.parseCondition(logic, FIELDS)).toBeNull();
  });
});
