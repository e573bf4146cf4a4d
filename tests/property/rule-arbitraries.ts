// JsonLogic rules over the row fields, generated from the filter operator registry
// (FILTER_OPERATORS in @tessera/metadata): OPERATOR_SHAPES is a Record over that union, so a new
// operator fails type-checking until it has a shape here, and a test checks every registered
// operator is generated. Rules are typed loosely by the slot they fill (number, text, date,
// condition); `any` mixes the slots so type mismatches, which the compiler must refuse with a
// 4xx code, are generated too. Everything shrinks: literals toward simple values, trees toward leaves.
import { FILTER_OPERATORS, type FilterOperator } from '@tessera/metadata';
import fc from 'fast-check';
import { CALENDAR_NAMES } from './calendar-arbitraries.ts';
import { dateValue, datetimeValue, fieldsOfType, ROW_FIELD_NAMES, scaledNumber, TAGS, textValue, UUIDS } from './filter-rows.ts';

export type Rule = unknown;
type Slot = 'num' | 'text' | 'date' | 'cond';
export interface Grammar {
  num: fc.Arbitrary<Rule>;
  text: fc.Arbitrary<Rule>;
  date: fc.Arbitrary<Rule>;
  cond: fc.Arbitrary<Rule>;
  any: fc.Arbitrary<Rule>;
}
interface Shape {
  slot: Slot;
  rule: (g: Grammar) => fc.Arbitrary<Rule>;
}

const v = (name: string) => ({ var: name });
const op = (name: string) => (args: Rule) => ({ [name]: args });
const varOf = (names: string[]) => fc.constantFrom(...names).map(v);

// Literals, including the coercion cases (numeric strings, '', huge and tiny numbers).
const locationLiteral: fc.Arbitrary<Rule> = fc.oneof(
  fc.constantFrom(
    { latitude: 31.2304, longitude: 121.4737 },
    { latitude: 90, longitude: 0 },
    { latitude: -90, longitude: 180 },
    { latitude: -17.7, longitude: 179.95 },
    { latitude: -17.7, longitude: -179.95 },
    null,
  ),
  fc.record({ latitude: fc.double({ min: -90, max: 90, noNaN: true }), longitude: fc.double({ min: -180, max: 180, noNaN: true }) }),
);
const numberLiteral = fc.oneof(scaledNumber(0, 100), scaledNumber(2, 10_000), fc.constantFrom(0.1, 0.2, 0.3, 1e15, 1e-5, -0.5, 3));
const textLiteral = fc.oneof(textValue, fc.constantFrom('5', '', '1e3', ' 7 '));
// Non-canonical spellings are generated on purpose (see the nonCanonicalLiteral divergence).
const dateLiteral = fc.oneof(dateValue, datetimeValue, fc.constantFrom('2024-1-2', '2024-01-01T00:00:00Z', '2024-02-30', '0000-01-01'));
const nullLiteral = fc.constant(null);

/** A list literal for `in`: items of every JS type, canonical or not. */
const listLiteral = fc.array(fc.oneof(numberLiteral, textLiteral, dateLiteral, fc.boolean(), nullLiteral, fc.constantFrom(...UUIDS, ...TAGS)), {
  maxLength: 4,
});

const pairOf = (g: Grammar) =>
  fc.oneof(fc.tuple(g.num, g.num), fc.tuple(g.text, g.text), fc.tuple(g.date, g.date), fc.tuple(g.cond, g.cond), fc.tuple(g.any, g.any));
const orderOf = (g: Grammar) => fc.oneof(pairOf(g), fc.tuple(g.num, g.num, g.num), fc.tuple(g.date, g.date, g.date), fc.tuple(g.text, g.text, g.text));
const branchesOf = (value: fc.Arbitrary<Rule>, g: Grammar) =>
  fc.oneof(fc.tuple(g.cond, value, value), fc.tuple(g.cond, value), fc.tuple(g.cond, value, g.cond, value, value));
const someOf = (arb: fc.Arbitrary<Rule>, min: number, max: number) => fc.array(arb, { minLength: min, maxLength: max });

/** How each registered operator is called, and which slot its result fills. */
export const OPERATOR_SHAPES: Record<FilterOperator, Shape[]> = {
  var: [
    { slot: 'cond', rule: () => fc.tuple(fc.constantFrom(...ROW_FIELD_NAMES), fc.oneof(numberLiteral, textLiteral, nullLiteral)).map(op('var')) },
    { slot: 'num', rule: () => fc.tuple(fc.constantFrom(...fieldsOfType('number')), numberLiteral).map(op('var')) },
  ],
  and: [
    { slot: 'cond', rule: (g) => someOf(g.cond, 1, 3).map(op('and')) },
    { slot: 'num', rule: (g) => someOf(g.num, 1, 2).map(op('and')) },
  ],
  or: [
    { slot: 'cond', rule: (g) => someOf(g.cond, 1, 3).map(op('or')) },
    { slot: 'text', rule: (g) => someOf(g.text, 1, 2).map(op('or')) },
  ],
  '!': [
    {
      slot: 'cond',
      rule: (g) =>
        fc
          .oneof(
            g.any,
            g.any.map((arg) => [arg]),
          )
          .map(op('!')),
    },
  ],
  '!!': [
    {
      slot: 'cond',
      rule: (g) =>
        fc
          .oneof(
            g.any,
            g.any.map((arg) => [arg]),
          )
          .map(op('!!')),
    },
  ],
  '==': [{ slot: 'cond', rule: (g) => pairOf(g).map(op('==')) }],
  '!=': [{ slot: 'cond', rule: (g) => pairOf(g).map(op('!=')) }],
  '===': [{ slot: 'cond', rule: (g) => pairOf(g).map(op('===')) }],
  '!==': [{ slot: 'cond', rule: (g) => pairOf(g).map(op('!==')) }],
  '<': [{ slot: 'cond', rule: (g) => orderOf(g).map(op('<')) }],
  '<=': [{ slot: 'cond', rule: (g) => orderOf(g).map(op('<=')) }],
  '>': [{ slot: 'cond', rule: (g) => pairOf(g).map(op('>')) }],
  '>=': [{ slot: 'cond', rule: (g) => pairOf(g).map(op('>=')) }],
  in: [
    { slot: 'cond', rule: (g) => fc.tuple(g.any, listLiteral).map(op('in')) },
    { slot: 'cond', rule: (g) => fc.tuple(g.text, g.text).map(op('in')) },
    { slot: 'cond', rule: (g) => fc.tuple(fc.oneof(fc.constantFrom(...TAGS), g.text), fc.constant(v('tags'))).map(op('in')) },
  ],
  '+': [{ slot: 'num', rule: (g) => someOf(g.num, 1, 3).map(op('+')) }],
  '-': [{ slot: 'num', rule: (g) => fc.oneof(someOf(g.num, 2, 2), g.num).map(op('-')) }],
  '*': [{ slot: 'num', rule: (g) => someOf(g.num, 1, 3).map(op('*')) }],
  '/': [{ slot: 'num', rule: (g) => someOf(g.num, 2, 2).map(op('/')) }],
  '%': [{ slot: 'num', rule: (g) => someOf(g.num, 2, 2).map(op('%')) }],
  min: [{ slot: 'num', rule: (g) => someOf(g.num, 1, 3).map(op('min')) }],
  max: [{ slot: 'num', rule: (g) => someOf(g.num, 1, 3).map(op('max')) }],
  cat: [{ slot: 'text', rule: (g) => someOf(g.any, 1, 3).map(op('cat')) }],
  substr: [
    {
      slot: 'text',
      rule: (g) =>
        fc
          .tuple(g.text, fc.integer({ min: -6, max: 6 }), fc.option(fc.integer({ min: -6, max: 6 }), { nil: undefined }))
          .map(([text, start, length]) => ({ substr: length === undefined ? [text, start] : [text, start, length] })),
    },
  ],
  if: [
    { slot: 'cond', rule: (g) => branchesOf(g.cond, g).map(op('if')) },
    { slot: 'num', rule: (g) => branchesOf(g.num, g).map(op('if')) },
    { slot: 'text', rule: (g) => branchesOf(g.text, g).map(op('if')) },
  ],
  '?:': [{ slot: 'num', rule: (g) => fc.tuple(g.cond, g.num, g.num).map(op('?:')) }],
  starts_with: [{ slot: 'cond', rule: (g) => fc.tuple(g.text, g.text).map(op('starts_with')) }],
  ends_with: [{ slot: 'cond', rule: (g) => fc.tuple(g.text, g.text).map(op('ends_with')) }],
  icontains: [{ slot: 'cond', rule: (g) => fc.tuple(g.text, g.text).map(op('icontains')) }],
  today: [{ slot: 'date', rule: () => fc.constant({ today: [] }) }],
  now: [{ slot: 'date', rule: () => fc.constant({ now: [] }) }],
  add_days: [{ slot: 'date', rule: (g) => fc.tuple(g.date, g.num).map(op('add_days')) }],
  days_between: [{ slot: 'num', rule: (g) => fc.tuple(g.date, g.date).map(op('days_between')) }],
  year: [{ slot: 'num', rule: (g) => g.date.map(op('year')) }],
  month: [{ slot: 'num', rule: (g) => g.date.map(op('month')) }],
  add_hours: [{ slot: 'date', rule: (g) => fc.tuple(g.date, fc.oneof(g.num, fc.constantFrom(1.5, -4, 0.25, 1 / 256, -1 / 256, 1e9))).map(op('add_hours')) }],
  hours_between: [{ slot: 'num', rule: (g) => fc.tuple(g.date, g.date).map(op('hours_between')) }],
  // Operands are leaves (fields and literals): each call walks up to 3 660 local days, and nested
  // calls under comparisons (which repeat their operands' SQL) would cost minutes per case. The
  // operators themselves meet random calendars and instants in business-hours.property.test.ts.
  // An unknown calendar name is generated too: the compiler must refuse it (TSR161).
  add_business_hours: [
    {
      slot: 'date',
      rule: () =>
        fc
          .tuple(LEAVES.date, fc.oneof(LEAVES.num, fc.constantFrom(8, 0, 1.5, 40, 1 / 256, 2000)), fc.constantFrom(...CALENDAR_NAMES, 'no_such_calendar'))
          .map(op('add_business_hours')),
    },
  ],
  business_hours_between: [
    { slot: 'num', rule: () => fc.tuple(LEAVES.date, LEAVES.date, fc.constantFrom(...CALENDAR_NAMES, 'no_such_calendar')).map(op('business_hours_between')) },
  ],
  // Over the multi-select (the row fields have no many-to-many; tests/api/many-to-many.test.ts covers
  // those), and over any operand, which the compiler must refuse with a 4xx.
  has_any: [{ slot: 'cond', rule: (g) => fc.tuple(fc.oneof(fc.constant(v('tags')), g.any), listLiteral).map(op('has_any')) }],
  has_all: [{ slot: 'cond', rule: (g) => fc.tuple(fc.oneof(fc.constant(v('tags')), g.any), listLiteral).map(op('has_all')) }],
  // Literal locations (the filter rows hold none): equal points, poles, both sides of the antimeridian, null.
  distance: [{ slot: 'num', rule: () => fc.tuple(locationLiteral, locationLiteral).map(op('distance')) }],
};

const LEAVES: Record<Slot, fc.Arbitrary<Rule>> = {
  num: fc.oneof(varOf(fieldsOfType('number')), numberLiteral, fc.constantFrom('5', '', null)),
  text: fc.oneof(varOf(fieldsOfType('text')), textLiteral, nullLiteral),
  date: fc.oneof(varOf([...fieldsOfType('date'), ...fieldsOfType('datetime')]), dateLiteral),
  cond: fc.oneof(varOf(['active', 'amount', 'name', 'due', 'tags', 'owner']), fc.boolean(), fc.constantFrom(0, '', null)),
};

const shapesOf = (slot: Slot) => Object.values(OPERATOR_SHAPES).flatMap((shapes) => shapes.filter((shape) => shape.slot === slot));

/** The grammar: each slot is a leaf (first, so depth limits end there) or an operator of that slot. */
export function ruleGrammar(maxDepth = 3): Grammar {
  const tree = fc.letrec<Record<keyof Grammar, Rule>>((tie) => {
    const g: Grammar = { num: tie('num'), text: tie('text'), date: tie('date'), cond: tie('cond'), any: tie('any') };
    const slot = (name: Slot) =>
      fc.oneof({ maxDepth, depthIdentifier: 'rule', depthSize: 'small', withCrossShrink: true }, LEAVES[name], ...shapesOf(name).map((shape) => shape.rule(g)));
    return {
      num: slot('num'),
      text: slot('text'),
      date: slot('date'),
      cond: slot('cond'),
      any: fc.oneof(g.num, g.text, g.date, g.cond, nullLiteral, fc.constant(v('tags'))),
    };
  });
  return tree as Grammar;
}

/** Operator names used anywhere in a rule (for the coverage check against the registry). */
export function operatorsIn(rule: Rule, into = new Set<string>()): Set<string> {
  if (Array.isArray(rule)) for (const item of rule) operatorsIn(item, into);
  else if (rule !== null && typeof rule === 'object') {
    for (const [name, args] of Object.entries(rule)) {
      into.add(name);
      operatorsIn(args, into);
    }
  }
  return into;
}

export { FILTER_OPERATORS };
