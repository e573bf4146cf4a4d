// A business calendar for tests: China's five-day week with a lunch break, holidays and make-up
// working days (调休) in the style of the State Council's yearly notice (the 2026 dates are
// illustrative; 2026-03-16 and 2026-03-14 sit next to the property tests' clock on purpose).
import type { CalendarDef } from '../calendars/calendar-types.ts';

export const CHINA_WORKWEEK: CalendarDef = {
  apiName: 'china_workweek',
  labels: { en: 'China workweek', zh: '中国工作日' },
  timeZone: 'Asia/Shanghai',
  week: Object.fromEntries(
    ['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => [
      day,
      [
        ['09:00', '12:00'],
        ['13:00', '18:00'],
      ],
    ]),
  ),
  holidays: ['2026-01-01', '2026-02-16', '2026-02-17', '2026-02-18', '2026-03-16', '2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
  workdays: ['2026-02-14', '2026-02-28', '2026-03-14', '2026-09-27', '2026-10-10'],
};
