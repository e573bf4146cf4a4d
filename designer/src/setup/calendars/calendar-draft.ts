// The calendar editor's draft ⇄ the metadata's CalendarDef, and the pieces of the document a save
// sends: every calendar of the tenant (the section is whole), this one replaced or added, no objects.
import type { CalendarDef, MetadataBundle, WorkingInterval } from '@tessera/metadata';

export const EDITOR_WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type EditorWeekday = (typeof EDITOR_WEEKDAYS)[number];

export interface CalendarDraft {
  apiName: string;
  labelZh: string;
  labelEn: string;
  timeZone: string;
  week: Record<EditorWeekday, WorkingInterval[]>;
  holidays: string[];
  workdays: string[];
  makeUpHours: WorkingInterval[];
}

const DAY: WorkingInterval[] = [
  ['09:00', '12:00'],
  ['13:00', '18:00'],
];

export function newDraft(): CalendarDraft {
  return {
    apiName: '',
    labelZh: '',
    labelEn: '',
    timeZone: 'Asia/Shanghai',
    week: { mon: DAY, tue: DAY, wed: DAY, thu: DAY, fri: DAY, sat: [], sun: [] },
    holidays: [],
    workdays: [],
    makeUpHours: [],
  };
}

export function draftOf(calendar: CalendarDef): CalendarDraft {
  const week = Object.fromEntries(EDITOR_WEEKDAYS.map((day) => [day, calendar.week[day] ?? []])) as CalendarDraft['week'];
  return {
    apiName: calendar.apiName,
    labelZh: calendar.labels?.zh ?? '',
    labelEn: calendar.labels?.en ?? '',
    timeZone: calendar.timeZone,
    week,
    holidays: calendar.holidays ?? [],
    workdays: calendar.workdays ?? [],
    makeUpHours: calendar.makeUpHours ?? [],
  };
}

/** The draft as the metadata holds it: empty days, lists and labels left out (a missing day is a day off). */
export function calendarOf(draft: CalendarDraft): CalendarDef {
  const labels = { ...(draft.labelEn.trim() ? { en: draft.labelEn.trim() } : {}), ...(draft.labelZh.trim() ? { zh: draft.labelZh.trim() } : {}) };
  const week = Object.fromEntries(EDITOR_WEEKDAYS.filter((day) => draft.week[day].length > 0).map((day) => [day, draft.week[day]]));
  return {
    apiName: draft.apiName.trim(),
    ...(Object.keys(labels).length > 0 ? { labels } : {}),
    timeZone: draft.timeZone.trim(),
    week,
    ...(draft.holidays.length > 0 ? { holidays: draft.holidays } : {}),
    ...(draft.workdays.length > 0 ? { workdays: draft.workdays } : {}),
    ...(draft.makeUpHours.length > 0 ? { makeUpHours: draft.makeUpHours } : {}),
  };
}

/** The document a save plans: the live calendars with `original` (when editing) replaced by the draft. */
export function saveDocument(live: readonly CalendarDef[], original: string | undefined, calendar: CalendarDef): { document: MetadataBundle; index: number } {
  const kept = live.filter((entry) => entry.apiName !== original);
  const calendars = [...kept, calendar];
  return { document: { objects: [], calendars }, index: calendars.length - 1 };
}

export function removeDocument(live: readonly CalendarDef[], apiName: string): MetadataBundle {
  return { objects: [], calendars: live.filter((entry) => entry.apiName !== apiName) };
}

/** Working minutes a week, for the list. */
export function weeklyHours(calendar: CalendarDef): number {
  const minutes = (time: string) => (time === '24:00' ? 1440 : Number(time.slice(0, 2)) * 60 + Number(time.slice(3)));
  const total = Object.values(calendar.week).reduce((sum, day) => sum + (day ?? []).reduce((daySum, [a, b]) => daySum + minutes(b) - minutes(a), 0), 0);
  return total / 60;
}

/**
 * Pasted text → local dates (YYYY-MM-DD) and the pieces that are not dates. Takes 2026-10-01,
 * 2026/10/1 and 2026.10.01, separated by spaces, commas (also ，、) or lines, as spreadsheets give them.
 */
export function parseDates(text: string): { dates: string[]; rejected: string[] } {
  const dates: string[] = [];
  const rejected: string[] = [];
  for (const piece of text.split(/[\s,，、;；]+/).filter(Boolean)) {
    const match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(piece);
    const date = match ? `${match[1]}-${(match[2] as string).padStart(2, '0')}-${(match[3] as string).padStart(2, '0')}` : '';
    const parsed = new Date(`${date}T00:00:00Z`);
    if (match && !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(date)) dates.push(date);
    else rejected.push(piece);
  }
  return { dates, rejected };
}

/** Adds dates to a list: sorted, without repeats. */
export const addDates = (list: readonly string[], dates: readonly string[]): string[] => [...new Set([...list, ...dates])].sort();
