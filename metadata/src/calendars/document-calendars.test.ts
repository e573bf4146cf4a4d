import { describe, expect, it } from 'vitest';
import { EMPTY_SNAPSHOT, type MetadataSnapshot } from '../normalised-types.ts';
import type { CalendarDef } from './calendar-types.ts';
import { calendarSet, diffCalendars, documentCalendars } from './document-calendars.ts';

const DAY: [string, string][] = [['09:00', '18:00']];
const a: CalendarDef = { apiName: 'a_cal', timeZone: 'Asia/Shanghai', week: { mon: DAY } };
const b: CalendarDef = { apiName: 'b_cal', timeZone: 'Europe/Berlin', week: { tue: DAY }, holidays: ['2026-12-25'] };
const live: MetadataSnapshot = { objects: [], calendars: [a, b] };

describe('documentCalendars', () => {
  it('keeps the live calendars when a bundle has no calendars key, and for a one-object document', () => {
    expect(documentCalendars({ objects: [] }, live)).toEqual({ ok: true, value: [a, b] });
    expect(documentCalendars({ apiName: 'deal', labels: { en: 'Deal' }, fields: [], calendars: [] }, live)).toEqual({ ok: true, value: [a, b] });
  });

  it('takes the written calendars sorted by api name; [] removes them all (stored as none)', () => {
    expect(documentCalendars({ objects: [], calendars: [b, a] }, EMPTY_SNAPSHOT)).toEqual({ ok: true, value: [a, b] });
    expect(documentCalendars({ objects: [], calendars: [] }, live)).toEqual({ ok: true, value: undefined });
  });

  it('refuses an invalid section with TSR237 at each path', () => {
    const result = documentCalendars({ objects: [], calendars: [a, { ...b, apiName: 'a_cal' }, 'x'] }, live);
    expect(result.ok ? [] : result.errors.map((error) => [error.path, error.code])).toEqual([
      ['/calendars/1/apiName', 'TSR237'],
      ['/calendars/2', 'TSR237'],
    ]);
  });
});

describe('diffCalendars', () => {
  it('gives one update_calendar action per calendar added, changed or removed, in api-name order', () => {
    const changed = { ...b, holidays: [] };
    const c: CalendarDef = { ...a, apiName: 'c_cal' };
    expect(diffCalendars([a, b], [changed, c]).map((action) => action.kind === 'update_calendar' && [action.calendar, action.change])).toEqual([
      ['a_cal', 'removed'],
      ['b_cal', 'changed'],
      ['c_cal', 'added'],
    ]);
    expect(diffCalendars([a, b], [{ ...b }, { ...a }])).toEqual([]);
    expect(diffCalendars(undefined, undefined)).toEqual([]);
  });
});

describe('calendarSet', () => {
  it('normalises calendars by api name, and names nothing through the prototype', () => {
    const set = calendarSet([a, b]);
    expect(Object.keys(set)).toEqual(['a_cal', 'b_cal']);
    expect(set.a_cal?.week[1]).toEqual([[540, 1080]]);
    expect(Object.hasOwn(calendarSet(undefined), 'constructor')).toBe(false);
  });
});
