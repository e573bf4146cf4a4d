// A many-to-many field's linked records as one correlated subquery of the row (so a page is still
// one statement), in link order (the order of the unexpanded value), each rendered from its id and
// its name. The name is the target's name field when the reader may see the linked record (row
// access, the name field in their view), else NULL: the same rule as an expanded polylookup, so
// expanding never tells a reader more than the bare ids. Used by `expand=contacts` (`[{id, name}]`)
// and by the COPY export (names, "; "-separated; export/export-cell-sql.ts).
import { type RawBuilder, sql } from 'kysely';
import type { Catalog, CompiledObject } from '../../catalog/catalog-types.ts';
import { linkOrderSql, linkTargetRef, liveLinksFrom } from '../../links/link-sql.ts';

/** Aggregates `each(id, name)` over the live links of row `alias` with `aggregate` (e.g. jsonb_agg); NULL when there are none. */
export function linkedRecordsSql(
  catalog: Catalog,
  object: CompiledObject,
  field: string,
  alias: string,
  aggregate: (item: RawBuilder<unknown>, order: RawBuilder<unknown>) => RawBuilder<unknown>,
  each: (id: RawBuilder<unknown>, name: RawBuilder<unknown>) => RawBuilder<unknown>,
): RawBuilder<unknown> {
  const column = object.columns.get(field);
  const definition = column?.field;
  if (definition?.type !== 'manytomany' || !column?.links) throw new Error(`${object.apiName}.${field} is not a many-to-many field`);
  const ends = column.links;
  const junction = `ml_${field}`;
  const linked = `mt_${field}`;
  const target = catalog.objects.get(definition.target);
  const nameField = target?.definition.nameField;
  const nameColumn = nameField ? target?.columns.get(nameField) : undefined;
  const visible = target?.rowAccess?.read(linked);
  const name = !nameColumn ? sql`null` : visible ? sql`case when ${visible} then ${nameColumn.render(linked)} end` : nameColumn.render(linked);
  const order = linkOrderSql(ends, junction);
  // The target's table is read by its stored name even when the reader cannot read the object:
  // the ids are in the unexpanded value already, and a hidden record's name stays NULL.
  return sql`(select ${aggregate(each(sql`${linkTargetRef(ends, junction)}::text`, name), order)}
    ${liveLinksFrom(ends, alias, junction, linked)})`;
}

/** `expand=contacts`: `[{id, name}]`, or null when there are no links. */
export function expandedLinks(catalog: Catalog, object: CompiledObject, field: string, alias: string): RawBuilder<unknown> {
  return linkedRecordsSql(
    catalog,
    object,
    field,
    alias,
    (item, order) => sql`jsonb_agg(${item} order by ${order})`,
    (id, name) => sql`jsonb_build_object('id', ${id}, 'name', ${name})`,
  );
}
