// One calendar in a drawer: labels zh/en, api name, IANA time zone (a searchable list), working
// intervals per weekday (copy Monday to the weekdays), holidays and make-up workdays (picker and
// paste), make-up hours, and the server-computed preview. Review plans `{objects: [], calendars}`
// (the tenant's whole calendar section with this one replaced) → review → apply, as every Setup
// editor does. A refused plan's problems (TSR237 at /calendars/<n>/…) show at their inputs.
import type { CalendarDef } from '@tessera/metadata';
import { useMemo, useRef, useState } from 'react';
import type { ApiError } from '../../api/index.ts';
import { useSession } from '../../shell/session.tsx';
import { ChangeDrawer } from '../change/change-drawer.tsx';
import { EditorActions } from '../change/editor-actions.tsx';
import { useMetadataChange } from '../change/use-metadata-change.ts';
import { TextControl } from '../form-controls.tsx';
import { type PathProblem, ProblemMap } from '../problems.ts';
import { type CalendarDraft, calendarOf, draftOf, EDITOR_WEEKDAYS, newDraft, saveDocument } from './calendar-draft.ts';
import { calendarMessagesFor } from './calendar-messages.ts';
import { CalendarPreview } from './calendar-preview.tsx';
import { DateList } from './date-list.tsx';
import { IntervalList } from './interval-list.tsx';

const KEYS = ['/apiName', '/labels', '/timeZone', '/week', '/holidays', '/workdays', '/makeUpHours'];
const WEEKDAYS_TO_COPY = ['tue', 'wed', 'thu', 'fri'] as const;

/** Every IANA zone the browser knows (Chromium lists about 420), for the searchable list. */
const TIME_ZONES: readonly string[] = (Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];

/** A problem+json's errors under `prefix` (`/calendars/2`), with paths relative to the calendar. */
function relativeProblems(error: ApiError | undefined, prefix: string): PathProblem[] {
  return (error?.problem.errors ?? []).flatMap(({ path, message }) =>
    path === prefix || path.startsWith(`${prefix}/`) ? [{ path: path.slice(prefix.length), message }] : [],
  );
}

export function CalendarEditor(props: { live: readonly CalendarDef[]; editing?: CalendarDef; onClose: () => void }) {
  const { language } = useSession();
  const text = calendarMessagesFor(language);
  const flow = useMetadataChange();
  const [draft, setDraft] = useState<CalendarDraft>(() => (props.editing ? draftOf(props.editing) : newDraft()));
  const [previewError, setPreviewError] = useState<ApiError | undefined>();
  // Where this calendar sat in the planned document: the refusal's paths count from there.
  const plannedIndex = useRef(0);
  const calendar = useMemo(() => calendarOf(draft), [draft]);
  const title = props.editing ? text.editTitle : text.newTitle;

  const refusal = flow.state.phase === 'refused' ? flow.state.error : undefined;
  const problems = new ProblemMap([...relativeProblems(refusal, `/calendars/${plannedIndex.current}`), ...relativeProblems(previewError, '/calendar')], KEYS);
  const update = (change: Partial<CalendarDraft>) => setDraft((current) => ({ ...current, ...change }));

  const review = () => {
    const { document, index } = saveDocument(props.live, props.editing?.apiName, calendar);
    plannedIndex.current = index;
    void flow.plan({ title: `${title}: ${calendar.apiName}`, build: () => document });
  };

  return (
    <ChangeDrawer title={title} flow={flow} onClose={props.onClose} testId="calendar-editor">
      <div className="calendar-form">
        <TextControl label={text.labelZh} lang="zh" value={draft.labelZh} onChange={(labelZh) => update({ labelZh })} errors={problems.at('/labels/zh')} />
        <TextControl
          label={text.labelEn}
          lang="en"
          value={draft.labelEn}
          onChange={(labelEn) => update({ labelEn })}
          errors={problems.at('/labels$', '/labels/en')}
        />
        <TextControl
          label={text.apiName}
          value={draft.apiName}
          onChange={(apiName) => update({ apiName })}
          disabled={props.editing !== undefined}
          errors={problems.at('/apiName')}
        />
        <TimeZoneControl
          label={text.timeZone}
          hint={text.timeZoneHint}
          value={draft.timeZone}
          onChange={(timeZone) => update({ timeZone })}
          errors={problems.at('/timeZone')}
        />
      </div>
      <fieldset className="calendar-week" data-testid="calendar-week">
        <legend>{text.week}</legend>
        {EDITOR_WEEKDAYS.map((day) => (
          <div key={day} className="weekday-row">
            <span className="weekday-name">{text.weekdays[day]}</span>
            <IntervalList
              label={text.weekdays[day]}
              intervals={draft.week[day]}
              onChange={(intervals) => update({ week: { ...draft.week, [day]: intervals } })}
              problems={problems}
              path={`/week/${day}`}
              text={text}
            />
          </div>
        ))}
        <button
          type="button"
          className="secondary"
          onClick={() => update({ week: { ...draft.week, ...Object.fromEntries(WEEKDAYS_TO_COPY.map((day) => [day, draft.week.mon])) } })}
        >
          {text.copyMonday}
        </button>
        {problems.at('/week$').length ? <p className="control-errors">{problems.at('/week$').join('; ')}</p> : null}
      </fieldset>
      <DateList
        label={text.holidays}
        dates={draft.holidays}
        onChange={(holidays) => update({ holidays })}
        problems={problems}
        path="/holidays"
        text={text}
        testId="calendar-holidays"
      />
      <DateList
        label={text.workdays}
        dates={draft.workdays}
        onChange={(workdays) => update({ workdays })}
        problems={problems}
        path="/workdays"
        text={text}
        testId="calendar-workdays"
      />
      <fieldset className="calendar-make-up">
        <legend>{text.makeUpHours}</legend>
        <span className="hint">{text.makeUpHint}</span>
        <IntervalList
          label={text.makeUpHours}
          intervals={draft.makeUpHours}
          onChange={(makeUpHours) => update({ makeUpHours })}
          problems={problems}
          path="/makeUpHours"
          text={text}
        />
      </fieldset>
      <CalendarPreview calendar={calendar} text={text} onRefused={setPreviewError} />
      {previewError && !relativeProblems(previewError, '/calendar').length ? (
        <p className="problem" role="alert">
          {previewError.problem.errors?.map((error) => `${error.path} ${error.message}`).join('; ') ?? previewError.problem.title}
        </p>
      ) : null}
      <EditorActions flow={flow} onReview={review} onCancel={props.onClose} />
    </ChangeDrawer>
  );
}

/** The IANA zone as a text box with the browser's zones as suggestions: type "Shang" and pick. */
function TimeZoneControl(props: { label: string; hint: string; value: string; onChange: (value: string) => void; errors: string[] }) {
  const listId = 'calendar-time-zones';
  return (
    <div className={`control${props.errors.length ? ' has-error' : ''}`}>
      <label htmlFor="calendar-time-zone">{props.label}</label>
      <input
        id="calendar-time-zone"
        list={listId}
        value={props.value}
        autoComplete="off"
        onChange={(event) => props.onChange(event.target.value)}
        {...(props.errors.length ? { 'aria-invalid': true, 'aria-describedby': 'calendar-time-zone-errors' } : {})}
      />
      <datalist id={listId}>
        {TIME_ZONES.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      <span className="hint">{props.hint}</span>
      {props.errors.length ? (
        <ul className="control-errors" id="calendar-time-zone-errors">
          {props.errors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
