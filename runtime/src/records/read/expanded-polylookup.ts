// `expand=related_to` on a polylookup → SQL rendering `{object, id, name}`: the target's name field
// when the reader may see the target record (live, row access, the name field in their view),
// else `name: null`, so an expanded reference never tells a reader more than the bare one.
import { type RawBuilder, sql } from 'kysely';
import type { Catalog, CompiledObject } from '../../catalog/catalog-types.ts';
import { polylookupIdSql, polylookupObjectSql } from '../../catalog/polylookup-part.ts';

export function expandedPolylookup(catalog: Catalog, object: CompiledObject, field: string, alias: string): RawBuilder<unknown> {
  const definition = object.columns.get(field)?.field;
  const targets = definition?.type === 'polylookup' ? definition.targets : [];
  const id = polylookupIdSql(alias, field);
  const branches = targets.flatMap((apiName) => {
    const target = catalog.objects.get(apiName);
    const nameField = target?.definition.nameField;
    const nameColumn = nameField ? target?.columns.get(nameField) : undefined;
    if (!target || !nameColumn) return [];
    const inner = `p_${field}`;
    const visible = target.rowAccess?.read(inner);
    const name = sql`(select ${nameColumn.render(inner)} from ${sql.id(target.schema, target.table)} as ${sql.id(inner)}
      where ${sql.ref(`${inner}.id`)} = ${id} and ${sql.ref(`${inner}.deleted_at`)} is null ${visible ? sql`and ${visible}` : sql``})`;
    return [sql`when ${apiName} then ${name}`];
  });
  const name = branches.length > 0 ? sql`case ${polylookupObjectSql(alias, field)} ${sql.join(branches, sql` `)} end` : sql`null`;
  const column = sql.ref(`${alias}.${field}`);
  return sql`case when ${column} is null then null else json_build_object('object', ${column} ->> 'object', 'id', ${column} ->> 'id', 'name', ${name}) end`;
}
