// Business calendars for the property tests: random valid calendars (zones with and without DST,
// a 30-minute DST shift, a +05:45 offset; intervals touching midnight and the 02:00–03:00 DST hours;
// holidays and make-up days around the generated instants) and a fixed set the rule grammar names.
import { type CalendarDef, type CalendarSet, type NormalisedCalendar, validateCalendars, WEEKDAYS } from '@tessera/metadata';
import fc from 'fast-check';
import { CHINA_WORKWEEK } from '../../metadata/src/testing/calendar-fixtures.ts';

export const ZONES = ['Asia/Shanghai', 'UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu'];

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** A day's intervals: sorted distinct boundaries on a 30-minute grid (plus 24:00), paired up. */
const dayHours = fc.uniqueArray(fc.integer({ min: 0, max: 48 }), { maxLength: 6 }).map((points) => {
  const sorted = points.sort((a, b) => a - b).map((half) => half * 30);
  const pairs: [string, string][] = [];
  for (let i = 0; i + 1 < sorted.length; i += 2)
    pairs.push([hhmm(sorted[i] as number), (sorted[i + 1] as number) === 1440 ? '24:00' : hhmm(sorted[i + 1] as number)]);
  return pairs;
});

const DAY_MS = 86_400_000;
/** Dates in 2025–2027, where the generated instants mostly are. */
const nearbyDate = fc
  .integer({ min: Date.UTC(2025, 0, 1) / DAY_MS, max: Date.UTC(2027, 11, 31) / DAY_MS })
  .map((day) => new Date(day * DAY_MS).toISOString().slice(0, 10));

export const calendarDefArbitrary: fc.Arbitrary<CalendarDef> = fc
  .record({
    timeZone: fc.constantFrom(...ZONES),
    week: fc.tuple(...WEEKDAYS.map(() => dayHours)),
    holidays: fc.uniqueArray(nearbyDate, { maxLength: 12 }),
    workdays: fc.uniqueArray(nearbyDate, { maxLength: 4 }),
    makeUpHours: fc.option(
      dayHours.filter((hours) => hours.length > 0),
      { nil: undefined },
    ),
  })
  .map(({ timeZone, week, holidays, workdays, makeUpHours }) => {
    const days = Object.fromEntries(WEEKDAYS.map((day, index) => [day, week[index] ?? []]));
    if (WEEKDAYS.every((day) => (days[day] ?? []).length === 0)) days.wed = [['09:00', '17:30']];
    if ((days.mon ?? []).length === 0 && makeUpHours === undefined) days.mon = [['08:00', '12:00']];
    const free = workdays.filter((date) => !holidays.includes(date));
    return { apiName: 'generated', timeZone, week: days, holidays, workdays: free, ...(makeUpHours ? { makeUpHours } : {}) };
  });

export function normalisedCalendar(def: CalendarDef): NormalisedCalendar {
  const result = validateCalendars([def]);
  if (!result.ok) throw new Error(`generated calendar refused: ${JSON.stringify(result.errors)}`);
  return result.value[0] as NormalisedCalendar;
}

/** The calendars the rule grammar names: China's workweek with 2026's National Day and its 调休, and a DST-crossing one. */
export const TEST_CALENDAR_DEFS: CalendarDef[] = [
  CHINA_WORKWEEK,

  {
    apiName: 'night_shift',
    timeZone: 'Europe/Berlin',
    week: {
      sun: [
        ['00:00', '03:30'],
        ['22:00', '24:00'],
      ],
      sat: [['01:30', '02:30']],
      wed: [['09:00', '17:00']],
    },
    holidays: ['2026-03-29'],
  },
];
export const TEST_CALENDARS: CalendarSet = Object.fromEntries(TEST_CALENDAR_DEFS.map((def) => [def.apiName, normalisedCalendar(def)]));
export const CALENDAR_NAMES = TEST_CALENDAR_DEFS.map((def) => def.apiName);
