// One record, read first: a header (name, object, Edit), then tabs — the 360° overview when a
// related object runs a pipeline, Details, Related (with counts), History, Approvals, Timeline. Edit swaps
// the details for the generated form (the app's one form) and returns to the read view on save;
// `?edit` opens the form at once.
import { useCallback, useEffect, useState } from 'react';
import type { ApiError, ObjectDefinition, RecordData, ServedForm } from '../../api/index.ts';
import { GeneratedForm } from '../../forms/generated-form.tsx';
import { pickLabel } from '../../i18n/language.ts';
import { Link } from '../../shell/link.tsx';
import { ProblemBanner } from '../../shell/problem-banner.tsx';
import { toApiError, useSession } from '../../shell/session.tsx';
import { ApprovalActions } from '../approvals/approval-actions.tsx';
import { ApprovalsTab } from './approvals-tab.tsx';
import { recordName } from './format-value.ts';
import { HistoryTab } from './history-tab.tsx';
import { Overview360 } from './overview-360.tsx';
import { type ApprovalRequest, type HistoryEntry, type RelatedList, useRecordApi } from './record-api.ts';
import { RecordDetails } from './record-details.tsx';
import { recordMessagesFor } from './record-messages.ts';
import { RecordTabs, type TabKey } from './record-tabs.tsx';
import { RelatedLists } from './related-lists.tsx';
import { TimelineTab } from './timeline-tab.tsx';
import './record.css';

interface Loaded {
  record: RecordData;
  related: RelatedList[];
  history: HistoryEntry[];
  approvals: ApprovalRequest[];
}

export function RecordView(props: { object: ObjectDefinition; recordId: string; objects: readonly ObjectDefinition[] }) {
  const { object, recordId, objects } = props;
  const { client, language, me, messages } = useSession();
  const text = recordMessagesFor(language);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  // `?tab=timeline` (coming back from logging an activity) opens that tab.
  const [tab, setTab] = useState<TabKey | null>(() => (new URLSearchParams(window.location.search).get('tab') === 'timeline' ? 'timeline' : null));
  const [form, setForm] = useState<ServedForm | null>(null);
  const [notice, setNotice] = useState<string | null>(() => (new URLSearchParams(window.location.search).has('created') ? messages.created : null));
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  const api = useRecordApi();

  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` reloads after a save or a submit.
  useEffect(() => {
    let current = true;
    // Lookups (polylookups, many-to-many fields) come expanded, so their names show; only those the reader may read can be expanded.
    const readable = me.objects[object.apiName]?.readable;
    const lookups = object.fields
      .filter((field) => EXPANDED_ON_PAGE.has(field.type) && (!readable || readable.includes(field.apiName)))
      .map((field) => field.apiName);
    Promise.all([
      api.record(object.apiName, recordId, lookups),
      api.related(object.apiName, recordId),
      api.history(object.apiName, recordId).catch(() => ({ data: [] })),
      api.approvals(object.apiName, recordId).catch(() => ({ data: [] })),
    ]).then(
      ([record, related, history, approvals]) => {
        if (!current) return;
        setLoaded({ record, related: related.data, history: history.data, approvals: approvals.data });
        setError(null);
      },
      (caught: unknown) => current && setError(toApiError(caught)),
    );
    return () => {
      current = false;
    };
  }, [api, object, recordId, me, generation]);

  // `?edit` opens the record straight on its form (links from elsewhere that mean "change it").
  const [editOnOpen, setEditOnOpen] = useState(() => new URLSearchParams(window.location.search).has('edit'));
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once, when the record first arrives.
  useEffect(() => {
    if (!loaded || !editOnOpen) return;
    setEditOnOpen(false);
    void startEditing();
  }, [loaded, editOnOpen]);

  async function startEditing() {
    try {
      const recordType = typeof loaded?.record.record_type === 'string' ? loaded.record.record_type : undefined;
      setForm(await client.getForm(object.apiName, { mode: 'edit', lang: language, ...(recordType ? { recordType } : {}) }));
    } catch (caught) {
      setError(toApiError(caught));
    }
  }

  const plural = pickLabel(object.pluralLabels ?? object.labels, language, object.apiName);
  if (error && !loaded) return <ProblemBanner error={error} />;
  if (!loaded) return <p className="muted">{messages.loading}</p>;
  const hasOverview = loaded.related.some((list) => list.pipeline);
  const current = tab ?? (hasOverview ? 'overview' : 'details');
  const mayEdit = me.objects[object.apiName]?.edit !== false;
  return (
    <div className="record-view" data-testid="record-view">
      <p>
        <Link to={`/app/${encodeURIComponent(object.apiName)}`}>← {plural}</Link>
      </p>
      <header className="record-header">
        <div>
          <span className="muted">{pickLabel(object.labels, language, object.apiName)}</span>
          <h2>{recordName(object, loaded.record)}</h2>
        </div>
        <div className="record-actions">
          {/* The approval badge, submit (with comment) and recall are the inbox's (app/approvals/). */}
          <ApprovalActions objectApiName={object.apiName} recordId={recordId} onChanged={reload} />
          {mayEdit && !form ? (
            <button type="button" onClick={() => void startEditing()}>
              {text.edit}
            </button>
          ) : null}
        </div>
      </header>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      {error ? <ProblemBanner error={error} /> : null}
      {form ? (
        <GeneratedForm
          key={`${form.recordType}/${String(loaded.record.version)}`}
          form={form}
          stored={asStored(object, loaded.record)}
          onCancel={() => setForm(null)}
          onSaved={() => {
            setForm(null);
            setNotice(messages.saved);
            reload();
          }}
        />
      ) : (
        <RecordTabs
          selected={current}
          onSelect={setTab}
          tabs={[
            ...(hasOverview ? [{ key: 'overview' as const, label: text.overview }] : []),
            { key: 'details', label: text.details },
            { key: 'related', label: text.related, count: loaded.related.reduce((sum, list) => sum + list.count, 0) },
            { key: 'history', label: text.history, count: loaded.history.length },
            { key: 'approvals', label: text.approvals, count: loaded.approvals.length },
            { key: 'timeline', label: text.timeline },
          ]}
        >
          {current === 'overview' ? (
            <Overview360 object={object} recordId={recordId} lists={loaded.related} history={loaded.history} approvals={loaded.approvals} objects={objects} />
          ) : null}
          {current === 'details' ? <RecordDetails object={object} record={loaded.record} objects={objects} /> : null}
          {current === 'related' ? <RelatedLists lists={loaded.related} parentObject={object.apiName} parentId={recordId} objects={objects} /> : null}
          {current === 'history' ? <HistoryTab object={object} entries={loaded.history} objects={objects} /> : null}
          {current === 'approvals' ? <ApprovalsTab requests={loaded.approvals} /> : null}
          {current === 'timeline' ? <TimelineTab object={object} recordId={recordId} objects={objects} /> : null}
        </RecordTabs>
      )}
    </div>
  );
}

/** Field types the record page reads expanded (with their targets' names). */
const EXPANDED_ON_PAGE: ReadonlySet<string> = new Set(['lookup', 'user', 'polylookup', 'manytomany']);

/**
 * The record as the form edits it: the page reads lookups expanded (to show names), the form and
 * the API speak their ids, so each expanded lookup goes back to its id.
 */
function asStored(object: ObjectDefinition, record: RecordData): RecordData {
  const stored: RecordData = { ...record };
  for (const field of object.fields) {
    const value = stored[field.apiName];
    if ((field.type === 'lookup' || field.type === 'user') && value && typeof value === 'object' && 'id' in value)
      stored[field.apiName] = (value as { id: unknown }).id;
    // Many-to-many: the form speaks the list of ids.
    if (field.type === 'manytomany' && Array.isArray(value))
      stored[field.apiName] = value.map((item) => (item && typeof item === 'object' && 'id' in item ? (item as { id: unknown }).id : item));
    // A polylookup stays `{object, id}` (the API refuses `name` on write); the form's picker reads the name itself.
    if (field.type === 'polylookup' && value && typeof value === 'object' && 'id' in value) {
      const { object: target, id } = value as { object: unknown; id: unknown };
      stored[field.apiName] = { object: target, id };
    }
  }
  return stored;
}
