// The conditions every read ANDs into its WHERE clause: the deleted mode, the request's own filter
// and the reader's row access, so no statement fetches a row it must not return.
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { CompiledObject } from '../../catalog/catalog-types.ts';
import type { DeletedMode } from './read-plan.ts';

const DELETED: Readonly<Record<DeletedMode, RawBuilder<SqlBool> | undefined>> = {
  exclude: sql<SqlBool>`t.deleted_at is null`,
  only: sql<SqlBool>`t.deleted_at is not null`,
  include: undefined,
};

export function readableRows(object: CompiledObject, deleted: DeletedMode, where?: RawBuilder<SqlBool>): RawBuilder<SqlBool>[] {
  const conditions: RawBuilder<SqlBool>[] = [];
  const live = DELETED[deleted];
  if (live) conditions.push(live);
  if (where) conditions.push(where);
  const visible = object.rowAccess?.read('t');
  if (visible) conditions.push(visible);
  return conditions;
}
