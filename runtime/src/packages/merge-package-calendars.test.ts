// mergePackageCalendars over every merged property × every way the two sides can change it
// (neither, only the package, only the tenant, both alike, both differently), and the date lists
// per date: the table of README's "Upgrades: a three-way merge" for calendars.
import type { CalendarDef } from '@tessera/metadata';
import { describe, expect, it } from 'vitest';
import { mergePackageCalendars } from './merge-package-calendars.ts';

const DAY: [string, string][] = [
  ['09:00', '12:00'],
  ['13:00', '18:00'],
];
const BASE: CalendarDef = {
  apiName: 'work',
  labels: { en: 'Work', zh: '工作' },
  timeZone: 'Asia/Shanghai',
  week: { mon: DAY, tue: DAY, wed: DAY, thu: DAY, fri: DAY },
  holidays: ['2026-10-01', '2026-10-02'],
  workdays: ['2026-10-10'],
  makeUpHours: DAY,
};

/** Each merged property: how to read it, and two different values to change it to. */
const PROPERTIES: {
  name: string;
  read: (calendar: CalendarDef) => unknown;
  set: (calendar: CalendarDef, value: unknown) => void;
  values: [unknown, unknown];
}[] = [
  { name: 'labels/en', read: (c) => c.labels?.en, set: (c, v) => Object.assign(c, { labels: { ...c.labels, en: v } }), values: ['Office', 'Desk'] },
  { name: 'labels/zh', read: (c) => c.labels?.zh, set: (c, v) => Object.assign(c, { labels: { ...c.labels, zh: v } }), values: ['办公', '客服'] },
  { name: 'timeZone', read: (c) => c.timeZone, set: (c, v) => Object.assign(c, { timeZone: v }), values: ['Asia/Hong_Kong', 'Asia/Taipei'] },
  ...(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).map((day) => ({
    name: `week/${day}`,
    read: (c: CalendarDef) => c.week[day],
    set: (c: CalendarDef, v: unknown) => Object.assign(c.week, { [day]: v }),
    values: [[['08:00', '17:00']], [['10:00', '19:00']]] as [unknown, unknown],
  })),
  {
    name: 'makeUpHours',
    read: (c) => c.makeUpHours,
    set: (c, v) => Object.assign(c, { makeUpHours: v }),
    values: [[['09:00', '15:00']], [['10:00', '16:00']]],
  },
];

const SCENARIOS = ['neither', 'package', 'tenant', 'both alike', 'both differently'] as const;

function sides(property: (typeof PROPERTIES)[number], scenario: (typeof SCENARIOS)[number]): { next: CalendarDef; live: CalendarDef } {
  const next = structuredClone(BASE);
  const live = structuredClone(BASE);
  const [a, b] = property.values;
  if (scenario === 'package' || scenario === 'both alike' || scenario === 'both differently') property.set(next, structuredClone(a));
  if (scenario === 'tenant' || scenario === 'both alike') property.set(live, structuredClone(a));
  if (scenario === 'both differently') property.set(live, structuredClone(b));
  return { next, live };
}

describe('mergePackageCalendars', () => {
  const cases = PROPERTIES.flatMap((property) => SCENARIOS.map((scenario) => [property.name, scenario, property] as const));

  it.each(cases)('%s changed by %s', (name, scenario, property) => {
    const { next, live } = sides(property, scenario);
    const merged = mergePackageCalendars([BASE], [next], [live]);
    const [a, b] = property.values;
    if (scenario === 'both differently') {
      const path = `/$calendars/work/${name}`;
      expect(merged.conflicts).toEqual([{ path, object: '$calendars', field: 'work', property: name, package: a, tenant: b }]);
      expect(property.read(mergePackageCalendars([BASE], [next], [live], [{ path, take: 'package' }]).calendars[0] as CalendarDef)).toEqual(a);
      const kept = mergePackageCalendars([BASE], [next], [live], [{ path, take: 'tenant' }]);
      expect(kept.conflicts).toEqual([]);
      expect(property.read(kept.calendars[0] as CalendarDef)).toEqual(b);
      return;
    }
    expect(merged.conflicts).toEqual([]);
    const expected = scenario === 'neither' ? property.read(BASE) : a;
    expect(property.read(merged.calendars[0] as CalendarDef)).toEqual(expected);
  });

  it('merges holidays and make-up days per date: each side’s additions and removals survive, never a conflict', () => {
    const next = { ...structuredClone(BASE), holidays: ['2026-10-01', '2026-10-02', '2027-01-01'], workdays: [] };
    const live = { ...structuredClone(BASE), holidays: ['2026-10-01', '2026-12-25'], workdays: ['2026-10-10', '2026-10-11'] };
    const merged = mergePackageCalendars([BASE], [next], [live]);
    expect(merged.conflicts).toEqual([]);
    expect(merged.calendars[0]?.holidays).toEqual(['2026-10-01', '2026-12-25', '2027-01-01']);
    expect(merged.calendars[0]?.workdays).toEqual(['2026-10-11']);
  });

  it('keeps a calendar only the tenant has, adds a new package calendar, and without a base writes the package’s over', () => {
    const mine = { ...structuredClone(BASE), apiName: 'mine' };
    const added = { ...structuredClone(BASE), apiName: 'added', timeZone: 'UTC' };
    const edited = { ...structuredClone(BASE), timeZone: 'Asia/Taipei' };
    const merged = mergePackageCalendars([BASE], [BASE, added], [edited, mine]);
    expect(merged.calendars.map((calendar) => [calendar.apiName, calendar.timeZone])).toEqual([
      ['work', 'Asia/Taipei'],
      ['mine', 'Asia/Shanghai'],
      ['added', 'UTC'],
    ]);
    const unknownBase = mergePackageCalendars(undefined, [BASE], [edited]);
    expect(unknownBase).toEqual({ calendars: [BASE], conflicts: [] });
  });
});
