// Package calendars on upgrade, merged three ways like objects (metadata's mergePackageUpgrade):
// base = the installed version's calendar files (`_packages.base_calendars`), package = the new
// version's, tenant = the live calendars. Per calendar and property (each label language, the time
// zone, each weekday's intervals, the make-up hours): what only the package changed arrives, what
// only the tenant changed stays, both alike is that value, both differently is a conflict at
// `/$calendars/<apiName>/<property>` unless `resolutions` takes a side. Holidays and make-up days
// merge per date (a package's new year and a tenant's company day off both survive; a date either
// side removed goes), so they never conflict. A calendar only the tenant has stays; one the new
// version drops stays too (a tenant formula may name it). Pure.
import { isDeepStrictEqual } from 'node:util';
import type { CalendarDef, WorkingInterval } from '@tessera/metadata';
import type { MergeConflict, MergeResolution } from '@tessera/metadata/packages';

export const CALENDARS_OBJECT = '$calendars';

type Side = CalendarDef | undefined;
type Intervals = WorkingInterval[] | undefined;

/** The properties merged as wholes, each read and written at one place of the calendar. */
const PROPERTIES: readonly { name: string; read: (calendar: CalendarDef) => unknown; write: (calendar: CalendarDef, value: unknown) => void }[] = [
  { name: 'labels/en', read: (calendar) => calendar.labels?.en, write: (calendar, value) => setLabel(calendar, 'en', value) },
  { name: 'labels/zh', read: (calendar) => calendar.labels?.zh, write: (calendar, value) => setLabel(calendar, 'zh', value) },
  { name: 'timeZone', read: (calendar) => calendar.timeZone, write: (calendar, value) => Object.assign(calendar, { timeZone: value }) },
  ...(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).map((day) => ({
    name: `week/${day}`,
    read: (calendar: CalendarDef) => nonEmpty(calendar.week[day]),
    write: (calendar: CalendarDef, value: unknown) => {
      if (value === undefined) delete calendar.week[day];
      else calendar.week[day] = value as WorkingInterval[];
    },
  })),
  {
    name: 'makeUpHours',
    read: (calendar) => nonEmpty(calendar.makeUpHours),
    write: (calendar, value) => {
      if (value === undefined) delete calendar.makeUpHours;
      else calendar.makeUpHours = value as WorkingInterval[];
    },
  },
];

const nonEmpty = (intervals: Intervals): Intervals => (intervals && intervals.length > 0 ? intervals : undefined);

function setLabel(calendar: CalendarDef, language: 'en' | 'zh', value: unknown): void {
  const labels = { ...calendar.labels };
  if (value === undefined) delete labels[language];
  else labels[language] = value as string;
  if (Object.keys(labels).length > 0) calendar.labels = labels;
  else delete calendar.labels;
}

/** A date list merged per date: in the result iff the side that changed its membership says so. */
function mergeDates(base: readonly string[] = [], next: readonly string[] = [], live: readonly string[] = []): string[] | undefined {
  const [inBase, inNext, inLive] = [new Set(base), new Set(next), new Set(live)];
  const all = [...new Set([...base, ...next, ...live])].sort();
  const merged = all.filter((date) => (inLive.has(date) === inBase.has(date) ? inNext.has(date) : inLive.has(date)));
  return merged.length > 0 ? merged : undefined;
}

export interface CalendarMerge {
  calendars: CalendarDef[];
  conflicts: MergeConflict[];
}

/**
 * `base` undefined: a package installed before base calendars were kept. Then nothing is known of
 * the tenant's changes, and the package's version is written over the live one (the old behaviour).
 */
export function mergePackageCalendars(
  base: readonly CalendarDef[] | undefined,
  next: readonly CalendarDef[],
  live: readonly CalendarDef[],
  resolutions: readonly MergeResolution[] = [],
): CalendarMerge {
  const taken = new Map(resolutions.map((resolution) => [resolution.path, resolution.take]));
  const conflicts: MergeConflict[] = [];
  const byName = new Map(live.map((calendar) => [calendar.apiName, calendar]));
  for (const incoming of next) {
    const mine = byName.get(incoming.apiName);
    const original: Side = base === undefined ? mine : base.find((calendar) => calendar.apiName === incoming.apiName);
    // New to the tenant, or never changed by it: the package's version as shipped.
    if (!mine || base === undefined || (original && isDeepStrictEqual(original, mine))) {
      byName.set(incoming.apiName, structuredClone(incoming));
      continue;
    }
    byName.set(incoming.apiName, mergeOne(original, incoming, mine, taken, conflicts));
  }
  return { calendars: [...byName.values()], conflicts };
}

/** One calendar both sides have; `original` undefined when the tenant made one of the same name before the package brought it. */
function mergeOne(original: Side, incoming: CalendarDef, mine: CalendarDef, taken: Map<string, 'package' | 'tenant'>, conflicts: MergeConflict[]): CalendarDef {
  const result: CalendarDef = structuredClone(mine);
  for (const property of PROPERTIES) {
    const [was, theirs, ours] = [original ? property.read(original) : undefined, property.read(incoming), property.read(mine)];
    let value = ours;
    if (isDeepStrictEqual(ours, was)) value = theirs;
    else if (!isDeepStrictEqual(theirs, was) && !isDeepStrictEqual(theirs, ours)) {
      const path = `/${CALENDARS_OBJECT}/${incoming.apiName}/${property.name}`;
      const take = taken.get(path);
      if (take === 'package') value = theirs;
      else if (take !== 'tenant')
        conflicts.push({ path, object: CALENDARS_OBJECT, field: incoming.apiName, property: property.name, package: theirs ?? null, tenant: ours ?? null });
    }
    property.write(result, structuredClone(value));
  }
  for (const list of ['holidays', 'workdays'] as const) {
    const merged = mergeDates(original?.[list], incoming[list], mine[list]);
    if (merged) result[list] = merged;
    else delete result[list];
  }
  return result;
}
