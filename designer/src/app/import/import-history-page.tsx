// /imports and /imports/:object — the tenant's past imports the user may see (the server lists only
// objects the user can read): object, file, who, when, counts, status (interrupted ones said so),
// whether undo is available or why not; links to each one's errors CSV and result page, and the
// actions "Undo" and "Run again" (an interrupted import's kept file, same mapping and options).
import { useCallback, useEffect, useState } from 'react';
import type { ApiError } from '../../api/index.ts';
import { pickLabel } from '../../i18n/language.ts';
import { Link } from '../../shell/link.tsx';

import { navigate } from '../../shell/router.ts';
import { toApiError, useSession } from '../../shell/session.tsx';
import { fill } from '../record/record-messages.ts';
import { type ImportHistoryEntry, useImportApi } from './import-api.ts';
import { type ImportMessages, importMessagesFor } from './import-messages.ts';
import { ImportStatus } from './import-status.tsx';
import { stoppedMessage } from './import-stopped.tsx';
import './import.css';

export function statusText(entry: ImportHistoryEntry, text: ImportMessages): string {
  if (entry.status === 'failed') return entry.interrupted ? text.statusInterrupted : entry.failure !== null ? text.statusStopped : text.statusFailed;
  const labels: Record<Exclude<ImportHistoryEntry['status'], 'failed'>, string> = {
    queued: text.statusQueued,
    running: text.statusRunning,
    'dry-run': text.statusDryRun,
    done: text.statusDone,
    undone: text.statusUndone,
  };
  return labels[entry.status];
}

function undoText(entry: ImportHistoryEntry, text: ImportMessages): string {
  const why = { 'dry-run': text.whyDryRun, 'not-finished': text.whyNotFinished, failed: text.whyFailed, undone: text.whyUndone } as const;
  return entry.undo.blockedBy === null ? text.undoAvailable : fill(text.undoBlocked, { why: why[entry.undo.blockedBy] });
}

export function ImportHistoryPage(props: { objectApiName: string | undefined }) {
  const { language, metadata } = useSession();
  const text = importMessagesFor(language);
  const api = useImportApi(props.objectApiName ?? '');
  const [entries, setEntries] = useState<ImportHistoryEntry[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(
    () =>
      api.history().then(
        (result) => setEntries(result.data),
        (caught: unknown) => setError(toApiError(caught)),
      ),
    [api],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const objects = metadata.status === 'ready' ? metadata.metadata.objects : [];
  const objectLabel = (apiName: string) => {
    const object = objects.find((candidate) => candidate.apiName === apiName);
    return object ? pickLabel(object.labels, language, apiName) : apiName;
  };
  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await work();
      await load();
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  };
  const title = props.objectApiName ? fill(text.historyOf, { object: objectLabel(props.objectApiName) }) : text.historyTitle;
  const when = new Intl.DateTimeFormat(language === 'zh' ? 'zh-CN' : 'en-US', { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <div className="import-page import-history">
      <div className="records-header">
        <h2>{title}</h2>
        {props.objectApiName ? (
          <Link to={`/import/${encodeURIComponent(props.objectApiName)}`} className="button-link">
            {text.link}
          </Link>
        ) : null}
      </div>
      <ImportStatus error={error} notice={notice} />
      {entries === null ? <p className="muted">{text.loading}</p> : null}
      {entries?.length === 0 ? <p className="muted">{text.historyEmpty}</p> : null}
      {entries && entries.length > 0 ? (
        <div className="table-scroll">
          <table className="record-table" aria-label={title}>
            <thead>
              <tr>
                <th scope="col">{text.object}</th>
                <th scope="col">{text.file}</th>
                <th scope="col">{text.by}</th>
                <th scope="col">{text.when}</th>
                <th scope="col">{text.created}</th>
                <th scope="col">{text.updated}</th>
                <th scope="col">{text.skipped}</th>
                <th scope="col">{text.failed}</th>
                <th scope="col">{text.status}</th>
                <th scope="col">{text.actions}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => {
                const entryApi = { undo: () => api.undo(entry.id), rerun: () => api.rerun(entry.id) };
                return (
                  <tr key={entry.id} data-import={entry.id} data-status={entry.interrupted ? 'interrupted' : entry.status}>
                    <td>{objectLabel(entry.object)}</td>
                    <td>
                      <Link to={`/import/${encodeURIComponent(entry.object)}/${entry.id}`}>{entry.fileName}</Link>
                    </td>
                    <td>{entry.createdBy?.name ?? text.integration}</td>
                    <td>{when.format(new Date(entry.createdAt))}</td>
                    <td data-count="create">{entry.counts?.create ?? 0}</td>
                    <td data-count="update">{entry.counts?.update ?? 0}</td>
                    <td data-count="skip">{entry.counts?.skip ?? 0}</td>
                    <td data-count="error">{entry.counts?.error ?? 0}</td>
                    <td>
                      <strong>{statusText(entry, text)}</strong>
                      {entry.status === 'failed' && entry.failure !== null ? <p className="muted import-why">{stoppedMessage(entry, text)}</p> : null}
                      <p className="muted import-why">{undoText(entry, text)}</p>
                    </td>
                    <td>
                      <span className="form-actions">
                        {entry.errorCount > 0 ? (
                          <a href={api.errorsUrl(entry.id)} download className="button-link">
                            {text.errorsCsv}
                          </a>
                        ) : null}
                        {entry.undo.available ? (
                          <button
                            type="button"
                            disabled={busy}
                            onClick={() =>
                              void act(async () => {
                                const undone = await entryApi.undo();
                                setNotice(fill(text.undone, { deleted: undone.deleted, restored: undone.restored }));
                              })
                            }
                          >
                            {text.undo}
                          </button>
                        ) : null}
                        {entry.canRerun ? (
                          <button
                            type="button"
                            className="primary"
                            disabled={busy}
                            onClick={() =>
                              void act(async () => {
                                const started = await entryApi.rerun();
                                navigate(`/import/${encodeURIComponent(entry.object)}/${started.id}`);
                              })
                            }
                          >
                            {text.rerun}
                          </button>
                        ) : null}
                      </span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
