// A tenant's security settings at one security revision, loaded once and shared by every request
// of that revision: roles, permission sets, org-wide defaults, sharing rules, tracked fields.
// Users (there may be many) and credentials are loaded lazily and cached inside the same
// revision, so a change that bumps the revision drops them all at once.
import { type Kysely, sql } from 'kysely';
import { compileUserAccess } from './compile-user-access.ts';
import type { ObjectAccessSetting, PermissionSetRow, RoleRow, SharingRuleRow, UserAccess } from './security-types.ts';

// biome-ignore lint/suspicious/noExplicitAny: tenant schemas are dynamic
type Db = Kysely<any>;

export interface CachedCredential {
  userId: string;
  /** ms since epoch; null = until revoked. */
  expiresAt: number | null;
}

export interface TenantSecurity {
  slug: string;
  schema: string;
  revision: number;
  roles: ReadonlyMap<string, RoleRow>;
  permissionSets: ReadonlyMap<string, PermissionSetRow>;
  objectAccess: ReadonlyMap<string, ObjectAccessSetting>;
  sharingRules: readonly SharingRuleRow[];
  trackedFields: ReadonlyMap<string, readonly string[]>;
  /** Lazily filled caches, valid for this revision only. */
  users: Map<string, Promise<UserAccess | undefined>>;
  credentials: Map<string, CachedCredential>;
}

export async function loadTenantSecurity(db: Db, slug: string, schema: string): Promise<TenantSecurity> {
  const t = (name: string) => sql.id(schema, name);
  // One connection, one after the other: this runs once per security revision, and a burst of
  // first requests should not take the whole pool.
  const revision = await sql<{ revision: number }>`select revision::int as revision from ${t('_security_revision')}`.execute(db);
  const roles = await sql<{ id: string; name: string; label: string; parent_id: string | null; path: string; version: number }>`
      select id, name, label, parent_id, path, version from ${t('_roles')} order by path`.execute(db);
  const sets = await sql<{ id: string; name: string; label: string; objects: unknown; version: number }>`select id, name, label, objects, version from ${t('_permission_sets')}`.execute(db);
  const access = await sql<{ object: string; default_access: ObjectAccessSetting['defaultAccess']; manager_access: ObjectAccessSetting['managerAccess'] }>`
      select object, default_access, manager_access from ${t('_object_access')}`.execute(db);
  const rules = await sql<{ id: string; object: string; name: string; criteria: unknown; role_id: string; include_subordinates: boolean; access: 'read' | 'edit' }>`
      select id, object, name, criteria, role_id, include_subordinates, access from ${t('_sharing_rules')} order by id`.execute(db);
  const tracked = await sql<{ object: string; field: string }>`select object, field from ${t('_tracked_fields')} order by object, field`.execute(db);
  const trackedFields = new Map<string, string[]>();
  for (const row of tracked.rows) trackedFields.set(row.object, [...(trackedFields.get(row.object) ?? []), row.field]);
  return {
    slug,
    schema,
    revision: revision.rows[0]?.revision ?? 0,
    roles: new Map(roles.rows.map((row) => [row.id, { id: row.id, name: row.name, label: row.label, parentId: row.parent_id, path: row.path, version: row.version }])),
    permissionSets: new Map(sets.rows.map((row) => [row.id, { id: row.id, name: row.name, label: row.label, objects: parseJson(row.objects) as PermissionSetRow['objects'], version: row.version }])),
    objectAccess: new Map(access.rows.map((row) => [row.object, { defaultAccess: row.default_access, managerAccess: row.manager_access }])),
    sharingRules: rules.rows.map((row) => ({
      id: row.id,
      object: row.object,
      name: row.name,
      criteria: parseJson(row.criteria),
      roleId: row.role_id,
      includeSubordinates: row.include_subordinates,
      access: row.access,
    })),
    trackedFields,
    users: new Map(),
    credentials: new Map(),
  };
}

/** The user's compiled permission summary, cached for this revision. */
export function userAccess(db: Db, security: TenantSecurity, userId: string): Promise<UserAccess | undefined> {
  let pending = security.users.get(userId);
  if (!pending) {
    pending = loadUser(db, security, userId);
    security.users.set(userId, pending);
    pending.catch(() => security.users.delete(userId));
  }
  return pending;
}

async function loadUser(db: Db, security: TenantSecurity, userId: string): Promise<UserAccess | undefined> {
  const t = (name: string) => sql.id(security.schema, name);
  const result = await sql<{ id: string; email: string; name: string; role_id: string | null; role_path: string | null; is_admin: boolean; active: boolean; sets: string[] | null }>`
    select u.id, u.email, u.name, u.role_id, u.role_path, u.is_admin, u.active,
           (select array_agg(p.permission_set_id::text) from ${t('_user_permission_sets')} p where p.user_id = u.id) as sets
    from ${t('_users')} u where u.id = ${userId}::uuid`.execute(db);
  const row = result.rows[0];
  if (!row) return undefined;
  return compileUserAccess(security, {
    userId: row.id,
    email: row.email,
    name: row.name,
    roleId: row.role_id,
    rolePath: row.role_path,
    admin: row.is_admin,
    active: row.active,
    permissionSetIds: row.sets ?? [],
  });
}

function parseJson(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}
