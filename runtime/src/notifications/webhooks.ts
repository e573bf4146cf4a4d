// Webhooks: subscriptions name the events they want; every state change writes one delivery row
// per matching subscription in the change's own transaction (an outbox, so an event is delivered
// exactly when its change committed). deliverDueWebhooks, run by the job runner, POSTs due rows
// (to checked targets only, post-webhook.ts) with an HMAC signature and retries failures with exponential backoff until MAX_ATTEMPTS.
import { createHmac } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../approvals/approval-context.ts';
import { iso } from '../approvals/approval-rows.ts';
import { isoText } from '../db/iso-text.ts';
import { tenantTables } from '../db/tenant-tables.ts';
import { postWebhook } from './post-webhook.ts';

export const MAX_ATTEMPTS = 8;
/** Seconds before attempt n+1: 30, 60, 120, … (capped at 6 hours). */
export const retryDelaySeconds = (attempts: number): number => Math.min(30 * 2 ** (attempts - 1), 6 * 3600);

export interface WebhookEvent {
  event: string;
  at: string;
  data: Record<string, unknown>;
}

export async function enqueueWebhooks(db: Db, schema: string, tenant: string, event: WebhookEvent): Promise<void> {
  const payload = JSON.stringify({ event: event.event, tenant, at: event.at, data: event.data });
  await sql`
    insert into ${sql.id(schema, '_webhook_deliveries')} (subscription_id, event, payload, status, next_attempt_at, created_at)
    select s.id, ${event.event}, ${payload}::jsonb, 'pending', ${event.at}::timestamptz, ${event.at}::timestamptz
    from ${sql.id(schema, '_webhook_subscriptions')} s
    where s.active and (${event.event} = any(s.events) or '*' = any(s.events))`.execute(db);
}

export interface SubscriptionJson {
  id: string;
  url: string;
  events: string[];
  active: boolean;
  createdAt: string;
}

const subscriptionColumns = ['id', 'url', 'events', 'active', isoText('created_at').as('created_at')] as const;
interface SubscriptionRow {
  id: string;
  url: string;
  events: string[];
  active: boolean;
  created_at: string;
}
const renderSubscription = (row: SubscriptionRow): SubscriptionJson => ({
  id: row.id,
  url: row.url,
  events: row.events,
  active: row.active,
  createdAt: row.created_at,
});

export async function createSubscription(db: Db, schema: string, input: { url: string; events: string[]; secret?: string }): Promise<SubscriptionJson> {
  const row = await tenantTables(db, schema)
    .insertInto('_webhook_subscriptions')
    .values({ url: input.url, events: input.events, secret: input.secret ?? null })
    .returning(subscriptionColumns)
    .executeTakeFirstOrThrow();
  return renderSubscription(row);
}

export async function listSubscriptions(db: Db, schema: string): Promise<SubscriptionJson[]> {
  const rows = await tenantTables(db, schema).selectFrom('_webhook_subscriptions').select(subscriptionColumns).orderBy('id').execute();
  return rows.map(renderSubscription);
}

export async function deleteSubscription(db: Db, schema: string, id: string): Promise<boolean> {
  const rows = await tenantTables(db, schema).deleteFrom('_webhook_subscriptions').where('id', '=', id).returning('id').execute();
  return rows.length > 0;
}

export interface DeliveryJson {
  id: string;
  subscriptionId: string;
  event: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: string;
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  payload: Record<string, unknown>;
}

interface DeliveryRow {
  id: string;
  subscription_id: string;
  event: string;
  status: DeliveryJson['status'];
  attempts: number;
  next_attempt_at: string;
  last_status: number | null;
  last_error: string | null;
  delivered_at: string | null;
  payload: unknown;
  url: string;
  secret: string | null;
}

const DELIVERY_COLUMNS = sql`d.id, d.subscription_id, d.event, d.status, d.attempts, ${iso('d.next_attempt_at')} as next_attempt_at, d.last_status, d.last_error,
  ${iso('d.delivered_at')} as delivered_at, d.payload, s.url, s.secret`;

const renderDelivery = (row: DeliveryRow): DeliveryJson => ({
  id: row.id,
  subscriptionId: row.subscription_id,
  event: row.event,
  status: row.status,
  attempts: row.attempts,
  nextAttemptAt: row.next_attempt_at,
  lastStatus: row.last_status,
  lastError: row.last_error,
  deliveredAt: row.delivered_at,
  payload: (typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload) as Record<string, unknown>,
});

export async function listDeliveries(db: Db, schema: string, limit = 100): Promise<DeliveryJson[]> {
  const rows = await sql<DeliveryRow>`
    select ${DELIVERY_COLUMNS} from ${sql.id(schema, '_webhook_deliveries')} d join ${sql.id(schema, '_webhook_subscriptions')} s on s.id = d.subscription_id
    order by d.created_at, d.id limit ${limit}`.execute(db);
  return rows.rows.map(renderDelivery);
}

export interface DeliveryRun {
  delivered: number;
  retried: number;
  failed: number;
}

/**
 * Delivers the due rows of one tenant at `now`. Each row is claimed with FOR UPDATE SKIP LOCKED
 * inside its own transaction, so two job workers never send the same attempt; the POST happens
 * while the row is held, and the outcome is written before the lock is released.
 */
export async function deliverDueWebhooks(
  db: Db,
  schema: string,
  now: Date,
  options: { fetch?: typeof fetch; timeoutMs?: number; batch?: number } = {},
): Promise<DeliveryRun> {
  const run: DeliveryRun = { delivered: 0, retried: 0, failed: 0 };
  const at = now.toISOString();
  for (let i = 0; i < (options.batch ?? 100); i++) {
    const outcome = await db.transaction().execute(async (trx) => {
      const due = await sql<DeliveryRow>`
        select ${DELIVERY_COLUMNS} from ${sql.id(schema, '_webhook_deliveries')} d join ${sql.id(schema, '_webhook_subscriptions')} s on s.id = d.subscription_id
        where d.status = 'pending' and d.next_attempt_at <= ${at}::timestamptz
        order by d.next_attempt_at, d.id limit 1 for update of d skip locked`.execute(trx);
      const row = due.rows[0];
      if (!row) return undefined;
      const body = JSON.stringify(renderDelivery(row).payload);
      const headers: Record<string, string> = { 'content-type': 'application/json', 'x-tessera-event': row.event, 'x-tessera-delivery': row.id };
      if (row.secret) headers['x-tessera-signature'] = `sha256=${createHmac('sha256', row.secret).update(body).digest('hex')}`;
      // The target is checked again now (post-webhook.ts): DNS or the allow-list may have changed.
      const { status, error } = await postWebhook(row.url, headers, body, {
        timeoutMs: options.timeoutMs ?? 10_000,
        ...(options.fetch ? { fetch: options.fetch } : {}),
      });
      const attempts = row.attempts + 1;
      if (error === null) {
        await sql`update ${sql.id(schema, '_webhook_deliveries')} set status = 'delivered', attempts = ${attempts}, last_status = ${status}, last_error = null, delivered_at = ${at}::timestamptz
          where id = ${row.id}::uuid`.execute(trx);
        return 'delivered' as const;
      }
      const final = attempts >= MAX_ATTEMPTS;
      const next = new Date(now.getTime() + retryDelaySeconds(attempts) * 1000).toISOString();
      await sql`update ${sql.id(schema, '_webhook_deliveries')} set status = ${final ? 'failed' : 'pending'}, attempts = ${attempts}, last_status = ${status},
          last_error = ${error.slice(0, 500)}, next_attempt_at = ${next}::timestamptz where id = ${row.id}::uuid`.execute(trx);
      return final ? ('failed' as const) : ('retried' as const);
    });
    if (outcome === undefined) break;
    run[outcome] += 1;
  }
  return run;
}
