// The Timeline tab (GET …/timeline): the record's activities, field changes, stage moves and
// approval requests merged newest first, 20 at a time ("Load more" follows the cursor), each with
// its kind's icon and words; "Log activity" opens the create form of each `timeline: true` object
// that can point here, with the reference filled in, and comes back to this tab after saving.
import { useCallback, useEffect, useState } from 'react';
import type { ApiError, ObjectDefinition } from '../../api/index.ts';
import { type Language, pickLabel } from '../../i18n/language.ts';
import { Link } from '../../shell/link.tsx';
import { ProblemBanner } from '../../shell/problem-banner.tsx';
import { navigate } from '../../shell/router.ts';
import { toApiError, useSession } from '../../shell/session.tsx';
import { approvalMessagesFor, statusWord } from '../approvals/approval-messages.ts';
import { activitySources, logActivityPath } from './activity-sources.ts';
import { formatInstant, formatValue, recordName } from './format-value.ts';
import { type TimelineEntry, useRecordApi } from './record-api.ts';
import { fill, type RecordMessages, recordMessagesFor } from './record-messages.ts';

const ICONS: Record<TimelineEntry['kind'], string> = { activity: '☎', field: '✎', stage: '➜', approval: '✔' };

export function TimelineTab(props: { object: ObjectDefinition; recordId: string; objects: readonly ObjectDefinition[] }) {
  const { object, recordId, objects } = props;
  const { language, me } = useSession();
  const text = recordMessagesFor(language);
  const api = useRecordApi();
  const [entries, setEntries] = useState<TimelineEntry[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const load = useCallback(
    async (after: string | null, before: TimelineEntry[]) => {
      try {
        const page = await api.timeline(object.apiName, recordId, after);
        setEntries([...before, ...page.data]);
        setCursor(page.nextCursor);
        setError(null);
      } catch (caught) {
        setError(toApiError(caught));
      }
    },
    [api, object.apiName, recordId],
  );
  useEffect(() => {
    void load(null, []);
  }, [load]);

  const sources = activitySources(objects, object.apiName).filter((source) => me.objects[source.object.apiName]?.create !== false);
  return (
    <div className="timeline-tab" data-testid="timeline">
      {sources.length > 0 ? (
        <div className="toolbar timeline-actions">
          {sources.map((source) => (
            <button key={source.object.apiName} type="button" onClick={() => navigate(logActivityPath(source, object.apiName, recordId))}>
              {sources.length === 1
                ? text.logActivity
                : fill(text.logActivityNamed, { object: pickLabel(source.object.labels, language, source.object.apiName) })}
            </button>
          ))}
        </div>
      ) : null}
      {error ? <ProblemBanner error={error} /> : null}
      {entries === null ? (
        error ? null : (
          <p className="muted">{text.loading}</p>
        )
      ) : entries.length === 0 ? (
        <p className="muted">{text.noTimeline}</p>
      ) : (
        <ol className="timeline-list">
          {entries.map((entry) => (
            <li key={`${entry.kind}:${entry.id}`} className={`timeline-entry ${entry.kind}`} data-kind={entry.kind}>
              <span className="timeline-icon" aria-hidden="true">
                {ICONS[entry.kind]}
              </span>
              <div className="timeline-body">
                <EntryText entry={entry} object={object} objects={objects} language={language} text={text} />
                <span className="muted timeline-at">{formatInstant(entry.at, language)}</span>
              </div>
            </li>
          ))}
        </ol>
      )}
      {cursor ? (
        <button type="button" className="link-button" onClick={() => void load(cursor, entries ?? [])}>
          {text.loadMore}
        </button>
      ) : null}
    </div>
  );
}

function EntryText(props: { entry: TimelineEntry; object: ObjectDefinition; objects: readonly ObjectDefinition[]; language: Language; text: RecordMessages }) {
  const { entry, object, objects, language, text } = props;
  const { messages } = useSession();
  const actor = (label: string) => (label ? fill(text.by, { name: label.replace(/^user:/, '') }) : '');
  switch (entry.kind) {
    case 'activity': {
      const activity = objects.find((candidate) => candidate.apiName === entry.object);
      // Its kind (the first picklist: call, task…) and its due date (the first date), when it has them.
      const kind = activity?.fields.find((field) => field.type === 'picklist');
      const due = activity?.fields.find((field) => field.type === 'date' || field.type === 'datetime');
      const kindText = kind ? formatValue(kind, entry.record[kind.apiName], language, objects).text : '';
      const dueText = due ? formatValue(due, entry.record[due.apiName], language, objects).text : '';
      return (
        <span>
          <span className="timeline-kind">{kindText || pickLabel(activity?.labels, language, entry.object)}</span>{' '}
          <Link to={`/app/${encodeURIComponent(entry.object)}/${encodeURIComponent(entry.id)}`}>{recordName(activity, entry.record)}</Link>
          {dueText ? <span className="muted"> · {fill(text.timelineDue, { date: dueText })}</span> : null}
        </span>
      );
    }
    case 'field': {
      const field = object.fields.find((candidate) => candidate.apiName === entry.field);
      const label = entry.field === 'owner_id' ? text.owner : pickLabel(field?.labels, language, entry.field);
      const show = (value: unknown) => (field ? formatValue(field, value, language, objects).text : value == null ? '' : String(value)) || text.empty;
      return (
        <span>
          {fill(text.timelineField, { field: label })}
          {messages.separator}
          <span className="old-value">{show(entry.oldValue)}</span> → <strong className="new-value">{show(entry.newValue)}</strong>{' '}
          <span className="muted">{actor(entry.actor)}</span>
        </span>
      );
    }
    case 'stage': {
      const pipeline = object.pipelines?.find((candidate) => candidate.apiName === entry.pipeline);
      const stage = (name: string | null) =>
        name ? pickLabel(pipeline?.stages.find((candidate) => candidate.value === name)?.labels, language, name) : text.empty;
      return (
        <span>
          {fill(text.timelineStage, { pipeline: pickLabel(pipeline?.labels, language, entry.pipeline) })}
          {messages.separator}
          <span className="old-value">{stage(entry.fromStage)}</span> → <strong className="new-value">{stage(entry.toStage)}</strong>{' '}
          <span className="muted">{actor(entry.actor)}</span>
        </span>
      );
    }
    case 'approval': {
      const words = approvalMessagesFor(language);
      return (
        <span>
          {fill(text.timelineApproval, { flow: pickLabel(object.approvalFlows?.find((flow) => flow.apiName === entry.flow)?.labels, language, entry.flow) })}{' '}
          <span className={`status-badge ${entry.status}`}>{statusWord(words, entry.status)}</span> <span className="muted">{actor(entry.submitter)}</span>
        </span>
      );
    }
  }
}
