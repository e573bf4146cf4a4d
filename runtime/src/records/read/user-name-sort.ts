// `sort=owner_id` (created_by, any `user` field): a list sorted by a user column reads in the order
// of the users' display names, as the people directory shows them, then by the user's id (two
// people may share a name), then by the record id as every sort does. The name is a column of its
// own for the plan, like near-sort.ts's distance, so ORDER BY, the keyset condition and the
// cursor's values treat it like any text column (a cursor carries the name as text). A column
// naming no user (empty, or a user since deleted from `_users`) has no name and sorts last.
import { sql } from 'kysely';
import type { CompiledColumn, CompiledObject } from '../../catalog/catalog-types.ts';
import { isUserColumn } from '../../people/user-columns.ts';

/** The plan's name for the display-name key of a user column (a name no field can take: fields match [a-z0-9_]). */
export const userNameKey = (column: string): string => `${column}:name`;

/** The display-name column of a user column, or undefined when `name` is no user column of the object. */
export function userNameColumn(object: CompiledObject, name: string): CompiledColumn | undefined {
  const user = object.columns.get(name);
  if (!user || !isUserColumn(object, name)) return undefined;
  const ref = sql`(select u.name from ${sql.id(object.schema, '_users')} as u where u.id = ${user.ref})`;
  return Object.freeze({
    apiName: userNameKey(name),
    field: undefined,
    filterType: 'text',
    cast: 'text',
    ref,
    render: () => ref,
    sortable: true,
    asText: false,
  });
}
