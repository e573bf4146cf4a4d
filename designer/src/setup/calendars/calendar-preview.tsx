// "16 working hours after 2026-09-30 17:00 is …": the draft calendar, a start in its time zone and a
// number of hours, answered by the server (POST /metadata/calendars/preview runs the SQL a formula
// compiles to), so the preview is what a formula will store once the calendar is saved. A refused
// draft's problems go back to the editor, which shows them at their inputs.
import { type CalendarDef, instantOfWall } from '@tessera/metadata';
import { useState } from 'react';
import type { ApiError } from '../../api/index.ts';
import { toApiError, useSession } from '../../shell/session.tsx';
import type { CalendarMessages } from './calendar-messages.ts';

const DAY_MS = 86_400_000;

/** `2026-09-30T17:00` on the wall clock of the zone → the instant (PostgreSQL's rules for gaps and repeats). */
function instantOf(local: string, timeZone: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!match) return undefined;
  const day = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS;
  try {
    return new Date(instantOfWall(timeZone, day, Number(match[4]) * 60 + Number(match[5]))).toISOString();
  } catch {
    return undefined;
  }
}

/** An instant on the calendar's wall clock, unambiguous in both languages: `2026-10-09 17:00 (周五, Asia/Shanghai)`. */
function wallText(iso: string, timeZone: string, locale: string): string {
  const options: Intl.DateTimeFormatOptions = {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  };
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', options).formatToParts(new Date(iso)).map((part) => [part.type, part.value]));
  const weekday = new Intl.DateTimeFormat(locale, { timeZone, weekday: 'short' }).format(new Date(iso));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} (${weekday}, ${timeZone})`;
}

export function CalendarPreview(props: { calendar: CalendarDef; text: CalendarMessages; onRefused: (error: ApiError | undefined) => void }) {
  const { client, language } = useSession();
  const { text, calendar } = props;
  const [start, setStart] = useState('2026-09-30T17:00');
  const [hours, setHours] = useState('16');
  const [answer, setAnswer] = useState<{ sentence: string; of: string; due: string } | undefined>();
  const [busy, setBusy] = useState(false);
  const draftKey = JSON.stringify(calendar);

  async function compute() {
    const from = instantOf(start, calendar.timeZone) ?? start;
    setBusy(true);
    try {
      const result = await client.request<{ due: string | null }>('POST', '/metadata/calendars/preview', { calendar, from, hours: Number(hours) });
      const locale = language === 'zh' ? 'zh-CN' : 'en-GB';
      const due = result.due === null ? text.previewNone : wallText(result.due, calendar.timeZone, locale);
      setAnswer({ sentence: text.previewSentence(hours, start.replace('T', ' '), due), of: draftKey, due: result.due ?? '' });
      props.onRefused(undefined);
    } catch (error) {
      setAnswer(undefined);
      props.onRefused(toApiError(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <fieldset className="calendar-preview" data-testid="calendar-preview">
      <legend>{text.preview}</legend>
      <label>
        {text.previewStart}
        <input type="datetime-local" value={start} onChange={(event) => setStart(event.target.value)} />
      </label>
      <label>
        {text.previewHours}
        <input type="number" min="0" step="any" value={hours} onChange={(event) => setHours(event.target.value)} />
      </label>
      <button type="button" className="secondary" onClick={compute} disabled={busy}>
        {text.compute}
      </button>
      {answer ? (
        <p role="status" data-testid="calendar-preview-answer" data-due={answer.due}>
          {answer.sentence}
          {answer.of !== draftKey ? <span className="muted"> — {text.previewStale}</span> : null}
        </p>
      ) : null}
    </fieldset>
  );
}
