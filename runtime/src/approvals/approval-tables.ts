// The tenant system tables of approvals, created by one tenant system-migration step
// (tenants/tenant-migrations.ts): the manager chain on users, queues, flow versions, requests,
// step instances, tasks (one per approver per step instance), the event history, in-app
// notifications and webhook subscriptions and deliveries (an outbox the job runner drains).
// Every statement is idempotent so the step can be re-run safely. `seq` orders rows written in the
// same millisecond (UUIDv7 ids are not monotonic within one).
import { sql } from 'kysely';
import type { ObjectDb } from '../db/tenant-tables.ts';

export async function createApprovalTables(db: ObjectDb, schema: string): Promise<void> {
  const t = (name: string) => sql.id(schema, name);
  const index = (name: string) => sql.id(name);
  // The manager chain: "the submitter's manager N levels up" follows manager_id.
  await sql`alter table ${t('_users')} add column if not exists manager_id uuid references ${t('_users')}(id) on delete set null`.execute(db);
  await sql`
    create table if not exists ${t('_approval_queues')} (
      id uuid primary key default tessera.uuid_v7(),
      name text not null unique,
      label text not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table if not exists ${t('_approval_queue_members')} (
      queue_id uuid not null references ${t('_approval_queues')}(id) on delete cascade,
      user_id uuid not null references ${t('_users')}(id) on delete cascade,
      primary key (queue_id, user_id)
    )`.execute(db);
  await sql`
    create table if not exists ${t('_approval_flow_versions')} (
      object text not null,
      flow text not null,
      version integer not null,
      revision bigint not null,
      definition jsonb not null,
      created_at timestamptz(3) not null default now(),
      primary key (object, flow, version)
    )`.execute(db);
  await sql`
    create table if not exists ${t('_approval_requests')} (
      id uuid primary key default tessera.uuid_v7(),
      object text not null,
      record_id uuid not null,
      flow text not null,
      flow_version integer not null,
      definition jsonb not null,
      status text not null check (status in ('pending', 'approved', 'rejected', 'recalled')),
      submitted_by uuid,
      submitter text not null,
      comment text,
      current_step integer,
      stage_move jsonb,
      stage_applied boolean not null default false,
      submitted_at timestamptz(3) not null,
      decided_at timestamptz(3)
    )`.execute(db);
  // One pending request per record: a second submit is refused by the database itself.
  await sql`create unique index if not exists ${index('_approval_requests_pending_key')} on ${t('_approval_requests')} (object, record_id) where status = 'pending'`.execute(
    db,
  );
  await sql`create index if not exists ${index('_approval_requests_record_idx')} on ${t('_approval_requests')} (object, record_id, submitted_at desc)`.execute(
    db,
  );
  await sql`create index if not exists ${index('_approval_requests_submitter_idx')} on ${t('_approval_requests')} (submitted_by, submitted_at desc)`.execute(
    db,
  );
  await sql`
    create table if not exists ${t('_approval_steps')} (
      id uuid primary key default tessera.uuid_v7(),
      seq bigint generated always as identity,
      request_id uuid not null references ${t('_approval_requests')}(id) on delete cascade,
      step_index integer not null,
      step text not null,
      mode text not null,
      required integer not null,
      status text not null check (status in ('pending', 'approved', 'rejected', 'skipped', 'cancelled')),
      started_at timestamptz(3) not null,
      due_at timestamptz(3),
      escalated_at timestamptz(3),
      decided_at timestamptz(3)
    )`.execute(db);
  await sql`create index if not exists ${index('_approval_steps_request_idx')} on ${t('_approval_steps')} (request_id, seq)`.execute(db);
  await sql`create index if not exists ${index('_approval_steps_due_idx')} on ${t('_approval_steps')} (due_at) where status = 'pending'`.execute(db);
  // base: counts toward the step's mode; added (加签) tasks must each approve as well.
  await sql`
    create table if not exists ${t('_approval_tasks')} (
      id uuid primary key default tessera.uuid_v7(),
      seq bigint generated always as identity,
      request_id uuid not null references ${t('_approval_requests')}(id) on delete cascade,
      step_id uuid not null references ${t('_approval_steps')}(id) on delete cascade,
      approver_id uuid references ${t('_users')}(id),
      queue_id uuid references ${t('_approval_queues')}(id),
      base boolean not null,
      origin text not null check (origin in ('resolved', 'reassigned', 'added_before', 'added_after', 'escalated', 'fallback')),
      status text not null check (status in ('pending', 'waiting', 'approved', 'rejected', 'reassigned', 'cancelled')),
      waits_for uuid,
      added_by uuid,
      decided_by uuid,
      decided_at timestamptz(3),
      comment text,
      created_at timestamptz(3) not null,
      check ((approver_id is null) <> (queue_id is null))
    )`.execute(db);
  await sql`create index if not exists ${index('_approval_tasks_step_idx')} on ${t('_approval_tasks')} (step_id)`.execute(db);
  await sql`create index if not exists ${index('_approval_tasks_approver_idx')} on ${t('_approval_tasks')} (approver_id, status)`.execute(db);
  await sql`create index if not exists ${index('_approval_tasks_decider_idx')} on ${t('_approval_tasks')} (decided_by, decided_at desc)`.execute(db);
  await sql`
    create table if not exists ${t('_approval_events')} (
      id uuid primary key default tessera.uuid_v7(),
      seq bigint generated always as identity,
      request_id uuid not null references ${t('_approval_requests')}(id) on delete cascade,
      step_id uuid,
      task_id uuid,
      kind text not null,
      actor_id uuid,
      actor text not null,
      comment text,
      detail jsonb not null default '{}'::jsonb,
      at timestamptz(3) not null
    )`.execute(db);
  await sql`create index if not exists ${index('_approval_events_request_idx')} on ${t('_approval_events')} (request_id, seq)`.execute(db);
  await sql`
    create table if not exists ${t('_notifications')} (
      id uuid primary key default tessera.uuid_v7(),
      user_id uuid not null references ${t('_users')}(id) on delete cascade,
      kind text not null,
      message text not null,
      object text,
      record_id uuid,
      request_id uuid,
      detail jsonb not null default '{}'::jsonb,
      created_at timestamptz(3) not null,
      read_at timestamptz(3)
    )`.execute(db);
  await sql`create index if not exists ${index('_notifications_user_idx')} on ${t('_notifications')} (user_id, created_at desc)`.execute(db);
  await sql`
    create table if not exists ${t('_webhook_subscriptions')} (
      id uuid primary key default tessera.uuid_v7(),
      url text not null,
      events text[] not null,
      secret text,
      active boolean not null default true,
      created_at timestamptz(3) not null default now()
    )`.execute(db);
  await sql`
    create table if not exists ${t('_webhook_deliveries')} (
      id uuid primary key default tessera.uuid_v7(),
      subscription_id uuid not null references ${t('_webhook_subscriptions')}(id) on delete cascade,
      event text not null,
      payload jsonb not null,
      status text not null check (status in ('pending', 'delivered', 'failed')),
      attempts integer not null default 0,
      next_attempt_at timestamptz(3) not null,
      last_status integer,
      last_error text,
      created_at timestamptz(3) not null,
      delivered_at timestamptz(3)
    )`.execute(db);
  await sql`create index if not exists ${index('_webhook_deliveries_due_idx')} on ${t('_webhook_deliveries')} (next_attempt_at) where status = 'pending'`.execute(
    db,
  );
}
