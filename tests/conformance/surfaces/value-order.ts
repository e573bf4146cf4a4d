// A field → how its API values order in JavaScript, written independently of the runtime's column
// kinds: text by Unicode code point (PostgreSQL's "C" collation compares UTF-8 bytes, which is code
// point order; JavaScript's `<` compares UTF-16 units and puts 😀 before ！), numbers numerically,
// false before true, ISO dates and instants as text. Multi-selects and rich text have no order: sorting is refused.
import type { FieldType, NormalisedField } from '@tessera/metadata';

export type Order = (a: unknown, b: unknown) => number;

export function codePointOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

const byText: Order = (a, b) => codePointOrder(String(a), String(b));
const byNumber: Order = (a, b) => Number(a) - Number(b);
const byBoolean: Order = (a, b) => Number(a) - Number(b);

const ORDERS: Record<Exclude<FieldType, 'formula' | 'rollup'>, Order | 'unsortable'> = {
  text: byText,
  textarea: byText,
  email: byText,
  phone: byText,
  url: byText,
  picklist: byText,
  autonumber: byText,
  lookup: byText,
  number: byNumber,
  currency: byNumber,
  percent: byNumber,
  boolean: byBoolean,
  date: byText,
  datetime: byText,
  multipicklist: 'unsortable',
  user: byText,
  // Ordering HTML would order by its tags: the API refuses to sort on it.
  richtext: 'unsortable',
  // HH:MM:SS, two digits each: text order is time order.
  time: byText,
  polylookup: 'unsortable',
  // A set of links has no order to sort by (column-kinds.ts): refused like rich text.
  manytomany: 'unsortable',
  // A point has no order: lists sort by distance from a point (tests/api/geolocation.test.ts).
  geolocation: 'unsortable',
  // A file's bytes have no order, and ordering by file name would be an accident of upload names.
  file: 'unsortable',
  image: 'unsortable',
};

/**
 * How a list sorted on a user column orders its values (ids): by the named user's display name, then
 * by the id (user-name-sort.ts in the runtime). `user: byText` above is the order of the ids themselves.
 */
export function userNameOrder(users: readonly Record<string, unknown>[]): Order {
  const names = new Map(users.map((user) => [String(user.id), String(user.name)]));
  return (a, b) => codePointOrder(names.get(String(a)) ?? '', names.get(String(b)) ?? '') || byText(a, b);
}

export function orderOf(field: NormalisedField): Order | 'unsortable' {
  if (field.type === 'formula') return ORDERS[field.returns === 'text' ? 'text' : field.returns];
  if (field.type === 'rollup') return ORDERS[field.result.type];
  return ORDERS[field.type];
}

/** The values in API order: non-null ascending (or descending), then nulls (nulls sort last both ways). */
export function sortedValues(values: unknown[], order: Order, descending: boolean): unknown[] {
  const present = values.filter((value) => value !== null).sort((a, b) => (descending ? order(b, a) : order(a, b)));
  return [...present, ...values.filter((value) => value === null)];
}
