// The tenant administrator's role changes as SQL (routes/security-routes.ts parses and renders):
// create, re-label or re-parent (moving the whole subtree's paths), delete an unused role. Each runs
// inside the caller's security change, after the tenant's security lock, and reads the rows it
// changes as they are now, not from the cached state the request started with.
import { sql } from 'kysely';
import { ApiError } from '../core/api-error.ts';
import { jsonColumn } from '../db/json-column.ts';
import { type ObjectDb, tenantTables } from '../db/tenant-tables.ts';
import type { Labels, RoleRow } from './security-types.ts';
import { assertVersion } from './security-version.ts';

export async function insertRole(
  trx: ObjectDb,
  schema: string,
  role: { name: string; label: string; labels: Labels | undefined; parentId: string | null | undefined },
): Promise<string> {
  const fresh = await sql<{ id: string }>`select tessera.uuid_v7() as id`.execute(trx);
  const id = fresh.rows[0]?.id as string;
  // The parent's path as stored now (a concurrent move may have changed the cached one).
  const parentPath = role.parentId ? (await lockedRole(trx, schema, role.parentId, '/parentId')).path : '/';
  await tenantTables(trx, schema)
    .insertInto('_roles')
    .values({
      id,
      name: role.name,
      label: role.label,
      labels: JSON.stringify(role.labels ?? {}),
      parent_id: role.parentId ?? null,
      path: `${parentPath}${id}/`,
    })
    .execute();
  return id;
}

/** Re-labels and/or re-parents the role at version `expected` (any version when undefined). */
export async function updateRole(
  trx: ObjectDb,
  schema: string,
  id: string,
  expected: number | undefined,
  change: { label: string | undefined; labels: Labels | undefined; parentId: string | null | undefined },
): Promise<void> {
  // The hierarchy as it is now, under the security lock: a concurrent move has either committed
  // (and is seen here) or waits, so the cycle check below cannot be outdated.
  const role = await lockedRole(trx, schema, id);
  assertVersion(`Role '${role.name}'`, role.version, expected);
  const parent = change.parentId ? await lockedRole(trx, schema, change.parentId, '/parentId') : undefined;
  if (parent?.path.startsWith(role.path)) {
    throw new ApiError('TSR308', 'The change is invalid; nothing was saved.', [
      { path: '/parentId', code: 'TSR308', message: 'a role cannot report to itself or to one of its subordinates' },
    ]);
  }
  const roles = tenantTables(trx, schema).updateTable('_roles').where('id', '=', id);
  await roles.set((eb) => ({ version: eb('version', '+', 1) })).execute();
  if (change.label !== undefined) await roles.set({ label: change.label }).execute();
  if (change.labels !== undefined) await roles.set({ labels: JSON.stringify(change.labels) }).execute();
  if (change.parentId === undefined) return;
  // Re-parenting moves the whole subtree: rewrite the path prefix of the role and every role below
  // it, then the copies held by their users.
  const newPath = `${parent?.path ?? '/'}${id}/`;
  await roles.set({ parent_id: change.parentId }).execute();
  await sql`
    update ${sql.id(schema, '_roles')} set path = ${newPath} || substr(path, ${role.path.length + 1})
    where path like ${`${role.path}%`}`.execute(trx);
  await sql`
    update ${sql.id(schema, '_users')} as u set role_path = r.path from ${sql.id(schema, '_roles')} as r
    where u.role_id = r.id and r.path like ${`${newPath}%`}`.execute(trx);
}

/** Deletes the role at version `expected`; refused (409 TSR311) while users, subordinates or sharing rules use it. */
export async function deleteRole(trx: ObjectDb, schema: string, id: string, expected: number | undefined): Promise<void> {
  const role = await lockedRole(trx, schema, id);
  assertVersion(`Role '${role.name}'`, role.version, expected);
  const used = await sql<{ users: number; children: number; rules: number }>`
    select (select count(*)::int from ${sql.id(schema, '_users')} where role_id = ${id}::uuid) as users,
           (select count(*)::int from ${sql.id(schema, '_roles')} where parent_id = ${id}::uuid) as children,
           (select count(*)::int from ${sql.id(schema, '_sharing_rules')} where role_id = ${id}::uuid) as rules`.execute(trx);
  const counts = used.rows[0] ?? { users: 0, children: 0, rules: 0 };
  if (counts.users + counts.children + counts.rules > 0) {
    throw new ApiError('TSR311', `The role still has ${counts.users} user(s), ${counts.children} subordinate role(s) and ${counts.rules} sharing rule(s).`);
  }
  await tenantTables(trx, schema).deleteFrom('_roles').where('id', '=', id).execute();
}

/** A role as stored now, locked for this change; a missing one is 404, or 422 at `pointer`. */
async function lockedRole(trx: ObjectDb, schema: string, id: string, pointer?: string): Promise<RoleRow> {
  const row = await tenantTables(trx, schema)
    .selectFrom('_roles')
    .select(['name', 'label', 'labels', 'parent_id', 'path', 'version'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row && pointer)
    throw new ApiError('TSR308', 'The change is invalid; nothing was saved.', [{ path: pointer, code: 'TSR308', message: `there is no role '${id}'` }]);
  if (!row) throw new ApiError('TSR310', `There is no role '${id.slice(0, 64)}'.`);
  return { id, name: row.name, label: row.label, labels: jsonColumn(row.labels), parentId: row.parent_id, path: row.path, version: row.version };
}
