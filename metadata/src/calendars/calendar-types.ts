// Business calendars (issue #21, SLA helpers): working hours per weekday in one IANA time zone,
// holidays (no work) and make-up working days (调休) as local dates. A tenant's calendars are a
// section of its metadata document; add_business_hours / business_hours_between name one.

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** `["09:00", "12:00"]`: local wall-clock times, end after start, `"24:00"` allowed as an end. */
export type WorkingInterval = [string, string];

/** A calendar as written in the metadata document (`calendars: [...]`). */
export interface CalendarDef {
  apiName: string;
  labels?: { en?: string; zh?: string };
  /** IANA zone, e.g. Asia/Shanghai: the wall clock the hours and dates are in. */
  timeZone: string;
  /** Working intervals per weekday; a missing or empty day is a day off. */
  week: Partial<Record<Weekday, WorkingInterval[]>>;
  /** Local dates with no work (公众假期), whatever their weekday. */
  holidays?: string[];
  /** Local dates that are working days whatever their weekday (调休): they work `makeUpHours`. */
  workdays?: string[];
  /** The hours of a make-up working day; Monday's when absent. */
  makeUpHours?: WorkingInterval[];
}

/** [start, end) in minutes after local midnight. */
export type MinuteInterval = readonly [number, number];

/** A validated calendar, as the evaluator and the SQL compiler read it. */
export interface NormalisedCalendar {
  apiName: string;
  timeZone: string;
  /** Index 0 is Sunday, as JavaScript's getUTCDay and PostgreSQL's extract(dow). */
  week: readonly (readonly MinuteInterval[])[];
  /** Sorted, distinct. */
  holidays: readonly string[];
  /** Sorted, distinct, none a holiday. */
  workdays: readonly string[];
  makeUpHours: readonly MinuteInterval[];
}

/** Calendars by api name: what rules see as `$calendars`. */
export type CalendarSet = Readonly<Record<string, NormalisedCalendar>>;
