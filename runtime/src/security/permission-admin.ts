// The tenant administrator's permission changes as SQL (routes/security-permission-routes.ts parses
// and renders): permission sets, org-wide defaults per object, sharing rules. Each runs inside the
// caller's security change, after the tenant's security lock.
import { sql } from 'kysely';
import { ApiError } from '../core/api-error.ts';
import { jsonColumn } from '../db/json-column.ts';
import { type ObjectDb, tenantTables } from '../db/tenant-tables.ts';
import type { DefaultAccess, Labels, ManagerAccess, ObjectGrant, PermissionSetRow, SharingRuleRow } from './security-types.ts';
import { assertVersion } from './security-version.ts';

export async function insertPermissionSet(
  trx: ObjectDb,
  schema: string,
  set: { name: string; label: string; labels: Labels | undefined; objects: Record<string, ObjectGrant> },
): Promise<string> {
  const inserted = await tenantTables(trx, schema)
    .insertInto('_permission_sets')
    .values({ name: set.name, label: set.label, labels: JSON.stringify(set.labels ?? {}), objects: JSON.stringify(set.objects) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/**
 * Changes the set at version `expected`. What is kept comes from the row as it is now, read under
 * the security lock, not from the cached state the request started with: a rename must not write
 * back revoked grants. Returns the row before and after.
 */
export async function updatePermissionSet(
  trx: ObjectDb,
  schema: string,
  id: string,
  expected: number | undefined,
  change: { label: string | undefined; labels: Labels | undefined; objects: Record<string, ObjectGrant> | undefined },
): Promise<{ before: PermissionSetRow; after: PermissionSetRow }> {
  const before = await lockedSet(trx, schema, id);
  assertVersion(`Permission set '${before.name}'`, before.version, expected);
  const next = { label: change.label ?? before.label, labels: change.labels ?? before.labels, objects: change.objects ?? before.objects };
  await tenantTables(trx, schema)
    .updateTable('_permission_sets')
    .set((eb) => ({
      label: next.label,
      labels: JSON.stringify(next.labels),
      objects: JSON.stringify(next.objects),
      version: eb('version', '+', 1),
      updated_at: sql`now()`,
    }))
    .where('id', '=', id)
    .execute();
  return { before, after: { id, name: before.name, ...next, version: before.version + 1 } };
}

export async function deletePermissionSet(trx: ObjectDb, schema: string, id: string, expected: number | undefined): Promise<void> {
  const current = await lockedSet(trx, schema, id);
  assertVersion(`Permission set '${current.name}'`, current.version, expected);
  await tenantTables(trx, schema).deleteFrom('_permission_sets').where('id', '=', id).execute();
}

export async function upsertObjectAccess(
  trx: ObjectDb,
  schema: string,
  object: string,
  defaultAccess: DefaultAccess,
  managerAccess: ManagerAccess,
): Promise<void> {
  await tenantTables(trx, schema)
    .insertInto('_object_access')
    .values({ object, default_access: defaultAccess, manager_access: managerAccess })
    .onConflict((oc) =>
      oc.column('object').doUpdateSet((eb) => ({ default_access: eb.ref('excluded.default_access'), manager_access: eb.ref('excluded.manager_access') })),
    )
    .execute();
}

export type NewSharingRule = Omit<SharingRuleRow, 'id'>;

export async function insertSharingRule(trx: ObjectDb, schema: string, rule: NewSharingRule): Promise<string> {
  const inserted = await tenantTables(trx, schema)
    .insertInto('_sharing_rules')
    .values({
      object: rule.object,
      name: rule.name,
      criteria: JSON.stringify(rule.criteria),
      role_id: rule.roleId,
      include_subordinates: rule.includeSubordinates,
      access: rule.access,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export async function deleteSharingRule(trx: ObjectDb, schema: string, id: string): Promise<void> {
  await tenantTables(trx, schema).deleteFrom('_sharing_rules').where('id', '=', id).execute();
}

/** The set as stored now, locked for this change (404 when another change deleted it). */
async function lockedSet(trx: ObjectDb, schema: string, id: string): Promise<PermissionSetRow> {
  const row = await tenantTables(trx, schema)
    .selectFrom('_permission_sets')
    .select(['name', 'label', 'labels', 'objects', 'version'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw setNotFound(id);
  return { id, name: row.name, label: row.label, labels: jsonColumn(row.labels), objects: jsonColumn(row.objects), version: row.version };
}

export function setNotFound(id: string): ApiError {
  return new ApiError('TSR310', `There is no permission set '${id.slice(0, 64)}'.`);
}
