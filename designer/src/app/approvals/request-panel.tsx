// One approval request opened from the inbox: the record (by name, linked), its steps with who
// decided what, the history with comments, and the actions this user may take now — approve or
// reject (back to an earlier step) with a comment, recall (the submitter), 转交, 加签, comment.
// The server decides; buttons only appear where it would agree, and its problem shows if not.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ApiError, AuthMe } from '../../api/index.ts';
import { Link } from '../../shell/link.tsx';
import { ProblemBanner } from '../../shell/problem-banner.tsx';
import { toApiError, useSession } from '../../shell/session.tsx';
import { announceApprovalsChanged } from '../notifications/notification-api.ts';
import type { ApprovalApi, RequestDetail } from './approval-api.ts';
import { usePersonLabels } from '../people/use-people.ts';
import { flowLabel, formatWhen, objectLabel, personName, stepLabel } from './approval-labels.ts';
import { approvalMessagesFor, messageByKey, statusWord } from './approval-messages.ts';
import { nameKey, useRecordNames } from './record-names.ts';
import { StatusBadge } from './status-badge.tsx';
import { type Person, UserPicker } from './user-picker.tsx';

export function RequestPanel(props: { api: ApprovalApi; requestId: string; onChanged: () => void; onClose: () => void }) {
  const { api, requestId } = props;
  const { client, language, metadata, me } = useSession();
  const words = approvalMessagesFor(language);
  const [detail, setDetail] = useState<RequestDetail | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const load = useCallback(() => {
    api.request(requestId).then(setDetail, (caught: unknown) => setError(toApiError(caught)));
  }, [api, requestId]);
  useEffect(load, [load]);
  const names = useRecordNames(client, metadata, detail ? [detail] : []);
  const person = usePersonLabels(
    detail
      ? [detail.submittedBy, ...detail.history.map((event) => event.actorId), ...detail.steps.flatMap((step) => step.tasks.map((task) => task.decidedBy))]
      : [],
  );

  if (!detail)
    return error ? (
      <ProblemBanner error={error} />
    ) : (
      <p className="muted" aria-busy="true">
        …
      </p>
    );
  const name = names.get(nameKey(detail));
  const recordHref = `/app/${encodeURIComponent(detail.object)}/${encodeURIComponent(detail.recordId)}`;
  return (
    <section className="request-panel" aria-label={words.inboxTitle} data-testid="request-panel">
      <header className="request-panel-header">
        <h3>
          <Link to={recordHref}>{name === undefined ? '…' : (name ?? words.hiddenRecord)}</Link>
        </h3>
        <StatusBadge status={detail.status} />
        <button type="button" className="link-button" onClick={props.onClose}>
          {words.close}
        </button>
      </header>
      <p className="muted">
        {objectLabel(metadata, detail.object, language)} · {flowLabel(metadata, detail.object, detail.flow, language)} · {words.submitter}:{' '}
        {person(detail.submitter, detail.submittedBy)} · {formatWhen(detail.submittedAt, language)}
      </p>
      {detail.comment ? <blockquote>{detail.comment}</blockquote> : null}
      <h4>{words.steps}</h4>
      <ol className="approval-steps">
        {detail.steps.map((step) => (
          <li key={step.id}>
            <strong>{stepLabel(detail.definition.steps, step.step, language)}</strong> <StatusBadge status={step.status} />
            <ul>
              {step.tasks
                .filter((task) => task.decidedBy)
                .map((task) => (
                  <li key={task.id}>
                    {person(nameOf(detail, task.decidedBy, me), task.decidedBy)} — {statusWord(words, task.status)} {formatWhen(task.decidedAt, language)}
                    {task.comment ? `: “${task.comment}”` : ''}
                  </li>
                ))}
            </ul>
          </li>
        ))}
      </ol>
      <h4>{words.history}</h4>
      <ul className="approval-history" data-testid="approval-history">
        {detail.history.map((event) => (
          <li key={event.id}>
            <span className="muted">{formatWhen(event.at, language)}</span> {person(event.actor, event.actorId)}{' '}
            {messageByKey(words, `event.${event.kind}`) ?? event.kind}
            {event.comment ? `: “${event.comment}”` : ''}
          </li>
        ))}
      </ul>
      <RequestActions
        api={api}
        detail={detail}
        onDone={() => {
          load();
          props.onChanged();
        }}
      />
    </section>
  );
}

function RequestActions(props: { api: ApprovalApi; detail: RequestDetail; onDone: () => void }) {
  const { api, detail } = props;
  const { me, language } = useSession();
  const words = approvalMessagesFor(language);
  const [comment, setComment] = useState('');
  const [rejectTo, setRejectTo] = useState('');
  const [userId, setUserId] = useState('');
  const [position, setPosition] = useState<'before' | 'after'>('after');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const myId = me.user?.id;
  const pending = detail.status === 'pending';
  const current = detail.steps.find((step) => step.status === 'pending');
  const myTask = current?.tasks.some((task) => task.status === 'pending' && task.approverId === myId) ?? false;
  const mine = detail.submittedBy !== null && detail.submittedBy === myId;
  const earlier = current ? detail.definition.steps.slice(0, current.index) : [];
  const people = useMemo(() => peopleOf(detail, me), [detail, me]);

  async function run(action: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await action();
      announceApprovalsChanged();
      setComment('');
      setNotice(words.done);
      props.onDone();
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="request-actions" data-testid="request-actions">
      <label className="stacked">
        {words.comment}
        <textarea value={comment} placeholder={words.commentPlaceholder} onChange={(event) => setComment(event.target.value)} rows={2} />
      </label>
      <div className="form-actions wrap">
        {pending && myTask ? (
          <>
            <button type="button" disabled={busy} onClick={() => run(() => api.approve(detail.id, comment))}>
              {words.approve}
            </button>
            {earlier.length > 0 ? (
              <label>
                {words.rejectTo}{' '}
                <select value={rejectTo} onChange={(event) => setRejectTo(event.target.value)}>
                  <option value="">{words.rejectToNone}</option>
                  {earlier.map((step) => (
                    <option key={step.apiName} value={step.apiName}>
                      {stepLabel(detail.definition.steps, step.apiName, language)}
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
            <button type="button" className="danger" disabled={busy} onClick={() => run(() => api.reject(detail.id, comment, rejectTo || undefined))}>
              {words.reject}
            </button>
          </>
        ) : null}
        {pending && mine ? (
          <button type="button" className="secondary" disabled={busy} onClick={() => run(() => api.recall(detail.id, comment))}>
            {words.recall}
          </button>
        ) : null}
        <button type="button" className="secondary" disabled={busy || comment.trim() === ''} onClick={() => run(() => api.comment(detail.id, comment))}>
          {words.addComment}
        </button>
      </div>
      {pending && (myTask || me.admin) ? (
        <div className="form-actions wrap">
          <UserPicker api={api} known={people} value={userId} onChange={setUserId} label={words.pickUser} />
          <button type="button" className="secondary" disabled={busy || userId === ''} onClick={() => run(() => api.reassign(detail.id, userId, comment))}>
            {words.reassign}
          </button>
          {myTask ? (
            <>
              <select aria-label={words.addApprover} value={position} onChange={(event) => setPosition(event.target.value as 'before' | 'after')}>
                <option value="after">{words.after}</option>
                <option value="before">{words.before}</option>
              </select>
              <button
                type="button"
                className="secondary"
                disabled={busy || userId === ''}
                onClick={() => run(() => api.addApprover(detail.id, userId, position, comment))}
              >
                {words.addApprover}
              </button>
            </>
          ) : null}
        </div>
      ) : null}
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      {error ? <ProblemBanner error={error} /> : null}
    </div>
  );
}

/** People the request names, with the names its history gives them. */
function peopleOf(detail: RequestDetail, me: AuthMe): Person[] {
  const people = new Map<string, string>();
  if (detail.submittedBy) people.set(detail.submittedBy, personName(detail.submitter, detail.submittedBy, me));
  for (const event of detail.history) if (event.actorId) people.set(event.actorId, personName(event.actor, event.actorId, me));
  return [...people].map(([id, name]) => ({ id, name }));
}

function nameOf(detail: RequestDetail, userId: string | null, me: AuthMe): string {
  if (!userId) return '';
  return peopleOf(detail, me).find((person) => person.id === userId)?.name ?? userId.slice(0, 8);
}
