// GET /notifications, POST /notifications/:id/read, POST /notifications/read-all (runtime/src/routes/approval-routes.ts).
import type { ApiClient } from '../../api/index.ts';

export interface AppNotification {
  id: string;
  kind: string;
  message: string;
  object: string | null;
  recordId: string | null;
  requestId: string | null;
  createdAt: string;
  readAt: string | null;
}

export function notificationApi(client: ApiClient) {
  return {
    list: (limit = 30) => client.request<{ data: AppNotification[] }>('GET', `/notifications?limit=${limit}`),
    unread: () => client.request<{ data: AppNotification[] }>('GET', '/notifications?unread=true&limit=200'),
    markRead: (id: string) => client.request<AppNotification>('POST', `/notifications/${encodeURIComponent(id)}/read`),
    markAllRead: () => client.request<{ data: AppNotification[] }>('POST', '/notifications/read-all'),
  };
}

/** After an approval action: the bell and the inbox count look again at once instead of at their next poll. */
export const APPROVALS_CHANGED = 'tessera:approvals-changed';
export const announceApprovalsChanged = (): void => {
  window.dispatchEvent(new Event(APPROVALS_CHANGED));
};
