// Calendars: validation names each offending path (TSR237); the evaluator walks working time in the
// calendar's zone, across holidays, make-up days (调休) and DST, as PostgreSQL resolves wall times.
import { describe, expect, it } from 'vitest';
import { addBusinessHours, businessHoursBetween } from './business-time.ts';
import { CHINA_WORKWEEK } from '../testing/calendar-fixtures.ts';
import type { NormalisedCalendar } from './calendar-types.ts';
import { validateCalendars } from './validate-calendars.ts';
import { instantOfWall } from './zone-time.ts';

const CHINA = CHINA_WORKWEEK;

const valid = (defs: unknown): NormalisedCalendar[] => {
  const result = validateCalendars(defs);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
};
const china = valid([CHINA])[0] as NormalisedCalendar;
const ms = (iso: string) => Date.parse(iso);
const iso = (value: number | null) => (value === null ? null : new Date(value).toISOString());

describe('validateCalendars', () => {
  it('normalises a calendar: minutes per weekday (Sunday first), sorted dates, Monday hours for make-up days', () => {
    expect(china.week[1]).toEqual([
      [540, 720],
      [780, 1080],
    ]);
    expect(china.week[0]).toEqual([]);
    expect(china.makeUpHours).toEqual(china.week[1]);
    expect(valid(undefined)).toEqual([]);
  });

  it('refuses every problem at once, each at its path', () => {
    const result = validateCalendars([
      {
        apiName: 'Bad Name',
        timeZone: 'Mars/Olympus',
        week: {
          mon: [
            ['09:00', '08:00'],
            ['25:00', '26:00'],
          ],
          funday: [],
          tue: [
            ['10:00', '12:00'],
            ['11:00', '13:00'],
          ],
        },
        holidays: ['2026-02-30', '2026-10-01', '2026-10-01'],
        workdays: ['2026-10-01'],
        colour: 'red',
      },
      { ...CHINA, week: {} },
      { ...CHINA, week: {} },
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.every((error) => error.code === 'TSR237')).toBe(true);
    expect(result.errors.map((error) => error.path).sort()).toEqual(
      [
        '/calendars/0/colour',
        '/calendars/0/apiName',
        '/calendars/0/timeZone',
        '/calendars/0/week/mon/0/1',
        '/calendars/0/week/mon/1',
        '/calendars/0/week/funday',
        '/calendars/0/week/tue/1/0',
        '/calendars/0/holidays/0',
        '/calendars/0/holidays/2',
        '/calendars/0/workdays/0',
        '/calendars/1/week',
        '/calendars/2/week',
        '/calendars/2/apiName',
      ].sort(),
    );
  });

  it('refuses a section that is not a list, and make-up days without hours', () => {
    expect(validateCalendars({})).toMatchObject({ ok: false, errors: [{ path: '/calendars', code: 'TSR237' }] });
    const noHours = validateCalendars([{ apiName: 'w', timeZone: 'UTC', week: { sat: [['10:00', '11:00']] }, workdays: ['2026-01-05'] }]);
    expect(noHours).toMatchObject({ ok: false, errors: [{ path: '/calendars/0/makeUpHours', code: 'TSR237' }] });
  });
});

describe('addBusinessHours / businessHoursBetween', () => {
  it('counts working time in the calendar zone: 8 hours from Friday 16:00 Shanghai is Monday 16:00 (2 h Friday, 3 h before lunch, 3 h after)', () => {
    // 2026-04-10 is a Friday; 16:00 in Shanghai is 08:00Z.
    expect(iso(addBusinessHours(china, ms('2026-04-10T08:00:00.000Z'), 8))).toBe('2026-04-13T08:00:00.000Z');
    expect(businessHoursBetween(china, ms('2026-04-10T08:00:00.000Z'), ms('2026-04-13T08:00:00.000Z'))).toBe(8);
    expect(businessHoursBetween(china, ms('2026-04-13T08:00:00.000Z'), ms('2026-04-10T08:00:00.000Z'))).toBe(-8);
    // Friday 2026-03-13 16:00 + 8 h: 2 h Friday, 6 h on the make-up Saturday 2026-03-14; Monday 03-16 is a holiday.
    expect(iso(addBusinessHours(china, ms('2026-03-13T08:00:00.000Z'), 8))).toBe('2026-03-14T08:00:00.000Z');
    expect(iso(addBusinessHours(china, ms('2026-03-13T08:00:00.000Z'), 18))).toBe('2026-03-17T10:00:00.000Z');
  });

  it('skips the lunch break and the National Day holidays, and works the make-up Saturday (调休)', () => {
    // Wednesday 2026-09-30 17:00 Shanghai + 2 h: 1 h that day, then nothing until Thursday 2026-10-08 09:00: 10:00.
    expect(iso(addBusinessHours(china, ms('2026-09-30T09:00:00.000Z'), 2))).toBe('2026-10-08T02:00:00.000Z');
    // Friday 2026-10-09 17:00 + 2 h: the make-up Saturday 2026-10-10 works from 09:00.
    expect(iso(addBusinessHours(china, ms('2026-10-09T09:00:00.000Z'), 2))).toBe('2026-10-10T02:00:00.000Z');
    // 11:00 + 2 h crosses lunch: 14:00.
    expect(iso(addBusinessHours(china, ms('2026-04-13T03:00:00.000Z'), 2))).toBe('2026-04-13T06:00:00.000Z');
  });

  it('answers the start for 0 hours, an interval end when the hours end there, null for negative hours', () => {
    const friday = ms('2026-04-10T08:00:00.000Z');
    expect(addBusinessHours(china, friday, 0)).toBe(friday);
    expect(iso(addBusinessHours(china, friday, 2))).toBe('2026-04-10T10:00:00.000Z');
    expect(addBusinessHours(china, friday, -1)).toBeNull();
    expect(addBusinessHours(china, friday, Number.NaN)).toBeNull();
  });

  it('answers null past the ten-year horizon', () => {
    expect(addBusinessHours(china, ms('2026-04-10T08:00:00.000Z'), 1e7)).toBeNull();
    expect(businessHoursBetween(china, ms('2020-01-01T00:00:00.000Z'), ms('2031-01-01T00:00:00.000Z'))).toBeNull();
  });

  it('resolves DST gaps and overlaps as PostgreSQL does (gap: offset before; overlap: offset after)', () => {
    const day = (date: string) => Date.parse(`${date}T00:00:00.000Z`) / 86_400_000;
    expect(iso(instantOfWall('America/New_York', day('2026-03-08'), 150))).toBe('2026-03-08T07:30:00.000Z');
    expect(iso(instantOfWall('America/New_York', day('2026-11-01'), 90))).toBe('2026-11-01T06:30:00.000Z');
    expect(iso(instantOfWall('Asia/Shanghai', day('2026-03-16'), 540))).toBe('2026-03-16T01:00:00.000Z');
  });
});
