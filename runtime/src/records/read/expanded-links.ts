// `expand=contacts` on a many-to-many field → SQL rendering `[{id, name}]` in link order (the
// order of the unexpanded value), or null when there are none. `name` is the target's name field
// when the reader may see the linked record (row access, the name field in their view), else null,
// the same rule as an expanded polylookup: expanding never tells a reader more than the bare ids.
// A correlated subquery of the row, so a page is still one statement.
import { type RawBuilder, sql } from 'kysely';
import type { Catalog, CompiledObject } from '../../catalog/catalog-types.ts';

export function expandedLinks(catalog: Catalog, object: CompiledObject, field: string, alias: string): RawBuilder<unknown> {
  const definition = object.columns.get(field)?.field;
  if (definition?.type !== 'manytomany') throw new Error(`${object.apiName}.${field} is not a many-to-many field`);
  const junction = `ml_${field}`;
  const linked = `mt_${field}`;
  const target = catalog.objects.get(definition.target);
  const nameField = target?.definition.nameField;
  const nameColumn = nameField ? target?.columns.get(nameField) : undefined;
  const visible = target?.rowAccess?.read(linked);
  const name = !nameColumn ? sql`null` : visible ? sql`case when ${visible} then ${nameColumn.render(linked)} end` : nameColumn.render(linked);
  // The target's table is read by its stored name even when the reader cannot read the object:
  // the ids are in the unexpanded value already, and a hidden record's name stays null.
  return sql`(select jsonb_agg(jsonb_build_object('id', ${sql.ref(`${junction}.target_id`)}::text, 'name', ${name})
      order by ${sql.ref(`${junction}.created_at`)}, ${sql.ref(`${junction}.target_id`)})
    from ${sql.id(object.schema, definition.junctionTable)} as ${sql.id(junction)}
    join ${sql.id(object.schema, definition.target)} as ${sql.id(linked)}
      on ${sql.ref(`${linked}.id`)} = ${sql.ref(`${junction}.target_id`)} and ${sql.ref(`${linked}.deleted_at`)} is null
    where ${sql.ref(`${junction}.source_id`)} = ${sql.ref(`${alias}.id`)})`;
}
