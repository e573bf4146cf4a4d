// /inbox and /inbox/:requestId: approvals pending for me, submitted by me, decided by me. Each row
// names the record (not its id), its object, the flow, the step, who submitted and when; opening
// one shows the request with the actions I may take (request-panel.tsx). Rows are cards, not a
// wide table, so the inbox fits a phone.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ApiError } from '../../api/index.ts';
import { navigate } from '../../shell/router.ts';
import { ProblemBanner } from '../../shell/problem-banner.tsx';
import { toApiError, useSession } from '../../shell/session.tsx';
import { approvalApi, type InboxBox, type InboxRow, inboxRequest } from './approval-api.ts';
import { usePersonLabels } from '../people/use-people.ts';
import { flowLabel, formatWhen, objectLabel, objectOf, stepLabel } from './approval-labels.ts';
import { approvalMessagesFor } from './approval-messages.ts';
import { nameKey, useRecordNames } from './record-names.ts';
import { RequestPanel } from './request-panel.tsx';
import { StatusBadge } from './status-badge.tsx';
import '../list/list.css';

const BOXES: InboxBox[] = ['pending', 'submitted', 'decided'];

export function InboxPage(props: { requestId: string | undefined }) {
  const { client, language, metadata } = useSession();
  const words = approvalMessagesFor(language);
  const api = useMemo(() => approvalApi(client), [client]);
  const [box, setBox] = useState<InboxBox>('pending');
  const [rows, setRows] = useState<InboxRow[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [reloads, setReloads] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `reloads` refetches after an action.
  useEffect(() => {
    let current = true;
    setRows(null);
    api.inbox(box).then(
      (loaded) => {
        if (!current) return;
        setRows(loaded.data);
        setError(null);
      },
      (caught: unknown) => current && setError(toApiError(caught)),
    );
    return () => {
      current = false;
    };
  }, [api, box, reloads]);

  const requests = (rows ?? []).map(inboxRequest);
  const names = useRecordNames(client, metadata, requests);
  const person = usePersonLabels(requests.map((request) => request.submittedBy));
  const opened = props.requestId;
  const reload = useCallback(() => setReloads((value) => value + 1), []);
  const label = { pending: words.pendingForMe, submitted: words.submittedByMe, decided: words.decided } as const;
  const empty = { pending: words.nothingPending, submitted: words.nothingSubmitted, decided: words.nothingDecided } as const;

  return (
    <div className="inbox-page">
      <h2>{words.inboxTitle}</h2>
      <div role="tablist" aria-label={words.inboxTitle} className="tabs">
        {BOXES.map((candidate) => (
          <button
            key={candidate}
            type="button"
            role="tab"
            aria-selected={box === candidate}
            className={box === candidate ? 'tab active' : 'tab'}
            onClick={() => setBox(candidate)}
          >
            {label[candidate]}
          </button>
        ))}
      </div>
      {error ? <ProblemBanner error={error} /> : null}
      {rows === null && !error ? (
        <p className="muted" aria-busy="true" data-testid="inbox-loading">
          …
        </p>
      ) : null}
      {rows !== null && rows.length === 0 ? <p className="muted">{empty[box]}</p> : null}
      <ul className="inbox-list" role="tabpanel" aria-label={label[box]} data-testid="inbox-list">
        {(rows ?? []).map((row) => {
          const request = inboxRequest(row);
          const name = names.get(nameKey(request));
          const step = 'request' in row ? row.step : request.currentStep;
          const flowSteps = objectOf(metadata, request.object)?.approvalFlows?.find((flow) => flow.apiName === request.flow)?.steps;
          return (
            <li key={'taskId' in row ? row.taskId : request.id} className={request.id === opened ? 'inbox-row active' : 'inbox-row'} data-request={request.id}>
              <button type="button" className="inbox-open" onClick={() => navigate(`/inbox/${encodeURIComponent(request.id)}`)}>
                <strong className="inbox-record">{name === undefined ? '…' : (name ?? words.hiddenRecord)}</strong>
                <span className="inbox-meta">
                  {objectLabel(metadata, request.object, language)} · {flowLabel(metadata, request.object, request.flow, language)}
                  {step ? ` · ${stepLabel(flowSteps, step, language)}` : ''}
                </span>
                <span className="inbox-meta muted">
                  {person(request.submitter, request.submittedBy)} ·{' '}
                  {formatWhen('request' in row ? (row.decidedAt ?? row.stepStartedAt) : request.submittedAt, language)}
                </span>
              </button>
              <StatusBadge status={request.status} />
            </li>
          );
        })}
      </ul>
      {opened ? <RequestPanel key={opened} api={api} requestId={opened} onChanged={reload} onClose={() => navigate('/inbox')} /> : null}
    </div>
  );
}
