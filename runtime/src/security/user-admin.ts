// The tenant administrator's user changes as SQL (routes/security-routes.ts parses and renders):
// read users with their permission sets, create one, change one. Changes run inside the caller's
// security change (security-change.ts), so they commit with the audit entry and the new revision.
import { sql } from 'kysely';
import { ApiError } from '../core/api-error.ts';
import { type ObjectDb, tenantTables } from '../db/tenant-tables.ts';

const INVITE_TTL = '7 days';

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role_id: string | null;
  is_admin: boolean;
  active: boolean;
  invited: boolean;
  sets: string[] | null;
  created_at: string;
}

/** Users in id order, or the one with `id` (compared as text, so a malformed id finds none). */
export async function selectUsers(db: ObjectDb, schema: string, id?: string): Promise<UserRow[]> {
  const result = await sql<UserRow>`
    select u.id, u.email, u.name, u.role_id, u.is_admin, u.active, u.invite_hash is not null as invited,
           to_char(u.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as created_at,
           (select array_agg(p.permission_set_id::text order by p.permission_set_id) from ${sql.id(schema, '_user_permission_sets')} p where p.user_id = u.id) as sets
    from ${sql.id(schema, '_users')} u ${id === undefined ? sql`` : sql`where u.id::text = ${id}`} order by u.id`.execute(db);
  return result.rows;
}

export function userJson(row: UserRow) {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    roleId: row.role_id,
    admin: row.is_admin,
    active: row.active,
    invited: row.invited,
    permissionSetIds: row.sets ?? [],
    createdAt: row.created_at,
  };
}

export interface NewUser {
  email: string;
  name: string;
  roleId: string | null | undefined;
  admin: boolean;
  passwordHash: string | null;
  /** Hash of the invitation token when the user has no password yet; it expires after INVITE_TTL. */
  inviteHash: string | null;
  permissionSetIds: readonly string[];
}

/** Inserts the user and their permission sets; the new id. */
export async function insertUser(trx: ObjectDb, schema: string, user: NewUser): Promise<string> {
  await refuseDuplicateEmail(trx, schema, user.email);
  const inserted = await sql<{ id: string }>`
    insert into ${sql.id(schema, '_users')} (email, name, role_id, role_path, is_admin, password_hash, invite_hash, invite_expires_at)
    values (${user.email}, ${user.name}, ${user.roleId ?? null}::uuid, (select path from ${sql.id(schema, '_roles')} where id = ${user.roleId ?? null}::uuid),
            ${user.admin}, ${user.passwordHash}, ${user.inviteHash},
            ${user.inviteHash ? sql`now() + interval '${sql.raw(INVITE_TTL)}'` : sql`null`})
    returning id`.execute(trx);
  const id = inserted.rows[0]?.id as string;
  await assignSets(trx, schema, id, user.permissionSetIds);
  return id;
}

export interface UserChange {
  email?: string;
  name?: string;
  passwordHash?: string;
  roleId?: string | null;
  admin?: boolean;
  active?: boolean;
  permissionSetIds?: readonly string[];
}

/** Applies the change to the user (404 TSR310 when there is none). */
export async function updateUser(trx: ObjectDb, schema: string, id: string, change: UserChange): Promise<void> {
  const found = await sql<{ id: string }>`select id from ${sql.id(schema, '_users')} where id::text = ${id} for update`.execute(trx);
  if (found.rows.length === 0) throw userNotFound(id);
  if (change.email !== undefined) await refuseDuplicateEmail(trx, schema, change.email, id);
  const sets = [sql`updated_at = now()`];
  if (change.email !== undefined) sets.push(sql`email = ${change.email}`);
  if (change.name !== undefined) sets.push(sql`name = ${change.name}`);
  if (change.passwordHash !== undefined) sets.push(sql`password_hash = ${change.passwordHash}`, sql`invite_hash = null`, sql`invite_expires_at = null`);
  if (change.roleId !== undefined) {
    sets.push(sql`role_id = ${change.roleId}::uuid`, sql`role_path = (select path from ${sql.id(schema, '_roles')} where id = ${change.roleId}::uuid)`);
  }
  if (change.admin !== undefined) sets.push(sql`is_admin = ${change.admin}`);
  if (change.active !== undefined) sets.push(sql`active = ${change.active}`);
  await sql`update ${sql.id(schema, '_users')} set ${sql.join(sets)} where id = ${id}::uuid`.execute(trx);
  // A deactivated user, or one whose password was reset, is signed out everywhere, and their
  // personal API tokens die too: a reset after a compromise must not leave a token behind, and
  // reactivating a user must not bring back the credentials they had.
  if (change.active === false || change.passwordHash !== undefined) {
    const tables = tenantTables(trx, schema);
    await tables.updateTable('_sessions').set({ revoked_at: sql`now()` }).where('user_id', '=', id).where('revoked_at', 'is', null).execute();
    await tables.updateTable('_user_tokens').set({ revoked_at: sql`now()` }).where('user_id', '=', id).where('revoked_at', 'is', null).execute();
  }
  if (change.permissionSetIds !== undefined) {
    await tenantTables(trx, schema).deleteFrom('_user_permission_sets').where('user_id', '=', id).execute();
    await assignSets(trx, schema, id, change.permissionSetIds);
  }
}

export function userNotFound(id: string): ApiError {
  return new ApiError('TSR310', `There is no user '${id.slice(0, 64)}'.`);
}

async function refuseDuplicateEmail(trx: ObjectDb, schema: string, email: string, except?: string): Promise<void> {
  const taken = await sql`
    select 1 from ${sql.id(schema, '_users')} where lower(email) = lower(${email}) ${except ? sql`and id <> ${except}::uuid` : sql``}`.execute(trx);
  if (taken.rows.length > 0) throw new ApiError('TSR309', `A user with email ${email} exists.`, [{ path: '/email', code: 'TSR309', message: 'already taken' }]);
}

async function assignSets(trx: ObjectDb, schema: string, userId: string, setIds: readonly string[]): Promise<void> {
  if (setIds.length === 0) return;
  await sql`
    insert into ${sql.id(schema, '_user_permission_sets')} (user_id, permission_set_id)
    select ${userId}::uuid, unnest(cast(${setIds} as uuid[]))`.execute(trx);
}
