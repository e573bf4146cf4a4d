// Tessera's custom JsonLogic operators, registered on a json-logic-js instance. The browser and the
// server both call registerTesseraOperators, so a rule means the same thing on both sides; the SQL
// compiler (runtime/src/filter) emits the equivalent SQL for each.
import type { CalendarSet } from '../calendars/calendar-types.ts';
import { addBusinessHours, businessHoursBetween } from '../calendars/business-time.ts';
import { haversineKm, isGeolocation } from '../geo/geolocation.ts';
import { dateOf, instantMs, utcToday } from './rule-dates.ts';

/** The part of json-logic-js this module needs (keeps metadata free of a hard type dependency). */
export interface JsonLogicHost {
  add_operation(name: string, code: (...args: never[]) => unknown): void;
}

/** Text operators (filters) and date operators (formulas, defaults, validation rules). */
export const TESSERA_TEXT_OPERATORS = ['starts_with', 'ends_with', 'icontains'] as const;
export const TESSERA_DATE_OPERATORS = ['today', 'now', 'add_days', 'days_between', 'year', 'month', 'add_hours', 'hours_between'] as const;
/** Working-time operators: their third operand names a calendar of the tenant's metadata. */
export const TESSERA_CALENDAR_OPERATORS = ['add_business_hours', 'business_hours_between'] as const;

/** List operators (many-to-many links, multi-selects): `{"has_any": [{"var": "contacts"}, ["id1", "id2"]]}`. */
export const TESSERA_LIST_OPERATORS = ['has_any', 'has_all'] as const;

/** Geolocation operators (filters, formulas returning a number). */
export const TESSERA_GEO_OPERATORS = ['distance'] as const;

/** Names of the operators Tessera adds to standard JsonLogic. */
export const TESSERA_CUSTOM_OPERATORS = [
  ...TESSERA_TEXT_OPERATORS,
  ...TESSERA_DATE_OPERATORS,
  ...TESSERA_CALENDAR_OPERATORS,
  ...TESSERA_LIST_OPERATORS,
  ...TESSERA_GEO_OPERATORS,
] as const;
export type TesseraCustomOperator = (typeof TESSERA_CUSTOM_OPERATORS)[number];

// A non-string operand (null, a number, a missing field) never matches: SQL gives NULL ⇒ false too.
const startsWith = (text: unknown, prefix: unknown): boolean => typeof text === 'string' && typeof prefix === 'string' && text.startsWith(prefix);

const endsWith = (text: unknown, suffix: unknown): boolean => typeof text === 'string' && typeof suffix === 'string' && text.endsWith(suffix);

// Case folding: JS toLowerCase here, SQL lower() in the database. They agree on ASCII and on
// scripts without case (CJK); other letters follow the database's ctype (see filter README).
const icontains = (text: unknown, needle: unknown): boolean =>
  typeof text === 'string' && typeof needle === 'string' && text.toLowerCase().includes(needle.toLowerCase());

// A list value (null when empty) against a list of items, by strict equality as `in` finds them.
// Not a list on either side (null, a text) ⇒ false, so an empty set has neither any nor all.
const hasAny = (list: unknown, items: unknown): boolean => Array.isArray(list) && Array.isArray(items) && items.some((item) => list.includes(item));
const hasAll = (list: unknown, items: unknown): boolean => Array.isArray(list) && Array.isArray(items) && items.every((item) => list.includes(item));

/**
 * `today` and `now` read the evaluation context (`$today`, `$now` in the data, which Tessera always
 * supplies, so the server's injected clock decides); without it they fall back to this machine's
 * clock (UTC). json-logic-js calls operators with the data as `this`.
 */
function today(this: unknown): string {
  const supplied = (this as { $today?: unknown } | null)?.$today;
  return typeof supplied === 'string' ? supplied : utcToday();
}
function now(this: unknown): string {
  const supplied = (this as { $now?: unknown } | null)?.$now;
  return typeof supplied === 'string' ? supplied : new Date().toISOString();
}

const DAY_MS = 86_400_000;

/** date + n days (n truncated toward zero) as YYYY-MM-DD; null when the date or n is not usable. */
function addDays(date: unknown, days: unknown): string | null {
  const start = dateOf(date);
  if (start === undefined || typeof days !== 'number' || !Number.isFinite(days)) return null;
  const result = new Date(Date.parse(`${start}T00:00:00.000Z`) + Math.trunc(days) * DAY_MS);
  // Past ±8.64e15 ms the Date is invalid (its year NaN); toISOString would throw.
  if (Number.isNaN(result.getTime())) return null;
  const year = result.getUTCFullYear();
  // Outside 1..9999 the API could not print the date (and PostgreSQL's answer would differ).
  return year < 1 || year > 9999 ? null : result.toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier); null when either is not a date. */
function daysBetween(from: unknown, to: unknown): number | null {
  const start = dateOf(from);
  const end = dateOf(to);
  if (start === undefined || end === undefined) return null;
  return Math.round((Date.parse(`${end}T00:00:00.000Z`) - Date.parse(`${start}T00:00:00.000Z`)) / DAY_MS);
}

const year = (date: unknown): number | null => {
  const day = dateOf(date);
  return day === undefined ? null : Number(day.slice(0, 4));
};
const month = (date: unknown): number | null => {
  const day = dateOf(date);
  return day === undefined ? null : Number(day.slice(5, 7));
};

const HOUR_MS = 3_600_000;
/** 0001-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z: the instants the API can print. */
const FIRST_MS = -62_135_596_800_000;
const LAST_MS = 253_402_300_799_999;

/**
 * instant + n hours (fractions allowed) as an ISO instant, rounded to whole milliseconds half away
 * from zero, as SQL's round(numeric) does; null when either operand is not usable or the result
 * falls outside years 1–9999. A date counts as its midnight UTC.
 */
function addHours(instant: unknown, hours: unknown): string | null {
  const start = instantMs(instant);
  if (start === undefined || typeof hours !== 'number' || !Number.isFinite(hours)) return null;
  const delta = hours * HOUR_MS;
  const result = start + Math.sign(delta) * Math.round(Math.abs(delta));
  return result < FIRST_MS || result > LAST_MS ? null : new Date(result).toISOString();
}

/** Hours from `from` to `to` (fractional; negative when `to` is earlier); null when either is not a date or instant. */
function hoursBetween(from: unknown, to: unknown): number | null {
  const start = instantMs(from);
  const end = instantMs(to);
  return start === undefined || end === undefined ? null : (end - start) / HOUR_MS;
}

/**
 * The calendar a rule names, from the evaluation data's `$calendars` (Tessera supplies the tenant's
 * calendars there, as it supplies `$today`); undefined for an unknown name.
 */
function calendarNamed(data: unknown, name: unknown) {
  const calendars = (data as { $calendars?: CalendarSet } | null)?.$calendars;
  return typeof name === 'string' && calendars && Object.hasOwn(calendars, name) ? calendars[name] : undefined;
}

/** `hours` working hours after `instant` on the named calendar (hours ≥ 0), as an ISO instant; null when not computable. */
function addBusinessHoursOp(this: unknown, instant: unknown, hours: unknown, name: unknown): string | null {
  const calendar = calendarNamed(this, name);
  const start = instantMs(instant);
  if (!calendar || start === undefined || typeof hours !== 'number') return null;
  const result = addBusinessHours(calendar, start, hours);
  return result === null ? null : new Date(result).toISOString();
}

/** Working hours from `from` to `to` on the named calendar (negative when `to` is earlier). */
function businessHoursBetweenOp(this: unknown, from: unknown, to: unknown, name: unknown): number | null {
  const calendar = calendarNamed(this, name);
  const start = instantMs(from);
  const end = instantMs(to);
  return !calendar || start === undefined || end === undefined ? null : businessHoursBetween(calendar, start, end);
}

/**
 * Great-circle kilometres between two geolocations (haversine, Earth radius 6371.0088 km); NaN
 * when either is not a location (null, a missing field), so every comparison with it is false and
 * "within 5 km" never selects a record without a location. A formula stores NaN as null.
 */
const distance = (from: unknown, to: unknown): number => (isGeolocation(from) && isGeolocation(to) ? haversineKm(from, to) : Number.NaN);

export const TESSERA_OPERATOR_IMPLEMENTATIONS: Readonly<Record<TesseraCustomOperator, (...args: never[]) => unknown>> = Object.freeze({
  starts_with: startsWith,
  ends_with: endsWith,
  icontains,
  today,
  now,
  add_days: addDays,
  days_between: daysBetween,
  year,
  month,
  add_hours: addHours,
  hours_between: hoursBetween,
  add_business_hours: addBusinessHoursOp,
  business_hours_between: businessHoursBetweenOp,
  has_any: hasAny,
  has_all: hasAll,
  distance,
});

/** Adds Tessera's operators to a json-logic-js instance. Idempotent. */
export function registerTesseraOperators(jsonLogic: JsonLogicHost): void {
  for (const name of TESSERA_CUSTOM_OPERATORS) {
    jsonLogic.add_operation(name, TESSERA_OPERATOR_IMPLEMENTATIONS[name]);
  }
}
