// The list's saved views: pick one (mine and the shared ones meant for me; the default opens
// first), save what the list shows now as a new view (optionally my default), and rename, delete
// or make default the ones I may change. Every change goes through the views API, which checks the
// definition as the list would; its problem shows here.
import { type FormEvent, useState } from 'react';
import type { ApiError } from '../../api/index.ts';
import { pickLabel } from '../../i18n/language.ts';
import { ProblemBanner } from '../../shell/problem-banner.tsx';
import { toApiError, useSession } from '../../shell/session.tsx';
import type { ListApi, ListView, ViewChange } from './list-api.ts';
import { listMessagesFor } from './list-messages.ts';

type Editing = { kind: 'create' } | { kind: 'rename'; view: ListView } | null;

export function ViewsPicker(props: {
  api: ListApi;
  views: ListView[];
  selected: string;
  onSelect: (id: string) => void;
  /** The definition of what the list shows now, for "save as view". */
  current: () => ViewChange['definition'];
  onChanged: (selectId?: string) => void;
}) {
  const { language } = useSession();
  const words = listMessagesFor(language);
  const [editing, setEditing] = useState<Editing>(null);
  const [name, setName] = useState('');
  const [makeDefault, setMakeDefault] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const selected = props.views.find((view) => view.id === props.selected);
  const labelOf = (view: ListView) => pickLabel(view.labels, language, '—');

  async function run<T>(action: () => Promise<T>, after: (result: T) => void) {
    setError(null);
    try {
      after(await action());
    } catch (caught) {
      setError(toApiError(caught));
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const labels = { [language]: name.trim() };
    if (editing?.kind === 'rename') {
      const view = editing.view;
      run(
        () => props.api.updateView(view.id, { labels: { ...view.labels, ...labels } }, view.version),
        () => {
          setEditing(null);
          props.onChanged(view.id);
        },
      );
    } else {
      run(
        () => props.api.createView({ labels, definition: props.current(), default: makeDefault }),
        (created) => {
          setEditing(null);
          props.onChanged(created.id);
        },
      );
    }
  }

  return (
    <div className="views-picker" data-testid="views-picker">
      <select aria-label={words.views} value={props.selected} onChange={(event) => props.onSelect(event.target.value)}>
        <option value="">{words.allRecords}</option>
        {props.views.map((view) => (
          <option key={view.id} value={view.id}>
            {labelOf(view)}
            {view.shared ? ` · ${words.sharedTag}` : ''}
            {view.default ? ` · ${words.defaultTag}` : ''}
          </option>
        ))}
      </select>
      {editing ? (
        <form className="view-name-form" onSubmit={submit} aria-label={editing.kind === 'create' ? words.saveView : words.renameView}>
          <input
            aria-label={words.viewName}
            placeholder={words.viewName}
            value={name}
            required
            maxLength={120}
            onChange={(event) => setName(event.target.value)}
          />
          {editing.kind === 'create' ? (
            <label className="inline">
              <input type="checkbox" checked={makeDefault} onChange={(event) => setMakeDefault(event.target.checked)} /> {words.makeDefault}
            </label>
          ) : null}
          <button type="submit" disabled={name.trim() === ''}>
            {words.save}
          </button>
          <button type="button" className="secondary" onClick={() => setEditing(null)}>
            {words.cancel}
          </button>
        </form>
      ) : (
        <>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setName('');
              setMakeDefault(false);
              setEditing({ kind: 'create' });
            }}
          >
            {words.saveView}
          </button>
          {selected?.editable ? (
            <>
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  setName(labelOf(selected));
                  setEditing({ kind: 'rename', view: selected });
                }}
              >
                {words.renameView}
              </button>
              {selected.default ? null : (
                <button
                  type="button"
                  className="link-button"
                  onClick={() =>
                    run(
                      () => props.api.updateView(selected.id, { default: true }, selected.version),
                      () => props.onChanged(selected.id),
                    )
                  }
                >
                  {words.setDefault}
                </button>
              )}
              <button
                type="button"
                className="link-button danger-text"
                onClick={() => {
                  if (window.confirm(words.confirmDelete.replace('{name}', labelOf(selected))))
                    run(
                      () => props.api.deleteView(selected.id),
                      () => props.onChanged(''),
                    );
                }}
              >
                {words.deleteView}
              </button>
            </>
          ) : null}
        </>
      )}
      {error ? <ProblemBanner error={error} /> : null}
    </div>
  );
}
