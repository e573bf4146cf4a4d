// A metadata document + the live snapshot → the calendars the next revision holds, and the
// metadata-only actions that say which calendars were added, changed or removed. A bundle without
// a `calendars` key keeps the live calendars (absent = unchanged: a document about objects need not
// repeat them, as it need not list the objects it leaves alone); `calendars: []` removes them all.
import { type Result, fail, ok } from '../error-codes.ts';
import type { MigrationAction } from '../migration-actions.ts';
import type { MetadataSnapshot } from '../normalised-types.ts';
import { isDeepStrictEqual } from '../diff/is-deep-equal.ts';
import type { CalendarDef, CalendarSet } from './calendar-types.ts';
import { validateCalendars } from './validate-calendars.ts';

/** The next revision's calendars (sorted by api name; undefined when none), or every TSR237 problem. */
export function documentCalendars(input: unknown, live: MetadataSnapshot): Result<CalendarDef[] | undefined> {
  const written = typeof input === 'object' && input !== null && 'objects' in input && 'calendars' in input ? input.calendars : undefined;
  if (written === undefined) return ok(live.calendars);
  const validated = validateCalendars(written);
  if (!validated.ok) return fail(validated.errors);
  const defs = [...(written as CalendarDef[])].sort((a, b) => (a.apiName < b.apiName ? -1 : a.apiName > b.apiName ? 1 : 0));
  return ok(defs.length > 0 ? defs : undefined);
}

/** One update_calendar action per calendar added, changed or removed, in api-name order. */
export function diffCalendars(live: readonly CalendarDef[] = [], next: readonly CalendarDef[] = []): MigrationAction[] {
  const liveByName = new Map(live.map((calendar) => [calendar.apiName, calendar]));
  const nextByName = new Map(next.map((calendar) => [calendar.apiName, calendar]));
  const names = [...new Set([...liveByName.keys(), ...nextByName.keys()])].sort();
  const actions: MigrationAction[] = [];
  for (const name of names) {
    const before = liveByName.get(name);
    const after = nextByName.get(name);
    if (!before) actions.push({ kind: 'update_calendar', object: '$calendars', calendar: name, change: 'added' });
    else if (!after) actions.push({ kind: 'update_calendar', object: '$calendars', calendar: name, change: 'removed' });
    else if (!isDeepStrictEqual(before, after)) actions.push({ kind: 'update_calendar', object: '$calendars', calendar: name, change: 'changed' });
  }
  return actions;
}

/** A snapshot's calendars by api name, as rules read them (`$calendars`) and the SQL compiler inlines them. */
export function calendarSet(calendars: readonly CalendarDef[] | undefined): CalendarSet {
  const validated = validateCalendars(calendars ?? []);
  // A stored revision was validated when it was applied; a corrupt one reads as having no calendars.
  if (!validated.ok) return Object.freeze({});
  return Object.freeze(Object.fromEntries(validated.value.map((calendar) => [calendar.apiName, Object.freeze(calendar)])));
}
