// The top bar's Inbox link with the number of approvals waiting for me.
import { useCallback, useMemo } from 'react';
import { Link } from '../../shell/link.tsx';
import { useSession } from '../../shell/session.tsx';
import { approvalApi } from '../approvals/approval-api.ts';
import { approvalMessagesFor } from '../approvals/approval-messages.ts';
import { usePolled } from './use-polled.ts';

export function InboxLink(props: { active: boolean }) {
  // Only a signed-in user has an inbox (an integration token is answered 403): no link, no polling.
  return useSession().me.user ? <CountedLink active={props.active} /> : null;
}

function CountedLink(props: { active: boolean }) {
  const { client, language } = useSession();
  const api = useMemo(() => approvalApi(client), [client]);
  const readCount = useCallback(() => api.inbox('pending').then((inbox) => inbox.data.length), [api]);
  const { value: pending } = usePolled(readCount, 20_000);
  return (
    <Link to="/inbox" className={props.active ? 'active' : undefined}>
      {approvalMessagesFor(language).inbox}
      {pending ? (
        <span className="count" data-testid="inbox-count">
          {pending}
        </span>
      ) : null}
    </Link>
  );
}
