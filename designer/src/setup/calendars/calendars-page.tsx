// Setup → Business calendars (工作日历): the tenant's calendars (GET /metadata's `calendars`) as a
// table, New, Edit and Remove. Edits open the calendar editor; a removal is planned like any change,
// and when a formula or rule still names the calendar the refused plan (TSR238) lists each use.
import type { CalendarDef } from '@tessera/metadata';
import { useEffect, useState } from 'react';
import type { ApiError } from '../../api/index.ts';
import { pickLabel } from '../../i18n/language.ts';
import { ProblemBanner } from '../../shell/problem-banner.tsx';
import { toApiError, useSession } from '../../shell/session.tsx';
import { ChangeDrawer } from '../change/change-drawer.tsx';
import { useMetadataChange } from '../change/use-metadata-change.ts';
import { removeDocument, weeklyHours } from './calendar-draft.ts';
import { CalendarEditor } from './calendar-editor.tsx';
import { calendarMessagesFor } from './calendar-messages.ts';
import '../setup.css';
import './calendars.css';

type Editing = { kind: 'new' } | { kind: 'edit'; calendar: CalendarDef } | { kind: 'remove'; calendar: CalendarDef };

export function CalendarsPage() {
  const { client, language, metadata, messages } = useSession();
  const text = calendarMessagesFor(language);
  const revision = metadata.status === 'ready' ? metadata.metadata.revision : undefined;
  const [calendars, setCalendars] = useState<CalendarDef[] | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const [editing, setEditing] = useState<Editing | null>(null);

  // Read again on every new revision (after an apply here or elsewhere).
  // biome-ignore lint/correctness/useExhaustiveDependencies: revision is the trigger, not an input
  useEffect(() => {
    let current = true;
    client.request<{ calendars?: CalendarDef[] }>('GET', '/metadata').then(
      (loaded) => current && setCalendars(loaded.calendars ?? []),
      (caught) => current && setError(toApiError(caught)),
    );
    return () => {
      current = false;
    };
  }, [client, revision]);

  if (error) return <ProblemBanner error={error} />;
  if (!calendars) return <p className="muted">{messages.loading}</p>;
  const close = () => setEditing(null);

  return (
    <div className="setup calendars-page">
      <div className="section-header">
        <h2>{text.title}</h2>
        <button type="button" onClick={() => setEditing({ kind: 'new' })}>
          + {text.newCalendar}
        </button>
      </div>
      <p className="muted">{text.intro}</p>
      {calendars.length === 0 ? (
        <p className="empty">{text.none}</p>
      ) : (
        <table className="record-table" data-testid="calendar-table">
          <thead>
            <tr>
              <th>{text.label}</th>
              <th>{text.apiName}</th>
              <th>{text.timeZone}</th>
              <th>{text.hoursPerWeek}</th>
              <th>{text.holidays}</th>
              <th>{text.workdays}</th>
              <th>{text.edit}</th>
            </tr>
          </thead>
          <tbody>
            {calendars.map((calendar) => (
              <tr key={calendar.apiName} data-calendar={calendar.apiName}>
                <td>{pickLabel(calendar.labels ?? {}, language, calendar.apiName)}</td>
                <td>
                  <code>{calendar.apiName}</code>
                </td>
                <td>{calendar.timeZone}</td>
                <td>{weeklyHours(calendar)}</td>
                <td>{calendar.holidays?.length ?? 0}</td>
                <td>{calendar.workdays?.length ?? 0}</td>
                <td className="row-actions">
                  <button
                    type="button"
                    className="secondary small"
                    aria-label={`${text.edit} ${calendar.apiName}`}
                    onClick={() => setEditing({ kind: 'edit', calendar })}
                  >
                    {text.edit}
                  </button>
                  <button
                    type="button"
                    className="danger small"
                    aria-label={`${text.remove} ${calendar.apiName}`}
                    onClick={() => setEditing({ kind: 'remove', calendar })}
                  >
                    {text.remove}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing?.kind === 'new' ? <CalendarEditor live={calendars} onClose={close} /> : null}
      {editing?.kind === 'edit' ? <CalendarEditor key={editing.calendar.apiName} live={calendars} editing={editing.calendar} onClose={close} /> : null}
      {editing?.kind === 'remove' ? <RemoveCalendar live={calendars} calendar={editing.calendar} onClose={close} /> : null}
    </div>
  );
}

/** Plans the removal at once; a calendar still in use comes back refused (TSR238), one error per use. */
function RemoveCalendar(props: { live: readonly CalendarDef[]; calendar: CalendarDef; onClose: () => void }) {
  const { language } = useSession();
  const text = calendarMessagesFor(language);
  const flow = useMetadataChange();
  const { plan } = flow;
  const { live, calendar } = props;
  useEffect(() => {
    void plan({ title: `${text.removeTitle}: ${calendar.apiName}`, build: () => removeDocument(live, calendar.apiName) });
  }, [plan, live, calendar, text.removeTitle]);
  const uses = flow.state.phase === 'refused' && flow.state.error.problem.code === 'TSR238' ? (flow.state.error.problem.errors ?? []) : [];
  return (
    <ChangeDrawer
      title={`${text.removeTitle}: ${calendar.apiName}`}
      flow={flow}
      onClose={props.onClose}
      testId="calendar-remove"
      intro={
        <>
          <p className="muted">{text.removeIntro}</p>
          {uses.length ? (
            <section aria-label={text.uses} data-testid="calendar-uses">
              <h3>{text.uses}</h3>
              <ul>
                {uses.map((use) => (
                  <li key={`${use.path}|${use.message}`}>{use.message}</li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      }
    />
  );
}
