// A tenant's security settings at one security revision, loaded once and shared by every request
// of that revision: roles, permission sets, org-wide defaults, sharing rules, tracked fields.
// Users (there may be many) and credentials are loaded lazily and cached inside the same
// revision, so a change that bumps the revision drops them all at once.
import { sql } from 'kysely';
import { compileUserAccess } from './compile-user-access.ts';
import type { Labels, PermissionSetRow, TenantSecurity, UserAccess } from './security-types.ts';
import { jsonColumn } from '../db/json-column.ts';
import { type ObjectDb, tenantTables } from '../db/tenant-tables.ts';

export async function loadTenantSecurity(db: ObjectDb, slug: string, schema: string): Promise<TenantSecurity> {
  const tables = tenantTables(db, schema);
  // One connection, one after the other: this runs once per security revision, and a burst of
  // first requests should not take the whole pool.
  const revision = await securityRevision(db, schema);
  const roles = await tables.selectFrom('_roles').select(['id', 'name', 'label', 'labels', 'parent_id', 'path', 'version']).orderBy('path').execute();
  const sets = await tables.selectFrom('_permission_sets').select(['id', 'name', 'label', 'labels', 'objects', 'version']).execute();
  const access = await tables.selectFrom('_object_access').select(['object', 'default_access', 'manager_access']).execute();
  const rules = await tables
    .selectFrom('_sharing_rules')
    .select(['id', 'object', 'name', 'criteria', 'role_id', 'include_subordinates', 'access'])
    .orderBy('id')
    .execute();
  const tracked = await tables.selectFrom('_tracked_fields').select(['object', 'field']).orderBy('object').orderBy('field').execute();
  const trackedFields = new Map<string, string[]>();
  for (const row of tracked) trackedFields.set(row.object, [...(trackedFields.get(row.object) ?? []), row.field]);
  return {
    slug,
    schema,
    revision,
    roles: new Map(
      roles.map((row) => [
        row.id,
        {
          id: row.id,
          name: row.name,
          label: row.label,
          labels: jsonColumn(row.labels) as Labels,
          parentId: row.parent_id,
          path: row.path,
          version: row.version,
        },
      ]),
    ),
    permissionSets: new Map(
      sets.map((row) => [
        row.id,
        {
          id: row.id,
          name: row.name,
          label: row.label,
          labels: jsonColumn(row.labels) as Labels,
          objects: jsonColumn(row.objects) as PermissionSetRow['objects'],
          version: row.version,
        },
      ]),
    ),
    objectAccess: new Map(access.map((row) => [row.object, { defaultAccess: row.default_access, managerAccess: row.manager_access }])),
    sharingRules: rules.map((row) => ({
      id: row.id,
      object: row.object,
      name: row.name,
      criteria: jsonColumn(row.criteria),
      roleId: row.role_id,
      includeSubordinates: row.include_subordinates,
      access: row.access,
    })),
    trackedFields,
    users: new Map(),
    credentials: new Map(),
  };
}

/** The tenant's security revision as stored now (0 before the first). */
export async function securityRevision(db: ObjectDb, schema: string): Promise<number> {
  const row = await tenantTables(db, schema).selectFrom('_security_revision').select(sql<number>`revision::int`.as('revision')).executeTakeFirst();
  return row?.revision ?? 0;
}

/** The user's compiled permission summary, cached for this revision. */
export function userAccess(db: ObjectDb, security: TenantSecurity, userId: string): Promise<UserAccess | undefined> {
  let pending = security.users.get(userId);
  if (!pending) {
    pending = loadUser(db, security, userId);
    security.users.set(userId, pending);
    pending.catch(() => security.users.delete(userId));
  }
  return pending;
}

async function loadUser(db: ObjectDb, security: TenantSecurity, userId: string): Promise<UserAccess | undefined> {
  const t = (name: string) => sql.id(security.schema, name);
  const result = await sql<{
    id: string;
    email: string;
    name: string;
    role_id: string | null;
    role_path: string | null;
    is_admin: boolean;
    active: boolean;
    sets: string[] | null;
  }>`
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
