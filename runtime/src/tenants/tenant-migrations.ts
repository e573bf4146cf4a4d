// Creates and upgrades every system table inside each tenant's schema (db/tenant-tables.ts types
// them all); nothing creates one on first use. Steps are ordered and append-only; the version lives
// in the tenant's own `_system_version`, so a tenant stays one movable unit. New tenants run every
// step when created; tenants created before a step existed run it the first time they are used (a
// credential of theirs is authenticated, or a job visits them), under a per-tenant advisory lock so
// concurrent processes cannot race.
import type { MetadataSnapshot } from '@tessera/metadata';
import { sql } from 'kysely';
import { createApprovalTables } from '../approvals/approval-tables.ts';
import type { ObjectDb as Db } from '../db/tenant-tables.ts';
import { createEvolutionTables } from '../migrate/evolution-tables.ts';
import { createImportTables } from '../import/import-tables.ts';
import { createFileTables } from '../files/file-tables.ts';
import { createPipelineTables } from '../pipelines/pipeline-tables.ts';
import { ensureDuplicateKeyTable } from '../rules/duplicate-keys.ts';
import { rollupsByChild, syncChildRollupTriggers } from '../rules/rollup-triggers.ts';

/** Ordered; append only. Index + 1 is the tenant system version. */
const TENANT_STEPS: ReadonlyArray<(db: Db, schema: string) => Promise<void>> = [
  async (db, schema) => {
    const t = (name: string) => sql.id(schema, name);
    // The revision log of the tenant's metadata. Tenants from before this line got it from
    // TenantStore.createTenant, so only new tenants create it here.
    await sql`
      create table if not exists ${t('_meta_revision')} (
        revision integer primary key,
        created_at timestamptz not null default now(),
        author text not null,
        snapshot jsonb not null,
        actions jsonb not null,
        snapshot_hash text not null
      )`.execute(db);
    await sql`create table ${t('_security_revision')} (revision bigint not null)`.execute(db);
    await sql`insert into ${t('_security_revision')} (revision) values (1)`.execute(db);
    // path: '/<root id>/…/<own id>/'; "subordinate of r" is "path starts with r.path", a prefix
    // match that a text_pattern_ops index serves.
    await sql`
      create table ${t('_roles')} (
        id uuid primary key default tessera.uuid_v7(),
        name text not null unique,
        label text not null,
        parent_id uuid references ${t('_roles')}(id),
        path text not null,
        created_at timestamptz not null default now()
      )`.execute(db);
    await sql`
      create table ${t('_users')} (
        id uuid primary key default tessera.uuid_v7(),
        email text not null,
        name text not null,
        role_id uuid references ${t('_roles')}(id),
        role_path text,
        is_admin boolean not null default false,
        active boolean not null default true,
        password_hash text,
        invite_hash text,
        invite_expires_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`.execute(db);
    await sql`create unique index ${sql.id('_users_email_key')} on ${t('_users')} (lower(email))`.execute(db);
    await sql`create index ${sql.id('_users_role_path_idx')} on ${t('_users')} (role_path text_pattern_ops)`.execute(db);
    await sql`
      create table ${t('_permission_sets')} (
        id uuid primary key default tessera.uuid_v7(),
        name text not null unique,
        label text not null,
        objects jsonb not null default '{}'::jsonb,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`.execute(db);
    await sql`
      create table ${t('_user_permission_sets')} (
        user_id uuid not null references ${t('_users')}(id) on delete cascade,
        permission_set_id uuid not null references ${t('_permission_sets')}(id) on delete cascade,
        primary key (user_id, permission_set_id)
      )`.execute(db);
    await sql`
      create table ${t('_object_access')} (
        object text primary key,
        default_access text not null check (default_access in ('private', 'read', 'read_write')),
        manager_access text not null check (manager_access in ('none', 'read', 'edit'))
      )`.execute(db);
    await sql`
      create table ${t('_sharing_rules')} (
        id uuid primary key default tessera.uuid_v7(),
        object text not null,
        name text not null,
        criteria jsonb not null,
        role_id uuid not null references ${t('_roles')}(id),
        include_subordinates boolean not null default false,
        access text not null check (access in ('read', 'edit')),
        created_at timestamptz not null default now(),
        unique (object, name)
      )`.execute(db);
    await sql`
      create table ${t('_record_shares')} (
        object text not null,
        record_id uuid not null,
        user_id uuid not null references ${t('_users')}(id) on delete cascade,
        access text not null check (access in ('read', 'edit')),
        created_by uuid,
        created_at timestamptz not null default now(),
        primary key (object, record_id, user_id)
      )`.execute(db);
    // The list predicate probes (object, record_id, user_id) per row: the primary key serves it.
    await sql`
      create table ${t('_sessions')} (
        id_hash text primary key,
        user_id uuid not null references ${t('_users')}(id) on delete cascade,
        created_at timestamptz not null default now(),
        expires_at timestamptz not null,
        revoked_at timestamptz
      )`.execute(db);
    await sql`
      create table ${t('_user_tokens')} (
        id uuid primary key default tessera.uuid_v7(),
        token_hash text not null unique,
        user_id uuid not null references ${t('_users')}(id) on delete cascade,
        label text not null,
        created_at timestamptz not null default now(),
        revoked_at timestamptz
      )`.execute(db);
    // Failed sign-ins per key ('email:<address>' or 'ip:<address>'): unknown emails are throttled
    // exactly like known ones, so the lockout does not reveal who has an account.
    await sql`
      create table ${t('_sign_in_throttle')} (
        key text primary key,
        failures integer not null default 0,
        locked_until timestamptz,
        updated_at timestamptz not null default now()
      )`.execute(db);
    await sql`
      create table ${t('_tracked_fields')} (
        object text not null,
        field text not null,
        primary key (object, field)
      )`.execute(db);
    await sql`
      create table ${t('_field_history')} (
        id uuid primary key default tessera.uuid_v7(),
        object text not null,
        record_id uuid not null,
        field text not null,
        old_value jsonb,
        new_value jsonb,
        operation text not null,
        actor_id uuid,
        actor text not null,
        request_id text,
        at timestamptz not null default now()
      )`.execute(db);
    await sql`create index ${sql.id('_field_history_record_idx')} on ${t('_field_history')} (object, record_id, at)`.execute(db);
    await sql`
      create table ${t('_audit_log')} (
        id uuid primary key default tessera.uuid_v7(),
        at timestamptz not null default now(),
        event text not null,
        actor_id uuid,
        actor text not null,
        target text,
        detail jsonb not null default '{}'::jsonb,
        ip text,
        request_id text
      )`.execute(db);
    await sql`create index ${sql.id('_audit_log_event_idx')} on ${t('_audit_log')} (event, id)`.execute(db);
  },
  // Record types (issue 5): every object table has record_type; create_table adds it to new ones,
  // this adds it to tables created before. Nullable, so PostgreSQL adds it without a rewrite.
  async (db, schema) => {
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables
      where table_schema = ${schema} and table_type = 'BASE TABLE' and left(table_name, 1) <> '_'`.execute(db);
    for (const { table_name: table } of tables.rows) {
      await sql`alter table ${sql.id(schema, table)} add column if not exists record_type varchar(80)`.execute(db);
    }
  },
  // Approvals (issue 8): users' manager chain, requests, steps, tasks, history, notifications, webhooks.
  (db, schema) => createApprovalTables(db, schema),
  // Versions for If-Match on permission sets and roles (issue 22): admins' changes are checked, not last-write-wins.
  async (db, schema) => {
    await sql`alter table ${sql.id(schema, '_permission_sets')} add column if not exists version integer not null default 1`.execute(db);
    await sql`alter table ${sql.id(schema, '_roles')} add column if not exists version integer not null default 1`.execute(db);
  },
  // Packages (issue 19): one row per installed package; `base` is the installed version's
  // normalised objects, the merge base of its next upgrade (runtime/src/packages/).
  async (db, schema) => {
    await sql`
      create table ${sql.id(schema, '_packages')} (
        namespace text primary key,
        name text not null,
        version text not null,
        manifest jsonb not null,
        base jsonb not null,
        deprecated jsonb not null default '[]'::jsonb,
        security jsonb not null default '{}'::jsonb,
        installed_at timestamptz not null default now(),
        upgraded_at timestamptz
      )`.execute(db);
  },
  // The tables that used to be created on first use (issue 16): stage history and reminders (once
  // on the first stage move), duplicate-rule keys (once on the first apply with a duplicate rule),
  // metadata evolution (once on the first apply). Each is idempotent: a tenant that already made
  // them keeps its rows, and the duplicate keys' old indexes are replaced by the md5 ones.
  (db, schema) => createPipelineTables(db, schema),
  (db, schema) => ensureDuplicateKeyTable(db, schema),
  (db, schema) => createEvolutionTables(db, schema),
  // Saved list views (issue 18): personal and shared, one default per owner and object.
  async (db, schema) => {
    await sql`
      create table if not exists ${sql.id(schema, '_list_views')} (
        id uuid primary key default tessera.uuid_v7(),
        object text not null,
        labels jsonb not null,
        owner_id uuid,
        role_ids jsonb not null default '[]'::jsonb,
        definition jsonb not null,
        is_default boolean not null default false,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        version integer not null default 1
      )`.execute(db);
    await sql`create index if not exists ${sql.id('_list_views_object_idx')} on ${sql.id(schema, '_list_views')} (object, owner_id)`.execute(db);
  },
  // Imports (issue #20): status, report and undo data per import; saved column mappings.
  (db, schema) => createImportTables(db, schema),
  // Roles and permission sets named in both languages (Setup shows the UI language's, `label` stays the fallback).
  async (db, schema) => {
    await sql`alter table ${sql.id(schema, '_roles')} add column if not exists labels jsonb not null default '{}'::jsonb`.execute(db);
    await sql`alter table ${sql.id(schema, '_permission_sets')} add column if not exists labels jsonb not null default '{}'::jsonb`.execute(db);
  },
  // Files of file and image fields (issue #21): metadata and, by default, the bytes.
  (db, schema) => createFileTables(db, schema),
  // Package calendars merge three ways on upgrade (issue #21): the installed version's calendar
  // files are their base. Null for packages installed before: their next upgrade writes over.
  async (db, schema) => {
    await sql`alter table ${sql.id(schema, '_packages')} add column if not exists base_calendars jsonb`.execute(db);
  },
  // Roll-up triggers that add an insert's deltas and record parents while an import defers them
  // (issue #20): every child's trigger function re-created from the live metadata.
  async (db, schema) => {
    const latest = await sql<{ snapshot: MetadataSnapshot | string }>`
      select snapshot from ${sql.id(schema, '_meta_revision')} order by revision desc limit 1`.execute(db);
    const stored = latest.rows[0]?.snapshot;
    if (stored === undefined) return;
    const snapshot = typeof stored === 'string' ? (JSON.parse(stored) as MetadataSnapshot) : stored;
    for (const child of rollupsByChild(snapshot).keys()) await syncChildRollupTriggers(db, schema, child, snapshot);
  },
];

export const TENANT_SYSTEM_VERSION = TENANT_STEPS.length;

/**
 * Runs the missing steps in the caller's transaction; the caller holds the tenant's lock.
 * @param target the version to stop at (tests build a tenant as an older release left it).
 */
export async function runTenantMigrations(trx: Db, schema: string, target = TENANT_STEPS.length): Promise<void> {
  await sql`create table if not exists ${sql.id(schema, '_system_version')} (version integer not null)`.execute(trx);
  const current = await sql<{ version: number }>`select version from ${sql.id(schema, '_system_version')}`.execute(trx);
  const from = current.rows[0]?.version ?? 0;
  for (let step = from; step < target; step++) await TENANT_STEPS[step]?.(trx, schema);
  if (current.rows.length === 0) await sql`insert into ${sql.id(schema, '_system_version')} (version) values (${target})`.execute(trx);
  else if (from < target) await sql`update ${sql.id(schema, '_system_version')} set version = ${target}`.execute(trx);
}

const upgraders = new WeakMap<object, TenantUpgrader>();

/** The upgrader of a root handle, shared by everything that holds it (the jobs visit every tenant). */
export function tenantUpgraderFor(db: Db): TenantUpgrader {
  let upgrader = upgraders.get(db);
  if (!upgrader) {
    upgrader = new TenantUpgrader(db);
    upgraders.set(db, upgrader);
  }
  return upgrader;
}

/** Remembers which tenants are current in this process, so the check costs nothing after the first request. */
export class TenantUpgrader {
  private readonly current = new Set<string>();
  private readonly pending = new Map<string, Promise<void>>();

  constructor(private readonly db: Db) {}

  async ensure(schema: string): Promise<void> {
    if (this.current.has(schema)) return;
    let running = this.pending.get(schema);
    if (!running) {
      running = this.upgrade(schema).finally(() => this.pending.delete(schema));
      this.pending.set(schema, running);
    }
    await running;
  }

  private async upgrade(schema: string): Promise<void> {
    const version = await sql<{ version: number }>`
      select (select version from ${sql.id(schema, '_system_version')}) as version`
      .execute(this.db)
      .catch(() => undefined);
    if (version?.rows[0]?.version === TENANT_SYSTEM_VERSION) {
      this.current.add(schema);
      return;
    }
    await this.db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(hashtext(${`tessera.tenant.${schema}`}))`.execute(trx);
      await runTenantMigrations(trx, schema);
    });
    this.current.add(schema);
  }
}
