// The signed-in user's in-app notifications (approval tasks assigned, decided, recalled,
// reassigned, reminded, commented): list, mark one read, mark all read. Tenant tokens have no
// inbox; these routes answer them 403 TSR302.
import type { PathItemObject, SchemaObject } from './openapi-types.ts';
import { schemaRef } from './openapi-types.ts';
import { jsonResponse, problemResponses } from './problems.ts';

export const NOTIFICATIONS_TAG = { name: 'Notifications', description: "The signed-in user's in-app notifications." };

export const NOTIFICATION_SCHEMAS: Record<'Notification', SchemaObject> = {
  Notification: {
    type: 'object',
    required: ['id', 'kind', 'message', 'object', 'recordId', 'requestId', 'detail', 'createdAt', 'readAt'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      kind: { type: 'string', description: 'e.g. `approval.step_started`, `approval.rejected`, `approval.commented`.' },
      message: { type: 'string' },
      object: { type: ['string', 'null'] },
      recordId: { type: ['string', 'null'], format: 'uuid' },
      requestId: { type: ['string', 'null'], format: 'uuid', description: 'The approval request, when the notification is about one.' },
      detail: { type: 'object' },
      createdAt: { type: 'string', format: 'date-time' },
      readAt: { type: ['string', 'null'], format: 'date-time' },
    },
  },
};

const page: SchemaObject = { type: 'object', required: ['data'], properties: { data: { type: 'array', items: schemaRef('Notification') } } };
const userOnly = 'A tenant token has no notifications: 403 TSR302.';

export function notificationPaths(): Record<string, PathItemObject> {
  const tags = [NOTIFICATIONS_TAG.name];
  return {
    '/api/v1/notifications': {
      get: {
        operationId: 'listNotifications',
        tags,
        summary: 'List my notifications',
        description: `Newest first. ${userOnly}`,
        parameters: [
          { name: 'unread', in: 'query', description: 'Only the unread ones.', schema: { type: 'boolean' } },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
        ],
        responses: { 200: jsonResponse(page, 'My notifications.'), ...problemResponses({ 400: 'A bad `unread` or `limit` (TSR102).' }) },
      },
    },
    '/api/v1/notifications/{id}/read': {
      post: {
        operationId: 'readNotification',
        tags,
        summary: 'Mark one notification read',
        description: userOnly,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
        responses: {
          200: jsonResponse(schemaRef('Notification'), 'The notification, with `readAt` set.'),
          ...problemResponses({ 404: 'Not one of my notifications (TSR561).' }),
        },
      },
    },
    '/api/v1/notifications/read-all': {
      post: {
        operationId: 'readAllNotifications',
        tags,
        summary: 'Mark all my notifications read',
        description: userOnly,
        responses: { 200: jsonResponse(page, 'The notifications this marked read.'), ...problemResponses({}) },
      },
    },
  };
}
