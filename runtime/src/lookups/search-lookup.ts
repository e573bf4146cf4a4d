// The records a lookup field may point at, searched by the object's name field as the caller sees
// the object (row access applies; a name field they may not read leaves them searching ids):
// case-insensitive substring, prefixes first. routes/lookup-routes.ts parses and renders.
import { sql } from 'kysely';
import type { CompiledObject } from '../catalog/catalog-types.ts';
import { recordNameSql } from '../catalog/record-name-sql.ts';
import type { ObjectDb } from '../db/tenant-tables.ts';

export async function searchLookup(db: ObjectDb, object: CompiledObject, q: string, limit: number): Promise<{ id: string; name: string | null }[]> {
  const label = recordNameSql(object) ?? sql`t.id::text`;
  const visible = object.rowAccess?.read('t');
  // strpos, not LIKE: the search text is data, so % and _ in it match themselves.
  const result = await sql<{ id: string; name: string | null }>`
    select t.id, ${label} as name from ${sql.id(object.schema, object.table)} as t
    where t.deleted_at is null
      ${visible ? sql`and ${visible}` : sql``}
      ${q ? sql`and strpos(lower(${label}), lower(${q})) > 0` : sql``}
    order by ${q ? sql`strpos(lower(${label}), lower(${q})) = 1 desc,` : sql``} ${label} asc nulls last, t.id
    limit ${limit}`.execute(db);
  return result.rows.map((row) => ({ id: row.id, name: row.name }));
}
