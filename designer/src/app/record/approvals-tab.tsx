// The Approvals tab: the record's requests, newest first, each with its flow, status, submitter
// and history (who, what, when, comment). Submitting and recalling sit in the record's header
// (app/approvals/approval-actions.tsx, shared with the inbox); deciding belongs to the inbox.
import { pickLabel } from '../../i18n/language.ts';
import { useSession } from '../../shell/session.tsx';
import { usePersonLabels } from '../people/use-people.ts';
import { approvalMessagesFor, messageByKey, statusWord } from '../approvals/approval-messages.ts';
import { formatInstant } from './format-value.ts';
import type { ApprovalRequest } from './record-api.ts';
import { fill, recordMessagesFor } from './record-messages.ts';

export function ApprovalsTab(props: { requests: ApprovalRequest[]; limit?: number }) {
  const { language } = useSession();
  const text = recordMessagesFor(language);
  // Statuses and event kinds in the inbox's words, so both screens say the same.
  const words = approvalMessagesFor(language);
  const shown = props.limit ? props.requests.slice(0, props.limit) : props.requests;
  const person = usePersonLabels(shown.flatMap((request) => [request.submittedBy, ...request.history.map((event) => event.actorId)]));
  return (
    <div className="approvals-tab" data-testid="approvals">
      {shown.length === 0 ? <p className="muted">{text.noApprovals}</p> : null}
      {shown.map((request) => (
        <article key={request.id} className="approval-request" data-status={request.status}>
          <header>
            <strong>{pickLabel(request.definition.labels, language, request.flow)}</strong>{' '}
            <span className={`status-badge ${request.status}`}>{statusWord(words, request.status)}</span>{' '}
            <span className="muted">
              {fill(text.submittedBy, { name: person(request.submitter, request.submittedBy) })} · {formatInstant(request.submittedAt, language)}
            </span>
          </header>
          <ol className="approval-history">
            {request.history.map((event) => (
              <li key={event.id}>
                <span className="muted">{formatInstant(event.at, language)}</span> {person(event.actor, event.actorId)} ·{' '}
                {messageByKey(words, `event.${event.kind}`) ?? event.kind}
                {event.comment ? <q>{event.comment}</q> : null}
              </li>
            ))}
          </ol>
        </article>
      ))}
    </div>
  );
}
