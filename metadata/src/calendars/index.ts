export { addBusinessHours, BUSINESS_DAYS_LIMIT, businessHoursBetween, reachableMs, workingIntervals } from './business-time.ts';
export {
  type CalendarDef,
  type CalendarSet,
  type MinuteInterval,
  type NormalisedCalendar,
  WEEKDAYS,
  type Weekday,
  type WorkingInterval,
} from './calendar-types.ts';
export { CALENDAR_LIMITS, validateCalendars } from './validate-calendars.ts';
export { instantOfWall, isKnownTimeZone, localDayOf, offsetAt } from './zone-time.ts';
export { HOUR_MS } from './business-time.ts';
export { calendarSet, diffCalendars, documentCalendars } from './document-calendars.ts';
