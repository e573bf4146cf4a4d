// The tenant's notification tables (tenant-migrations.ts step 3): in-app notifications and the
// webhook subscriptions and deliveries (an outbox the approvals job drains).
import type { Generated } from 'kysely';
import type { CreatedAt, GeneratedId, Json, JsonWithDefault, Timestamp } from './column-types.ts';

export interface NotificationsTable {
  id: GeneratedId;
  user_id: string;
  kind: string;
  message: string;
  object: string | null;
  record_id: string | null;
  request_id: string | null;
  detail: JsonWithDefault;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

export interface WebhookSubscriptionsTable {
  id: GeneratedId;
  url: string;
  /** text[]: a JS array binds as a PostgreSQL array. */
  events: string[];
  secret: string | null;
  active: Generated<boolean>;
  created_at: CreatedAt;
}

export interface WebhookDeliveriesTable {
  id: GeneratedId;
  subscription_id: string;
  event: string;
  payload: Json;
  status: 'pending' | 'delivered' | 'failed';
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  last_status: number | null;
  last_error: string | null;
  created_at: Timestamp;
  delivered_at: Timestamp | null;
}

export interface NotificationTables {
  _notifications: NotificationsTable;
  _webhook_subscriptions: WebhookSubscriptionsTable;
  _webhook_deliveries: WebhookDeliveriesTable;
}
