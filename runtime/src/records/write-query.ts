// Validated record bodies → INSERT / UPDATE statements that return the record as JSON text.
// Column names come from the catalog (validated api names); every value is a bound parameter.
import { type RawBuilder, sql } from 'kysely';
import type { CompiledObject } from '../catalog/catalog-types.ts';

/** Body field → bound value, typed by the target column (multipicklists travel as JSON text). */
function boundValue(object: CompiledObject, name: string, value: unknown): RawBuilder<unknown> {
  const column = object.columns.get(name);
  if (column?.cast === 'jsonb') return value === null ? sql`null` : sql`cast(${JSON.stringify(value)} as jsonb)`;
  return sql`${value}`;
}

export function insertSql(object: CompiledObject, body: Record<string, unknown>) {
  const names = Object.keys(body);
  const target = sql`${sql.id(object.schema, object.table)} as t`;
  const returning = sql`returning ${object.recordJson('t')}::text as j, t.version`;
  if (names.length === 0) return sql<{ j: string; version: number }>`insert into ${target} default values ${returning}`;
  return sql<{ j: string; version: number }>`
    insert into ${target} (${sql.join(names.map((name) => sql.id(name)))})
    values (${sql.join(names.map((name) => boundValue(object, name, body[name])))})
    ${returning}`;
}

export function updateSql(object: CompiledObject, id: string, body: Record<string, unknown>, expectedVersion: number | undefined) {
  const assignments = Object.keys(body).map((name) => sql`${sql.id(name)} = ${boundValue(object, name, body[name])}`);
  assignments.push(sql`version = t.version + 1`, sql`updated_at = now()`);
  return sql<{ j: string; version: number }>`
    update ${sql.id(object.schema, object.table)} as t
    set ${sql.join(assignments)}
    where t.id = ${id}::uuid and t.deleted_at is null
    ${expectedVersion === undefined ? sql`` : sql`and t.version = ${expectedVersion}`}
    ${editable(object, 'edit')}
    returning ${object.recordJson('t')}::text as j, t.version`;
}

/** `and <the user's row condition>`, or nothing when every row qualifies. */
export function editable(object: CompiledObject, action: 'edit' | 'delete'): RawBuilder<unknown> {
  const condition = object.rowAccess?.[action]('t');
  return condition ? sql`and ${condition}` : sql``;
}

/** A row's version and state; `visible` and `allowed` say whether this user may see and change it. */
export function currentStateSql(object: CompiledObject, id: string, action: 'edit' | 'delete' = 'edit') {
  const visible = object.rowAccess?.read('t') ?? sql`true`;
  const allowed = object.rowAccess?.[action]('t') ?? sql`true`;
  return sql<{ version: number; deleted: boolean; visible: boolean; allowed: boolean }>`
    select t.version, t.deleted_at is not null as deleted, ${visible} as visible, ${allowed} as allowed
    from ${sql.id(object.schema, object.table)} as t where t.id = ${id}::uuid`;
}
