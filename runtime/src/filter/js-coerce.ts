// JavaScript's coercions, evaluated at compile time on literals only, so the SQL can follow what
// json-logic-js does with the same values (Number(), parseFloat, relational comparison).

export const jsNumber = (value: string | number | boolean | null): number => Number(value);

export const jsParseFloat = (value: string | number): number => Number.parseFloat(String(value));

export type OrderOp = '<' | '<=' | '>' | '>=';

export function jsCompare(left: number, op: OrderOp, right: number): boolean {
  switch (op) {
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '>':
      return left > right;
    case '>=':
      return left >= right;
  }
}

/** The operator that selects exactly the non-null values the given one rejects (total order). */
export const COMPLEMENT: Readonly<Record<OrderOp, OrderOp>> = { '<': '>=', '<=': '>', '>': '<=', '>=': '<' };

/** The same comparison with its operands swapped: a < b ⇔ b > a. */
export const MIRROR: Readonly<Record<OrderOp, OrderOp>> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

// PostgreSQL has no year 0 (1 BC): a cast of '0000-01-01' fails at run time, so the compiler
// refuses such literals (JS Dates accept them). Past 9999 JS prints '+010000-…', which is no
// literal the API takes either: records hold years 1–9999 (metadata's calendar-range.ts).
const inPostgresRange = (parsed: Date): boolean => !Number.isNaN(parsed.getTime()) && parsed.getUTCFullYear() >= 1 && parsed.getUTCFullYear() <= 9999;

/** A calendar date written YYYY-MM-DD (year 1 or later), or undefined. */
export function canonicalDate(value: string): string | undefined {
  const match = DATE.exec(value);
  if (!match) return undefined;
  const parsed = new Date(`${value}T00:00:00.000Z`);
  return !inPostgresRange(parsed) || parsed.toISOString().slice(0, 10) !== value ? undefined : value;
}

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/i;

/** An ISO 8601 instant (UTC year 1 or later) normalised to the API's form YYYY-MM-DDTHH:mm:ss.sssZ, or undefined. */
export function canonicalDatetime(value: string): string | undefined {
  // The calendar date is checked on its own: Date reads 2024-02-30T10:00Z as 2024-03-01T10:00Z.
  if (!ISO_DATETIME.test(value) || canonicalDate(value.slice(0, 10)) === undefined) return undefined;
  const parsed = new Date(value);
  return inPostgresRange(parsed) ? parsed.toISOString() : undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A UUID normalised to lowercase, or undefined. */
export const canonicalUuid = (value: string): string | undefined => (UUID.test(value) ? value.toLowerCase() : undefined);
