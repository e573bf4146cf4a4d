// Typed rows as the API renders them (numbers with a scale, text with CJK, emoji, fullwidth
// punctuation and the empty string, booleans, dates, instants, uuids, multi-select arrays, NULL in
// every column) and the one-statement SQL table that holds them for the agreement properties.
import fc from 'fast-check';
import { type RawBuilder, sql } from 'kysely';
import type { CalendarSet } from '@tessera/metadata';
import type { FilterScope, FilterValueType } from '../../runtime/src/filter/index.ts';
import { TEST_CALENDARS } from './calendar-arbitraries.ts';

/** The columns a generated rule may read, with their filter types and SQL types. */
export const ROW_FIELDS = {
  amount: { type: 'number', sqlType: 'numeric' },
  qty: { type: 'number', sqlType: 'numeric' },
  rate: { type: 'number', sqlType: 'numeric' },
  name: { type: 'text', sqlType: 'text' },
  code: { type: 'text', sqlType: 'text' },
  active: { type: 'boolean', sqlType: 'boolean' },
  due: { type: 'date', sqlType: 'date' },
  start: { type: 'date', sqlType: 'date' },
  closed_at: { type: 'datetime', sqlType: 'timestamptz' },
  owner: { type: 'uuid', sqlType: 'uuid' },
  tags: { type: 'textarray', sqlType: 'jsonb' },
} as const satisfies Record<string, { type: FilterValueType; sqlType: string }>;

export type RowField = keyof typeof ROW_FIELDS;
export const ROW_FIELD_NAMES = Object.keys(ROW_FIELDS) as RowField[];
export const fieldsOfType = (type: FilterValueType): RowField[] => ROW_FIELD_NAMES.filter((name) => ROW_FIELDS[name].type === type);

// The request clock every row carries (json-logic-js reads this.$today / this.$now).
export const TODAY = '2026-03-15';
export const NOW = '2026-03-15T23:30:00.000Z';

export type Row = { id: number } & Record<RowField, unknown> & { $today: string; $now: string; $calendars?: CalendarSet };

const nullable = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.option(arb, { nil: null, freq: 4 });

/** A number with `scale` decimals, as a double the API would render. */
export const scaledNumber = (scale: number, bound = 1_000_000): fc.Arbitrary<number> =>
  fc.oneof(
    fc.integer({ min: -bound * 10 ** scale, max: bound * 10 ** scale }).map((units) => Number((units / 10 ** scale).toFixed(scale))),
    fc.constantFrom(0, 1, -1, 2, 5, 10, 100),
  );

// Characters that stress the compiler: ASCII case, LIKE metacharacters, CJK, emoji (outside the
// BMP), fullwidth punctuation (U+FF01, inside U+E000–U+FFFF), accented and special-cased letters.
export const TEXT_UNITS = ['a', 'A', 'b', 'Z', '0', '5', ' ', '%', '_', '\\', "'", '中', '文', '华', '😀', '！', '（', 'é', 'É', 'İ', 'ß'];
export const textValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', 'Acme', 'acme', '中文', '华为 Huawei', '😀', '！', '0', '5', '10', 'null', ' '),
  fc.string({ unit: fc.constantFrom(...TEXT_UNITS), maxLength: 5 }),
);

const DAY_MS = 86_400_000;
const dateOffset = fc.integer({ min: Date.UTC(1000, 0, 1) / DAY_MS, max: Date.UTC(9999, 11, 31) / DAY_MS });
export const dateValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(TODAY, '2024-02-29', '2024-01-01', '2023-12-31', '2026-03-16'),
  fc.integer({ min: Date.UTC(2020, 0, 1) / DAY_MS, max: Date.UTC(2030, 0, 1) / DAY_MS }).map((day) => new Date(day * DAY_MS).toISOString().slice(0, 10)),
  dateOffset.map((day) => new Date(day * DAY_MS).toISOString().slice(0, 10)),
);
export const datetimeValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(NOW, '2024-01-01T00:00:00.000Z', '2023-12-31T23:59:59.999Z'),
  fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }).map((ms) => new Date(ms).toISOString()),
);
export const UUIDS = ['01900000-0000-7000-8000-000000000001', '01900000-0000-7000-8000-000000000002', 'ffffffff-ffff-4fff-bfff-ffffffffffff'];
export const TAGS = ['vip', 'hot', 'VIP', '热门', 'a%', '😀'];

export const rowArbitrary: fc.Arbitrary<Omit<Row, 'id' | '$today' | '$now'>> = fc.record({
  amount: nullable(scaledNumber(2)),
  qty: nullable(scaledNumber(0, 1000)),
  rate: nullable(scaledNumber(4, 100)),
  name: nullable(textValue),
  code: nullable(textValue),
  active: nullable(fc.boolean()),
  due: nullable(dateValue),
  start: nullable(dateValue),
  closed_at: nullable(datetimeValue),
  owner: nullable(fc.constantFrom(...UUIDS)),
  tags: nullable(fc.uniqueArray(fc.constantFrom(...TAGS), { maxLength: 3 })),
});

export const rowsArbitrary: fc.Arbitrary<Row[]> = fc
  .array(rowArbitrary, { minLength: 1, maxLength: 8 })
  .map((rows) => rows.map((row, index) => ({ id: index + 1, ...row, $today: TODAY, $now: NOW, $calendars: TEST_CALENDARS })));

/** Resolves the row fields (alias `r`), the clock variables and the test calendars, as the runtime's scope does. */
export const rowScope: FilterScope = {
  calendar: (name) => (Object.hasOwn(TEST_CALENDARS, name) ? TEST_CALENDARS[name] : undefined),
  resolve(name) {
    if (name === '$today') return { ref: sql.ref('r.today_'), type: 'date' };
    if (name === '$now') return { ref: sql.ref('r.now_'), type: 'datetime' };
    if (!Object.hasOwn(ROW_FIELDS, name)) return undefined;
    return { ref: sql.ref(`r.${name}`), type: ROW_FIELDS[name as RowField].type };
  },
};

/** `(values (...), ...) as r(id, …)`: the rows as a typed relation, every value a bound parameter. */
export function rowsRelation(rows: Row[]): RawBuilder<unknown> {
  const tuples = rows.map((row) => {
    const cells = ROW_FIELD_NAMES.map((name) => {
      const value = row[name];
      const bound = name === 'tags' && value !== null ? JSON.stringify(value) : value;
      return sql`cast(${bound} as ${sql.raw(ROW_FIELDS[name].sqlType)})`;
    });
    return sql`(${sql.join([sql`cast(${row.id} as int)`, ...cells, sql`cast(${row.$today} as date)`, sql`cast(${row.$now} as timestamptz)`])})`;
  });
  const columns = ['id', ...ROW_FIELD_NAMES, 'today_', 'now_'].map((name) => sql.id(name));
  return sql`(values ${sql.join(tuples)}) as r(${sql.join(columns)})`;
}
