// A draft calendar, a start instant and a number of hours → the instant `add_business_hours` gives,
// computed by the same SQL a formula compiles to (filter/business-hours.ts through compileValue), so
// Setup's preview ("16 working hours after 2026-09-30 17:00 is …") is the answer a formula would
// store. The draft is validated as a saved calendar would be (TSR237 at `/calendar/...`); a bad
// start or hour count is TSR240 at `/from` or `/hours`. Nothing is written.
import { type CalendarDef, type ProblemDetail, problem, validateCalendars } from '@tessera/metadata';
import { type Kysely, sql } from 'kysely';
import { ApiError, errorsToApiError } from '../core/api-error.ts';
import { compileValue } from '../filter/index.ts';

/** The widest span the preview takes: the operators' own horizon is about ten years of working time. */
const MAX_HOURS = 100_000;
const INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;

export interface CalendarPreviewRequest {
  calendar: CalendarDef;
  from: string;
  hours: number;
}

/** The body → a checked request, or every problem at once. */
export function parsePreviewRequest(body: unknown): CalendarPreviewRequest {
  const problems: ProblemDetail[] = [];
  const input = (typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
  const from = input.from;
  if (typeof from !== 'string' || !INSTANT.test(from) || Number.isNaN(Date.parse(from)))
    problems.push(problem('/from', 'TSR240', 'an ISO instant with its offset (2026-09-30T09:00:00Z) or a date (2026-09-30)'));
  const hours = input.hours;
  if (typeof hours !== 'number' || !Number.isFinite(hours) || hours < 0 || hours > MAX_HOURS)
    problems.push(problem('/hours', 'TSR240', `a number of hours from 0 to ${MAX_HOURS}`));
  const validated = validateCalendars([input.calendar], '/calendar');
  // One calendar: its problems read `/calendar/week/mon/0/1`, not `/calendar/0/...`.
  if (!validated.ok) problems.push(...validated.errors.map((error) => ({ ...error, path: error.path.replace(/^\/calendar\/0/, '/calendar') })));
  if (problems.length > 0) {
    const code = problems.some((entry) => entry.code === 'TSR237') ? 'TSR237' : 'TSR240';
    throw errorsToApiError(code, 'The calendar preview cannot be computed; see errors.', problems);
  }
  return { calendar: input.calendar as CalendarDef, from: from as string, hours: hours as number };
}

/** The answer of `{"add_business_hours": [from, hours, calendar]}` in SQL: an ISO instant, or null past the horizon. */
export async function previewCalendar(db: Kysely<any>, request: CalendarPreviewRequest): Promise<{ due: string | null }> {
  const validated = validateCalendars([request.calendar]);
  const calendar = validated.ok ? validated.value[0] : undefined;
  if (!calendar) throw new ApiError('TSR237', 'The calendar is not valid.');
  const compiled = compileValue(
    { add_business_hours: [request.from, request.hours, calendar.apiName] },
    { resolve: () => undefined, calendar: (name) => (name === calendar.apiName ? calendar : undefined) },
  );
  if (!compiled.ok) throw errorsToApiError('TSR240', 'The calendar preview cannot be computed; see errors.', compiled.errors);
  // Milliseconds since the epoch as text: the same instant on pg and PGlite, whatever their type parsers.
  const result = await sql<{ ms: string | null }>`select cast(round(extract(epoch from ${compiled.value.sql}) * 1000) as bigint)::text as ms`.execute(db);
  const ms = result.rows[0]?.ms;
  return { due: ms === null || ms === undefined ? null : new Date(Number(ms)).toISOString() };
}
