// Which columns of an object hold a user's id (owner_id, created_by and every `user` field, issue
// #21), and how an expanded one is rendered: `{id, name, email}` from the tenant's `_users`, so a
// list shows names without a second request. Names are what the people directory already shows
// every signed-in user, so no row access applies here.
import { type RawBuilder, sql } from 'kysely';
import type { CompiledObject } from '../catalog/catalog-types.ts';

/** Standard columns that name a user. */
export const STANDARD_USER_COLUMNS: readonly string[] = ['owner_id', 'created_by'];

export function isUserColumn(object: CompiledObject, name: string): boolean {
  if (STANDARD_USER_COLUMNS.includes(name)) return object.columns.has(name);
  return object.columns.get(name)?.field?.type === 'user';
}

/** The user a record's column names as `{id, name, email}`, null when empty (the alias `t` is the record). */
export function expandedUser(schema: string, column: string): RawBuilder<unknown> {
  return sql`(select json_build_object('id', u.id, 'name', u.name, 'email', u.email) from ${sql.id(schema, '_users')} as u
    where u.id = ${sql.ref(`t.${column}`)})`;
}
