// Dates as rules see them: the API's `YYYY-MM-DD` for date fields and `…T…Z` instants for
// datetimes. Date operators take the calendar date of either (an instant's UTC date), so the SQL
// compiler can reproduce them with `date` arithmetic.

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

/** The calendar date (YYYY-MM-DD) a rule value stands for, or undefined when it is not a date. */
export function dateOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (DATE.test(value)) {
    const parsed = new Date(`${value}T00:00:00.000Z`);
    return Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value ? undefined : value;
  }
  if (INSTANT.test(value)) {
    const parsed = new Date(value);
    return Number.isNaN(parsed.getTime()) ? undefined : parsed.toISOString().slice(0, 10);
  }
  return undefined;
}

/** Today's date in UTC, the zone Tessera's rules use for `$today`. */
export const utcToday = (clock: Date = new Date()): string => clock.toISOString().slice(0, 10);

/**
 * The instant (epoch milliseconds) a rule value stands for: an ISO instant truncated to whole
 * milliseconds (as the API prints datetimes), a date as its midnight UTC; undefined otherwise.
 */
export function instantMs(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  if (DATE.test(value)) return dateOf(value) === undefined ? undefined : Date.parse(`${value}T00:00:00.000Z`);
  if (!INSTANT.test(value)) return undefined;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : parsed;
}
