// The tenant migrations against the one table type: a new tenant holds exactly the system tables and
// columns that db/tenant-tables.ts declares, and a tenant left by the previous migration set (five
// steps, some tables made on first use) is upgraded to the same state without losing rows.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testDriverKinds } from '../db/test-database.ts';
import type { TenantTables } from '../db/tenant-tables.ts';
import { createPipelineTables } from '../pipelines/pipeline-tables.ts';
import { runTenantMigrations, TENANT_SYSTEM_VERSION, TenantUpgrader } from './tenant-migrations.ts';
import { TenantStore } from './tenant-store.ts';

/** Every column of every table, as the type declares them (the check below makes the lists complete). */
const COLUMNS = {
  _security_revision: ['revision'],
  _roles: ['id', 'name', 'label', 'parent_id', 'path', 'created_at', 'version', 'labels'],
  _users: [
    'id',
    'email',
    'name',
    'role_id',
    'role_path',
    'is_admin',
    'active',
    'password_hash',
    'invite_hash',
    'invite_expires_at',
    'manager_id',
    'created_at',
    'updated_at',
  ],
  _permission_sets: ['id', 'name', 'label', 'objects', 'created_at', 'updated_at', 'version', 'labels'],
  _user_permission_sets: ['user_id', 'permission_set_id'],
  _object_access: ['object', 'default_access', 'manager_access'],
  _sharing_rules: ['id', 'object', 'name', 'criteria', 'role_id', 'include_subordinates', 'access', 'created_at'],
  _record_shares: ['object', 'record_id', 'user_id', 'access', 'created_by', 'created_at'],
  _sessions: ['id_hash', 'user_id', 'created_at', 'expires_at', 'revoked_at'],
  _user_tokens: ['id', 'token_hash', 'user_id', 'label', 'created_at', 'revoked_at'],
  _sign_in_throttle: ['key', 'failures', 'locked_until', 'updated_at'],
  _tracked_fields: ['object', 'field'],
  _list_views: ['id', 'object', 'labels', 'owner_id', 'role_ids', 'definition', 'is_default', 'created_at', 'updated_at', 'version'],
  _imports: [
    'id',
    'object',
    'file_name',
    'status',
    'dry_run',
    'options',
    'processed',
    'total',
    'report',
    'created_by',
    'created_at',
    'finished_at',
    'undone_at',
  ],
  _import_rows: ['import_id', 'record_id', 'action', 'version', 'previous'],
  _import_mappings: ['object', 'name', 'mapping', 'updated_at'],
  _files: ['id', 'object', 'field', 'record_id', 'name', 'content_type', 'size', 'sha256', 'storage', 'content', 'created_by', 'created_at'],
  _field_history: ['id', 'object', 'record_id', 'field', 'old_value', 'new_value', 'operation', 'actor_id', 'actor', 'request_id', 'at'],
  _audit_log: ['id', 'at', 'event', 'actor_id', 'actor', 'target', 'detail', 'ip', 'request_id'],
  _approval_queues: ['id', 'name', 'label', 'created_at'],
  _approval_queue_members: ['queue_id', 'user_id'],
  _approval_flow_versions: ['object', 'flow', 'version', 'revision', 'definition', 'created_at'],
  _approval_requests: [
    'id',
    'object',
    'record_id',
    'flow',
    'flow_version',
    'definition',
    'status',
    'submitted_by',
    'submitter',
    'comment',
    'current_step',
    'stage_move',
    'stage_applied',
    'submitted_at',
    'decided_at',
  ],
  _approval_steps: ['id', 'seq', 'request_id', 'step_index', 'step', 'mode', 'required', 'status', 'started_at', 'due_at', 'escalated_at', 'decided_at'],
  _approval_tasks: [
    'id',
    'seq',
    'request_id',
    'step_id',
    'approver_id',
    'queue_id',
    'base',
    'origin',
    'status',
    'waits_for',
    'added_by',
    'decided_by',
    'decided_at',
    'comment',
    'created_at',
  ],
  _approval_events: ['id', 'seq', 'request_id', 'step_id', 'task_id', 'kind', 'actor_id', 'actor', 'comment', 'detail', 'at'],
  _notifications: ['id', 'user_id', 'kind', 'message', 'object', 'record_id', 'request_id', 'detail', 'created_at', 'read_at'],
  _webhook_subscriptions: ['id', 'url', 'events', 'secret', 'active', 'created_at'],
  _webhook_deliveries: [
    'id',
    'subscription_id',
    'event',
    'payload',
    'status',
    'attempts',
    'next_attempt_at',
    'last_status',
    'last_error',
    'created_at',
    'delivered_at',
  ],
  _stage_history: [
    'id',
    'object',
    'record_id',
    'pipeline',
    'from_stage',
    'to_stage',
    'moved_at',
    'moved_by',
    'actor',
    'seconds_in_previous',
    'reason',
    'comment',
  ],
  _reminders: ['id', 'kind', 'owner_id', 'object', 'record_id', 'pipeline', 'stage', 'stage_entered_at', 'message', 'due_at', 'created_at', 'done_at'],
  _system_version: ['version'],
  _meta_revision: ['revision', 'created_at', 'author', 'snapshot', 'actions', 'snapshot_hash', 'base_revision', 'plan', 'plan_hash', 'reverted_to'],
  _meta_dropped: [
    'id',
    'kind',
    'object',
    'field',
    'hidden_name',
    'table_name',
    'extra',
    'definition',
    'revision',
    'dropped_at',
    'restored_revision',
    'purged_at',
  ],
  _packages: ['namespace', 'name', 'version', 'manifest', 'base', 'deprecated', 'security', 'base_calendars', 'installed_at', 'upgraded_at'],
  _dup_keys: ['object', 'rule', 'record_id', 'key', 'blocking', 'live'],
} as const satisfies { [Table in keyof TenantTables]: readonly (keyof TenantTables[Table])[] };

// Compile-time: a column the type declares but the list leaves out fails type-checking here.
type Unlisted = { [Table in keyof TenantTables]: Exclude<keyof TenantTables[Table], (typeof COLUMNS)[Table][number]> }[keyof TenantTables];
const everyColumnListed: [Unlisted] extends [never] ? true : Unlisted = true;

/** The tenant's system tables (names starting with '_') and their columns, as PostgreSQL has them. */
async function systemTables(database: TestDatabase, schema: string): Promise<Record<string, string[]>> {
  const result = await sql<{ table_name: string; column_name: string }>`
    select c.table_name, c.column_name from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = ${schema} and t.table_type = 'BASE TABLE' and left(c.table_name, 1) = '_'
    order by c.table_name, c.column_name`.execute(database.db);
  const tables: Record<string, string[]> = {};
  for (const row of result.rows) tables[row.table_name] = [...(tables[row.table_name] ?? []), row.column_name];
  return tables;
}

const declared = (): Record<string, string[]> => Object.fromEntries(Object.entries(COLUMNS).map(([table, columns]) => [table, [...columns].sort()]));

describe.each(await testDriverKinds())('tenant system tables on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => database?.close());

  it('a new tenant has every declared system table and column, and no other', async () => {
    expect(everyColumnListed).toBe(true);
    const { tenant } = await new TenantStore(database.system).createTenant('fresh');
    expect(await systemTables(database, tenant.schema)).toEqual(declared());
    const version = await sql<{ version: number }>`select version from ${sql.id(tenant.schema, '_system_version')}`.execute(database.db);
    expect(version.rows).toEqual([{ version: TENANT_SYSTEM_VERSION }]);
  });

  it('upgrades a tenant the previous migration set left, keeping the rows of tables it made on first use', async () => {
    const schema = 't_previous';
    await sql`create schema ${sql.id(schema)}`.execute(database.db);
    // As the previous release left it: five steps, then the pipeline tables and the duplicate keys
    // created on first use, the keys with their old (pre-md5) block index.
    await database.db.transaction().execute((trx) => runTenantMigrations(trx, schema, 5));
    await createPipelineTables(database.db, schema);
    await sql`insert into ${sql.id(schema, '_stage_history')} (object, record_id, pipeline, to_stage, moved_at, actor)
      values ('deal', tessera.uuid_v7(), 'sales', 'won', now(), 'test')`.execute(database.db);
    await sql`create table ${sql.id(schema, '_dup_keys')} (object text not null, rule text not null, record_id uuid not null, key text not null,
      blocking boolean not null, live boolean not null default true, primary key (object, rule, record_id))`.execute(database.db);
    await sql`create unique index ${sql.id('_dup_keys_block')} on ${sql.id(schema, '_dup_keys')} (object, rule, key) where blocking and live`.execute(
      database.db,
    );
    const before = await systemTables(database, schema);
    expect(before._meta_dropped).toBeUndefined();
    expect(before._meta_revision).not.toContain('plan_hash');

    await new TenantUpgrader(database.db).ensure(schema);

    expect(await systemTables(database, schema)).toEqual(declared());
    const version = await sql<{ version: number }>`select version from ${sql.id(schema, '_system_version')}`.execute(database.db);
    expect(version.rows).toEqual([{ version: TENANT_SYSTEM_VERSION }]);
    const kept = await sql<{ n: number }>`select count(*)::int as n from ${sql.id(schema, '_stage_history')}`.execute(database.db);
    expect(kept.rows[0]?.n).toBe(1);
    const index = await sql<{ definition: string }>`
      select indexdef as definition from pg_indexes where schemaname = ${schema} and indexname = '_dup_keys_block'`.execute(database.db);
    expect(index.rows[0]?.definition).toContain('md5(key)');
    // A second upgrader (another process) finds nothing to do.
    await new TenantUpgrader(database.db).ensure(schema);
    expect(await systemTables(database, schema)).toEqual(declared());
  });
});
