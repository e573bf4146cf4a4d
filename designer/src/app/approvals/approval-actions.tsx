// For a record page: the record's approval state as a badge (pending, locked while pending, or
// the last decision) and "Submit for approval" with a comment when the object has approval flows
// and the user may edit the record (the server's rule for submitting). The submitter of a pending
// request may recall it here; approvers decide in the inbox, which the pending badge links to.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ApiError } from '../../api/index.ts';
import { pickLabel } from '../../i18n/language.ts';
import { Link } from '../../shell/link.tsx';
import { ProblemBanner } from '../../shell/problem-banner.tsx';
import { toApiError, useSession } from '../../shell/session.tsx';
import { announceApprovalsChanged } from '../notifications/notification-api.ts';
import { approvalApi, type RequestDetail } from './approval-api.ts';
import { objectOf } from './approval-labels.ts';
import { approvalMessagesFor } from './approval-messages.ts';

export function ApprovalActions(props: { objectApiName: string; recordId: string; onChanged?: () => void }) {
  const { objectApiName, recordId } = props;
  const { client, me, metadata, language } = useSession();
  const words = approvalMessagesFor(language);
  const api = useMemo(() => approvalApi(client), [client]);
  const flows = objectOf(metadata, objectApiName)?.approvalFlows ?? [];
  const [requests, setRequests] = useState<RequestDetail[] | null>(null);
  const [open, setOpen] = useState(false);
  const [flow, setFlow] = useState('');
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const load = useCallback(() => {
    api.recordRequests(objectApiName, recordId).then(
      (loaded) => setRequests(loaded.data),
      (caught: unknown) => setError(toApiError(caught)),
    );
  }, [api, objectApiName, recordId]);
  useEffect(load, [load]);

  const latest = requests?.[0];
  const pending = latest?.status === 'pending' ? latest : undefined;
  const mayEdit = me.objects[objectApiName]?.edit ?? me.principal === 'integration';
  const maySubmit = requests !== null && !pending && flows.length > 0 && mayEdit;

  async function act(action: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await action();
      announceApprovalsChanged();
      setOpen(false);
      setComment('');
      load();
      props.onChanged?.();
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="approval-actions" data-testid="approval-actions">
      {pending ? (
        <Link
          to={`/inbox/${encodeURIComponent(pending.id)}`}
          className={pending.definition.lockRecord === false ? 'badge badge-pending' : 'badge badge-locked'}
        >
          {pending.definition.lockRecord === false ? words.pendingBadge : words.lockedBadge}
        </Link>
      ) : latest ? (
        <span className={`badge badge-${latest.status}`}>{words[`${latest.status}Badge` as 'approvedBadge' | 'rejectedBadge' | 'recalledBadge']}</span>
      ) : null}
      {pending && me.user && pending.submittedBy === me.user.id ? (
        <button type="button" className="secondary" disabled={busy} onClick={() => act(() => api.recall(pending.id))}>
          {words.recall}
        </button>
      ) : null}
      {maySubmit && !open ? (
        <button type="button" onClick={() => setOpen(true)}>
          {words.submitForApproval}
        </button>
      ) : null}
      {maySubmit && open ? (
        <form
          className="submit-approval"
          aria-label={words.submitForApproval}
          onSubmit={(event) => {
            event.preventDefault();
            act(() => api.submit({ object: objectApiName, recordId, ...(flow ? { flow } : {}), ...(comment.trim() ? { comment: comment.trim() } : {}) }));
          }}
        >
          {flows.length > 1 ? (
            <label className="stacked">
              {words.flow}
              <select value={flow} onChange={(event) => setFlow(event.target.value)}>
                <option value="">—</option>
                {flows.map((candidate) => (
                  <option key={candidate.apiName} value={candidate.apiName}>
                    {pickLabel(candidate.labels, language, candidate.apiName)}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <label className="stacked">
            {words.comment}
            <textarea value={comment} rows={2} placeholder={words.commentPlaceholder} onChange={(event) => setComment(event.target.value)} />
          </label>
          <div className="form-actions">
            <button type="submit" disabled={busy}>
              {words.submit}
            </button>
            <button type="button" className="secondary" onClick={() => setOpen(false)}>
              {words.cancel}
            </button>
          </div>
        </form>
      ) : null}
      {error ? <ProblemBanner error={error} /> : null}
    </div>
  );
}
