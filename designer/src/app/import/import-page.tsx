// /import/:object — the import wizard: upload a CSV or XLSX file → map its columns (matched
// automatically, editable, optionally saved) → dry run (exact counts and errors, nothing saved)
// → run as a job with progress → result → undo. /import/:object/:id opens one import's result (from
// the history); an import a restart interrupted says so and offers "Run again". Every step's
// problem is shown as the server said it.
import { useEffect, useState } from 'react';
import type { ApiError } from '../../api/index.ts';
import { pickLabel } from '../../i18n/language.ts';
import { Link } from '../../shell/link.tsx';

import { toApiError, useSession } from '../../shell/session.tsx';
import { fill } from '../record/record-messages.ts';
import { type ImportSettings, type ImportState, type Preview, useImportApi } from './import-api.ts';
import { importMessagesFor } from './import-messages.ts';
import { ImportReport } from './import-report.tsx';
import { ImportStatus } from './import-status.tsx';
import { ImportStopped } from './import-stopped.tsx';
import { MappingTable } from './mapping-table.tsx';
import './import.css';

type Step = 'upload' | 'map' | 'checked' | 'running' | 'result';

const FINISHED = new Set(['dry-run', 'done', 'failed', 'undone']);

export function ImportPage(props: { objectApiName: string | undefined; importId?: string | undefined }) {
  const { language, metadata } = useSession();
  const text = importMessagesFor(language);
  const name = props.objectApiName ?? '';
  const api = useImportApi(name);
  const [step, setStep] = useState<Step>('upload');
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [settings, setSettings] = useState<ImportSettings>({ mapping: {}, mode: 'all-or-nothing', duplicates: 'skip' });
  const [state, setState] = useState<ImportState | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [saved, setSaved] = useState<Array<{ name: string; mapping: Record<string, string | null> }>>([]);

  useEffect(() => {
    api.mappings().then(
      (result) => setSaved(result.data),
      () => setSaved([]),
    );
  }, [api]);

  // Opened from the history: that import's result, or its progress while it runs.
  useEffect(() => {
    if (!props.importId) return;
    api.get(props.importId).then(
      (found) => {
        setState(found);
        setStep(FINISHED.has(found.status) ? 'result' : 'running');
      },
      (caught: unknown) => setError(toApiError(caught)),
    );
  }, [api, props.importId]);

  // The job: poll its status until it has finished.
  useEffect(() => {
    if (step !== 'running' || !state) return;
    const timer = setInterval(() => {
      api.get(state.id).then(
        (next) => {
          setState(next);
          if (FINISHED.has(next.status)) setStep('result');
        },
        (caught: unknown) => setError(toApiError(caught)),
      );
    }, 300);
    return () => clearInterval(timer);
  }, [api, step, state]);

  const object = metadata.status === 'ready' ? metadata.metadata.objects.find((candidate) => candidate.apiName === name) : undefined;
  if (!object) return metadata.status === 'ready' ? <p className="muted">{name}</p> : null;
  const label = pickLabel(object.labels, language, object.apiName);

  const act = async (message: string, work: () => Promise<void>) => {
    setBusy(message);
    setError(null);
    setNotice(null);
    try {
      await work();
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(null);
    }
  };

  const onFile = (chosen: File | undefined) => {
    if (!chosen) return;
    setFile(chosen);
    void act(text.reading, async () => {
      const result = await api.preview(chosen);
      setPreview(result);
      setSettings((current) => ({ ...current, mapping: result.mapping }));
      setStep('map');
    });
  };

  return (
    <div className="import-page">
      <div className="records-header">
        <h2>{fill(text.title, { object: label })}</h2>
        <span className="form-actions">
          <Link to={`/imports/${encodeURIComponent(name)}`} className="button-link">
            {text.history}
          </Link>
          <Link to={`/app/${encodeURIComponent(name)}`} className="button-link">
            {text.toList}
          </Link>
        </span>
      </div>
      <p className="muted">{text.steps}</p>
      <ImportStatus error={error} notice={notice} busy={busy} />
      {step === 'upload' ? (
        <section className="card">
          <label>
            {text.chooseFile}{' '}
            <input
              type="file"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={(event) => onFile(event.target.files?.[0])}
            />
          </label>
          <p className="muted">{text.fileHint}</p>
        </section>
      ) : null}
      {preview && (step === 'map' || step === 'checked') ? (
        <>
          {saved.length > 0 ? (
            <label>
              {text.savedMappings}{' '}
              <select
                defaultValue=""
                onChange={(event) => {
                  const chosen = saved.find((mapping) => mapping.name === event.target.value);
                  if (chosen) setSettings({ ...settings, mapping: { ...settings.mapping, ...chosen.mapping } });
                }}
              >
                <option value="">{text.none}</option>
                {saved.map((mapping) => (
                  <option key={mapping.name}>{mapping.name}</option>
                ))}
              </select>
            </label>
          ) : null}
          <MappingTable
            object={object}
            preview={preview}
            settings={settings}
            onChange={(next) => {
              setSettings(next);
              setStep('map');
            }}
          />
          <div className="form-actions">
            <button
              type="button"
              disabled={busy !== null || !file}
              onClick={() =>
                void act(text.checking, async () => {
                  const checked = await api.dryRun(file as File, settings);
                  setState(checked);
                  setStep('checked');
                  if (settings.saveMapping) {
                    setNotice(fill(text.saved, { name: settings.saveMapping }));
                    setSaved((await api.mappings()).data);
                  }
                })
              }
            >
              {text.dryRun}
            </button>
            {step === 'checked' ? (
              <button
                type="button"
                className="primary"
                disabled={busy !== null}
                onClick={() =>
                  void act(text.run, async () => {
                    setState(await api.start(file as File, { ...settings, saveMapping: undefined }));
                    setStep('running');
                  })
                }
              >
                {text.run}
              </button>
            ) : null}
          </div>
          {step === 'checked' && state ? <ImportReport state={state} title={text.reportTitle} errorsUrl={api.errorsUrl(state.id)} /> : null}
        </>
      ) : null}
      {step === 'running' && state ? (
        <p role="status" aria-live="polite">
          <progress aria-label={text.run} /> {fill(text.running, { n: state.processed })}
        </p>
      ) : null}
      {step === 'result' && state ? (
        <>
          {state.status === 'failed' && state.failure !== null ? (
            <ImportStopped
              state={state}
              text={text}
              busy={busy !== null}
              onRerun={() =>
                void act(text.rerunning, async () => {
                  setState(await api.rerun(state.id));
                  setStep('running');
                })
              }
            />
          ) : (
            <ImportReport state={state} title={state.status === 'failed' ? text.failedTitle : text.resultTitle} errorsUrl={api.errorsUrl(state.id)} done />
          )}
          <div className="form-actions">
            {state.status === 'done' ? (
              <button
                type="button"
                disabled={busy !== null}
                onClick={() =>
                  void act(text.undo, async () => {
                    const undone = await api.undo(state.id);
                    setNotice(fill(text.undone, { deleted: undone.deleted, restored: undone.restored }));
                    setState({ ...state, status: 'undone' });
                  })
                }
              >
                {text.undo}
              </button>
            ) : null}
            <button
              type="button"
              onClick={() => {
                setStep('upload');
                setFile(null);
                setPreview(null);
                setState(null);
              }}
            >
              {text.again}
            </button>
          </div>
        </>
      ) : null}
    </div>
  );
}
