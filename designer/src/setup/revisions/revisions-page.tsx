// Setup → Revisions: every metadata revision with who, when and what kind of steps it ran; any two
// compared as a readable diff; any one reverted to through the plan review (nothing applies
// before the admin saw the plan).
import { useCallback, useState } from 'react';
import type { RevisionSummary } from '../../api/metadata-change-types.ts';
import { ProblemBanner } from '../../shell/problem-banner.tsx';
import { useSession } from '../../shell/session.tsx';
import { useLoaded } from '../access/use-loaded.ts';
import { SelectControl } from '../form-controls.tsx';
import { fillIn } from '../setup-messages.ts';
import { RevertDrawer } from './revert-drawer.tsx';
import { RevisionDiff } from './revision-diff.tsx';
import { loadRevisionHistory } from './revision-history.ts';
import { type RevisionsMessages, useRevisionsMessages } from './revisions-messages.ts';
import '../setup.css';
import './revisions.css';

function summarise(revision: RevisionSummary, text: RevisionsMessages): string {
  const counts = Object.entries(revision.changes).map(([kind, count]) => `${count} ${text.kinds[kind] ?? kind}`);
  const parts = [...(revision.revertedTo === null ? [] : [fillIn(text.revertedTo, { revision: revision.revertedTo })]), ...counts];
  return parts.length ? parts.join(' · ') : text.noActions;
}

export function RevisionsPage() {
  const { client, language } = useSession();
  const text = useRevisionsMessages();
  const load = useCallback(() => loadRevisionHistory(client), [client]);
  const { state, reload } = useLoaded(load);
  const [compare, setCompare] = useState<{ from: number; to: number } | undefined>();
  const [reverting, setReverting] = useState<number | undefined>();
  if (state.status === 'loading') return <p className="muted">{text.loading}</p>;
  if (state.status === 'failed') return <ProblemBanner error={state.error} />;
  const revisions = state.data;
  const latest = revisions[0]?.revision ?? 0;
  const shown = compare ?? { from: Math.max(latest - 1, 0), to: latest };
  const date = new Intl.DateTimeFormat(language === 'zh' ? 'zh-CN' : 'en', { dateStyle: 'medium', timeStyle: 'medium' });
  const options = [
    ...revisions.map((revision) => ({ value: String(revision.revision), label: String(revision.revision) })),
    { value: '0', label: fillIn(text.emptyModel, { revision: 0 }) },
  ];

  return (
    <div className="setup revisions-page">
      <h2>{text.revisions}</h2>
      {revisions.length === 0 ? (
        <p className="muted">{text.noRevisions}</p>
      ) : (
        <>
          <table className="grid compact" data-testid="revision-list">
            <thead>
              <tr>
                <th className="numeric">{text.revision}</th>
                <th>{text.author}</th>
                <th>{text.when}</th>
                <th>{text.summary}</th>
                <th>{text.actions}</th>
              </tr>
            </thead>
            <tbody>
              {revisions.map((revision) => (
                <tr key={revision.revision} data-revision={revision.revision}>
                  <td className="numeric">
                    {revision.revision}
                    {revision.revision === latest ? <span className="muted small"> ({text.current})</span> : null}
                  </td>
                  <td data-column="actor">{revision.actor}</td>
                  <td>{date.format(new Date(revision.createdAt))}</td>
                  <td data-column="summary">{summarise(revision, text)}</td>
                  <td className="row-buttons">
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => setCompare({ from: revision.baseRevision ?? Math.max(revision.revision - 1, 0), to: revision.revision })}
                    >
                      {text.compare}
                    </button>
                    {revision.revision === latest ? null : (
                      <button type="button" className="link-button" onClick={() => setReverting(revision.revision)}>
                        {fillIn(text.revertTo, { revision: revision.revision })}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="compare-pickers">
            <SelectControl
              label={text.compareFrom}
              value={String(shown.from)}
              onChange={(value) => setCompare({ ...shown, from: Number(value) })}
              options={options}
            />
            <SelectControl
              label={text.compareTo}
              value={String(shown.to)}
              onChange={(value) => setCompare({ ...shown, to: Number(value) })}
              options={options}
            />
          </div>
          <RevisionDiff from={shown.from} to={shown.to} />
        </>
      )}
      {reverting === undefined ? null : <RevertDrawer revision={reverting} onApplied={reload} onClose={() => setReverting(undefined)} />}
    </div>
  );
}
