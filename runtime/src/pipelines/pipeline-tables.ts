// The tenant system tables of pipelines: `_stage_history` (every stage move) and `_reminders`
// (stale-record reminders and reassignments), created by a tenant system-migration step
// (tenants/tenant-migrations.ts). Every statement is idempotent: tenants that created them on first
// use, before the step existed, run it too.
import { sql } from 'kysely';
import type { ObjectDb } from '../db/tenant-tables.ts';

export async function createPipelineTables(db: ObjectDb, schema: string): Promise<void> {
  const t = (name: string) => sql.id(schema, name);
  await sql`
    create table if not exists ${t('_stage_history')} (
      id uuid primary key default tessera.uuid_v7(),
      object text not null,
      record_id uuid not null,
      pipeline text not null,
      from_stage text,
      to_stage text not null,
      moved_at timestamptz(3) not null,
      moved_by uuid,
      actor text not null,
      seconds_in_previous numeric(16, 3),
      reason text,
      comment text
    )`.execute(db);
  // Per record, newest first (history, time in stage); per pipeline over a period (funnel).
  await sql`create index if not exists ${sql.id('_stage_history_record_idx')} on ${t('_stage_history')} (object, record_id, moved_at desc)`.execute(db);
  await sql`create index if not exists ${sql.id('_stage_history_period_idx')} on ${t('_stage_history')} (object, pipeline, moved_at)`.execute(db);
  await sql`
    create table if not exists ${t('_reminders')} (
      id uuid primary key default tessera.uuid_v7(),
      kind text not null check (kind in ('stale', 'reassigned')),
      owner_id uuid,
      object text not null,
      record_id uuid not null,
      pipeline text not null,
      stage text not null,
      stage_entered_at timestamptz(3) not null,
      message text not null,
      due_at timestamptz(3) not null,
      created_at timestamptz(3) not null,
      done_at timestamptz(3),
      unique (object, record_id, stage_entered_at, kind)
    )`.execute(db);
  await sql`create index if not exists ${sql.id('_reminders_owner_idx')} on ${t('_reminders')} (owner_id, created_at)`.execute(db);
}
