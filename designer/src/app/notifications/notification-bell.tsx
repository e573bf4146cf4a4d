// The top bar's bell: the unread count, and a dropdown of recent notifications in the display
// language, each naming its record (not its id) and linking to it (or, for a decision waiting for
// me, to the request in the inbox); mark one or all read. Texts are built here from the kind, so
// they follow the 中文/English switch; the server's English message is the fallback.
import { useCallback, useMemo, useState } from 'react';
import { Link } from '../../shell/link.tsx';
import { useSession } from '../../shell/session.tsx';
import { formatWhen, objectLabel } from '../approvals/approval-labels.ts';
import { approvalMessagesFor, fillSlots, messageByKey } from '../approvals/approval-messages.ts';
import { nameKey, type RecordRef, useRecordNames } from '../approvals/record-names.ts';
import { type AppNotification, notificationApi } from './notification-api.ts';
import { usePolled } from './use-polled.ts';

const POLL_MS = 20_000;

export function NotificationBell() {
  // Integration tokens have no notifications (the API answers 403): no bell, and no polling.
  return useSession().me.user ? <Bell /> : null;
}

function Bell() {
  const { client, language, metadata } = useSession();
  const words = approvalMessagesFor(language);
  const api = useMemo(() => notificationApi(client), [client]);
  const [open, setOpen] = useState(false);
  const readList = useCallback(() => api.list(), [api]);
  const { value: list, refresh } = usePolled(readList, POLL_MS);
  const refs = (list?.data ?? []).filter((item): item is AppNotification & RecordRef => item.object !== null && item.recordId !== null);
  const names = useRecordNames(client, metadata, refs);
  const items = list?.data ?? [];
  const unread = items.filter((item) => item.readAt === null).length;

  function text(item: AppNotification): string {
    const template = messageByKey(words, item.kind);
    if (!template || !item.object || !item.recordId) return item.message;
    const name = names.get(nameKey({ object: item.object, recordId: item.recordId }));
    return fillSlots(template, { record: name === undefined ? '…' : (name ?? words.hiddenRecord), object: objectLabel(metadata, item.object, language) });
  }
  const href = (item: AppNotification) =>
    item.kind === 'approval.step_started' || item.kind === 'approval.reassigned' || item.kind === 'approval.approver_added'
      ? `/inbox/${encodeURIComponent(item.requestId ?? '')}`
      : item.object && item.recordId
        ? `/app/${encodeURIComponent(item.object)}/${encodeURIComponent(item.recordId)}`
        : '/inbox';

  const act = (action: Promise<unknown>) => action.then(refresh, refresh);
  return (
    <div className="bell">
      <button
        type="button"
        className="link-button bell-button"
        aria-expanded={open}
        aria-label={`${words.notifications} (${fillSlots(words.unreadCount, { count: unread })})`}
        onClick={() => {
          setOpen((value) => !value);
          refresh();
        }}
      >
        <svg
          width="18"
          height="18"
          viewBox="0 0 24 24"
          aria-hidden="true"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          strokeLinecap="round"
          strokeLinejoin="round"
        >
          <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        {unread > 0 ? (
          <span className="count" data-testid="unread-count">
            {unread}
          </span>
        ) : null}
      </button>
      {open ? (
        <div className="bell-menu" role="dialog" aria-label={words.notifications}>
          <div className="bell-menu-header">
            <strong>{words.notifications}</strong>
            <button type="button" className="link-button" disabled={unread === 0} onClick={() => act(api.markAllRead())}>
              {words.markAllRead}
            </button>
          </div>
          {items.length === 0 ? <p className="muted">{words.noNotifications}</p> : null}
          <ul data-testid="notification-list">
            {items.map((item) => (
              <li key={item.id} className={item.readAt ? 'read' : 'unread'}>
                {/* Following a notification reads it, as in any inbox; the menu closes on the way. */}
                <Link
                  to={href(item)}
                  onFollow={() => {
                    if (!item.readAt) void act(api.markRead(item.id));
                    setOpen(false);
                  }}
                >
                  {text(item)}
                </Link>
                <span className="muted"> {formatWhen(item.createdAt, language)}</span>
                {item.readAt ? null : (
                  <button type="button" className="link-button" onClick={() => act(api.markRead(item.id))}>
                    {words.markRead}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
