// add_business_hours and business_hours_between on a calendar: pure functions of their inputs
// (no clock), in whole milliseconds, walking local days. The SQL compiler
// (runtime/src/filter/business-hours.ts) computes the same set-based over generate_series of days;
// the agreement property proves they match.
import type { MinuteInterval, NormalisedCalendar } from './calendar-types.ts';
import { instantOfWall, localDayOf } from './zone-time.ts';

const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
/** Neither operator looks further than this many local days (≈ 10 years): past it they answer null. */
export const BUSINESS_DAYS_LIMIT = 3660;
/** 9999-12-31T23:59:59.999Z: the last instant the API can print. */
const LAST_MS = 253_402_300_799_999;

const isoDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The working intervals of one local day: a make-up day's hours, none on a holiday, else its weekday's. */
export function workingIntervals(calendar: NormalisedCalendar, day: number): readonly MinuteInterval[] {
  const date = isoDay(day);
  if (calendar.workdays.includes(date)) return calendar.makeUpHours;
  if (calendar.holidays.includes(date)) return [];
  return calendar.week[new Date(day * DAY_MS).getUTCDay()] ?? [];
}

/** The day's working intervals as instants [start, end), in order. */
function dayInstants(calendar: NormalisedCalendar, day: number): [number, number][] {
  return workingIntervals(calendar, day).map(([from, to]) => [instantOfWall(calendar.timeZone, day, from), instantOfWall(calendar.timeZone, day, to)]);
}

/** The most working time BUSINESS_DAYS_LIMIT + 1 days can hold: each day its longest schedule plus a DST hour. */
export function reachableMs(calendar: NormalisedCalendar): number {
  const longestDay = Math.max(...[...calendar.week, calendar.makeUpHours].map((day) => day.reduce((sum, [from, to]) => sum + (to - from) * 60_000, 0)));
  return (BUSINESS_DAYS_LIMIT + 1) * (longestDay + HOUR_MS);
}

/**
 * The instant `hours` working hours after `startMs` (hours ≥ 0; the offset rounded to whole
 * milliseconds half away from zero, as add_hours does). 0 hours is the start itself; an offset that
 * ends exactly at the end of a working interval answers that end. Null when the result lies more
 * than BUSINESS_DAYS_LIMIT local days after the start or past year 9999.
 */
export function addBusinessHours(calendar: NormalisedCalendar, startMs: number, hours: number): number | null {
  if (!Number.isFinite(hours) || hours < 0) return null;
  let remaining = Math.round(hours * HOUR_MS);
  if (remaining === 0) return startMs;
  // No day works longer than its longest schedule plus a DST hour: beyond that many hours the
  // horizon cannot be reached, so answer at once (SQL bounds its days the same way).
  if (remaining > reachableMs(calendar)) return null;
  const first = localDayOf(calendar.timeZone, startMs);
  for (let day = first; day <= first + BUSINESS_DAYS_LIMIT; day++) {
    for (const [from, to] of dayInstants(calendar, day)) {
      const start = Math.max(from, startMs);
      if (to <= start) continue;
      if (remaining <= to - start) {
        const result = start + remaining;
        return result > LAST_MS ? null : result;
      }
      remaining -= to - start;
    }
  }
  return null;
}

/**
 * Working hours between two instants (negative when `toMs` is earlier): the overlap of [from, to)
 * with the working intervals. Null when the two lie more than BUSINESS_DAYS_LIMIT local days apart.
 */
export function businessHoursBetween(calendar: NormalisedCalendar, fromMs: number, toMs: number): number | null {
  if (toMs < fromMs) {
    const reversed = businessHoursBetween(calendar, toMs, fromMs);
    return reversed === null ? null : 0 - reversed; // never -0
  }
  const first = localDayOf(calendar.timeZone, fromMs);
  const last = localDayOf(calendar.timeZone, toMs);
  if (last - first > BUSINESS_DAYS_LIMIT) return null;
  let total = 0;
  for (let day = first; day <= last; day++) {
    for (const [from, to] of dayInstants(calendar, day)) total += Math.max(0, Math.min(to, toMs) - Math.max(from, fromMs));
  }
  return total / HOUR_MS;
}
