// The `calendars` section of a metadata document → normalised calendars, or every problem at once,
// each at its JSON pointer (`/calendars/0/week/mon/1/0`), code TSR237.
import { type ProblemDetail, problem, type Result, fail, ok } from '../error-codes.ts';
import { API_NAME_PATTERN } from '../types.ts';
import { type MinuteInterval, type NormalisedCalendar, WEEKDAYS, type Weekday } from './calendar-types.ts';
import { isKnownTimeZone } from './zone-time.ts';
import { isPlainObject } from '../is-plain-object.ts';

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
export const CALENDAR_LIMITS = { calendars: 20, intervalsPerDay: 8, dates: 2000 } as const;
const KEYS = new Set(['apiName', 'labels', 'timeZone', 'week', 'holidays', 'workdays', 'makeUpHours']);
const apiName = new RegExp(API_NAME_PATTERN);

const minutes = (time: string): number => (time === '24:00' ? 1440 : Number(time.slice(0, 2)) * 60 + Number(time.slice(3)));

function isDate(text: unknown): text is string {
  const match = typeof text === 'string' ? DATE.exec(text) : null;
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  return year >= 1 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A day's intervals: `["HH:MM", "HH:MM"]` pairs, each ending after it starts, in order, not overlapping. */
function intervals(value: unknown, path: string, problems: ProblemDetail[]): MinuteInterval[] {
  if (!Array.isArray(value)) {
    problems.push(problem(path, 'TSR237', 'working hours are a list of ["HH:MM", "HH:MM"] intervals'));
    return [];
  }
  if (value.length > CALENDAR_LIMITS.intervalsPerDay) problems.push(problem(path, 'TSR237', `at most ${CALENDAR_LIMITS.intervalsPerDay} intervals a day`));
  const result: MinuteInterval[] = [];
  value.forEach((interval, index) => {
    const at = `${path}/${index}`;
    if (!Array.isArray(interval) || interval.length !== 2 || !interval.every((time) => typeof time === 'string' && TIME.test(time))) {
      problems.push(problem(at, 'TSR237', 'an interval is ["HH:MM", "HH:MM"] (00:00–24:00, e.g. ["09:00", "12:00"])'));
      return;
    }
    const [from, to] = [minutes(interval[0]), minutes(interval[1])];
    if (to <= from) problems.push(problem(`${at}/1`, 'TSR237', `'${interval[1]}' must be after '${interval[0]}'`));
    else if (result.length > 0 && from < (result[result.length - 1] as MinuteInterval)[1])
      problems.push(problem(`${at}/0`, 'TSR237', `'${interval[0]}' starts before the previous interval ends: list intervals in order, without overlaps`));
    else result.push([from, to]);
  });
  return result;
}

function dates(value: unknown, path: string, problems: ProblemDetail[]): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.push(problem(path, 'TSR237', 'a list of local dates (YYYY-MM-DD)'));
    return [];
  }
  if (value.length > CALENDAR_LIMITS.dates) problems.push(problem(path, 'TSR237', `at most ${CALENDAR_LIMITS.dates} dates`));
  const seen = new Set<string>();
  value.forEach((date, index) => {
    if (!isDate(date)) problems.push(problem(`${path}/${index}`, 'TSR237', `${JSON.stringify(date)?.slice(0, 40)} is not a date (YYYY-MM-DD)`));
    else if (seen.has(date)) problems.push(problem(`${path}/${index}`, 'TSR237', `${date} is listed twice`));
    else seen.add(date);
  });
  return [...seen].sort();
}

function calendar(value: unknown, path: string, problems: ProblemDetail[]): NormalisedCalendar | undefined {
  if (!isPlainObject(value)) {
    problems.push(problem(path, 'TSR237', 'a calendar is an object with apiName, timeZone and week'));
    return undefined;
  }
  for (const key of Object.keys(value))
    if (!KEYS.has(key)) problems.push(problem(`${path}/${key}`, 'TSR237', `unknown calendar property '${key.slice(0, 40)}'`));
  if (typeof value.apiName !== 'string' || !apiName.test(value.apiName))
    problems.push(problem(`${path}/apiName`, 'TSR237', 'apiName is lower-case letters, digits and _ (e.g. china_workweek)'));
  if (typeof value.timeZone !== 'string' || !isKnownTimeZone(value.timeZone))
    problems.push(problem(`${path}/timeZone`, 'TSR237', `${JSON.stringify(value.timeZone)?.slice(0, 60)} is not an IANA time zone (e.g. Asia/Shanghai)`));
  const week: MinuteInterval[][] = WEEKDAYS.map(() => []);
  const beforeWeek = problems.length;
  if (!isPlainObject(value.week)) problems.push(problem(`${path}/week`, 'TSR237', 'week maps weekdays (mon … sun) to their working hours'));
  else {
    for (const [day, hours] of Object.entries(value.week)) {
      const index = WEEKDAYS.indexOf(day as Weekday);
      if (index < 0) problems.push(problem(`${path}/week/${day}`, 'TSR237', `'${day.slice(0, 20)}' is not a weekday (mon, tue, wed, thu, fri, sat, sun)`));
      else week[index] = intervals(hours, `${path}/week/${day}`, problems);
    }
    if (week.every((day) => day.length === 0)) problems.push(problem(`${path}/week`, 'TSR237', 'a calendar needs working hours on at least one weekday'));
  }
  const holidays = dates(value.holidays, `${path}/holidays`, problems);
  const workdays = dates(value.workdays, `${path}/workdays`, problems);
  const both = new Set(holidays);
  (Array.isArray(value.workdays) ? value.workdays : []).forEach((date, index) => {
    if (both.has(date as string)) problems.push(problem(`${path}/workdays/${index}`, 'TSR237', `${date} is both a holiday and a make-up working day`));
  });
  const makeUpHours = value.makeUpHours === undefined ? (week[1] ?? []) : intervals(value.makeUpHours, `${path}/makeUpHours`, problems);
  // Not when the week is already refused (its Monday may be the cause): one problem, one message.
  if (workdays.length > 0 && makeUpHours.length === 0 && problems.length === beforeWeek)
    problems.push(problem(`${path}/makeUpHours`, 'TSR237', 'make-up working days need hours: give makeUpHours or Monday hours'));
  return { apiName: String(value.apiName), timeZone: String(value.timeZone), week, holidays, workdays, makeUpHours };
}

/** Validates the section (absent: none). */
export function validateCalendars(input: unknown, path = '/calendars'): Result<NormalisedCalendar[]> {
  if (input === undefined) return ok([]);
  if (!Array.isArray(input)) return fail([problem(path, 'TSR237', 'calendars is a list of calendars')]);
  const problems: ProblemDetail[] = [];
  if (input.length > CALENDAR_LIMITS.calendars) problems.push(problem(path, 'TSR237', `at most ${CALENDAR_LIMITS.calendars} calendars`));
  const names = new Set<string>();
  const calendars: NormalisedCalendar[] = [];
  input.forEach((value, index) => {
    const normalised = calendar(value, `${path}/${index}`, problems);
    if (!normalised) return;
    if (names.has(normalised.apiName)) problems.push(problem(`${path}/${index}/apiName`, 'TSR237', `calendar '${normalised.apiName}' is defined twice`));
    names.add(normalised.apiName);
    calendars.push(normalised);
  });
  return problems.length > 0 ? fail(problems) : ok(calendars);
}
