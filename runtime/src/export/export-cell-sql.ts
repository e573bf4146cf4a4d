// Each export cell rendered by PostgreSQL, as export-columns.ts renders it in Node: picklists as
// their labels (a CASE over the definition's values), multi-picklists as labels joined by "; ",
// booleans as Yes/No or 是/否, lookups as the target's name (its id when the reader may not see the
// target, empty when it is deleted; the target is joined by lookupJoinSql), many-to-many fields as
// the linked names joined by "; " (ids where hidden), user fields as
// "Name <email>" (the tenant's _users joined the same way), numbers without trailing zeros (as a JSON number prints), the
// rest as text. Every cell is text, and an empty one is NULL, so COPY writes it unquoted as Node does.
import type { NormalisedField } from '@tessera/metadata';
import { type RawBuilder, sql } from 'kysely';
import type { Catalog, CompiledObject } from '../catalog/catalog-types.ts';
import { linkedRecordsSql } from '../records/read/expanded-links.ts';
import { plainTextSql } from '../richtext/plain-text-sql.ts';
import { type ExportLanguage, exportValueLabel, pickLabel } from './export-columns.ts';

const ALIAS = 't';

/** CASE mapping a picklist's values to their labels; an unknown value stays itself (as in Node). */
function labelCase(field: NormalisedField & { type: 'picklist' | 'multipicklist' }, value: RawBuilder<unknown>, language: ExportLanguage): RawBuilder<unknown> {
  if (field.values.length === 0) return sql`${value}::text`;
  const arms = field.values.map((entry) => sql`when ${entry.apiName} then ${pickLabel(entry.labels, language, entry.apiName)}`);
  return sql`case ${value}::text ${sql.join(arms, sql` `)} else ${value}::text end`;
}

const lookupTarget = (catalog: Catalog, object: CompiledObject, name: string) => catalog.objects.get(object.lookups.get(name)?.target ?? '');

/**
 * A lookup's target joined under alias `x_<lookup>` (live rows only). A join, not a subselect per
 * row: on 100,000 rows the correlated subselect cost PostgreSQL ~2.5× the whole export's time.
 * The target's id is its primary key, so the join never multiplies rows.
 */
export function lookupJoinSql(catalog: Catalog, object: CompiledObject, name: string): RawBuilder<unknown> | undefined {
  if (object.columns.get(name)?.field?.type === 'user') {
    // A user field names a row of the tenant's own _users (its foreign key): one row per id.
    const alias = `u_${name}`;
    return sql`left join ${sql.id(object.schema, '_users')} as ${sql.id(alias)} on ${sql.ref(`${alias}.id`)} = ${sql.ref(`${ALIAS}.${name}`)}`;
  }
  const target = object.lookups.has(name) ? lookupTarget(catalog, object, name) : undefined;
  if (!target) return undefined;
  const alias = `x_${name}`;
  return sql`left join ${sql.id(target.schema, target.table)} as ${sql.id(alias)}
    on ${sql.ref(`${alias}.id`)} = ${sql.ref(`${ALIAS}.${name}`)} and ${sql.ref(`${alias}.deleted_at`)} is null`;
}

/** A lookup as the joined target's name; its id when the reader may not see it (row access). */
function lookupCell(catalog: Catalog, object: CompiledObject, name: string): RawBuilder<unknown> {
  const target = lookupTarget(catalog, object, name);
  if (!target) return sql`${sql.ref(`${ALIAS}.${name}`)}::text`;
  const alias = `x_${name}`;
  const nameField = target.definition.nameField;
  const nameColumn = nameField ? target.columns.get(nameField) : undefined;
  const visible = target.rowAccess?.read(alias);
  const id = sql`${sql.ref(`${alias}.id`)}::text`;
  const shown = nameColumn ? sql`coalesce(${nameColumn.render(alias)}::text, ${id})` : id;
  return visible && nameColumn ? sql`case when ${visible} then ${shown} else ${id} end` : shown;
}

function valueCell(catalog: Catalog, object: CompiledObject, name: string, language: ExportLanguage): RawBuilder<unknown> {
  const column = object.columns.get(name);
  if (!column) throw new Error(`unknown export column ${name} passed validation`);
  const field = column.field;
  const value = column.render(ALIAS);
  if (field?.type === 'picklist') return labelCase(field, value, language);
  if (field?.type === 'multipicklist') {
    const each = labelCase(field, sql.ref('e.v'), language);
    return sql`(select string_agg(${each}, '; ' order by e.n) from jsonb_array_elements_text(${value}) with ordinality as e(v, n))`;
  }
  if (field?.type === 'manytomany') {
    // The linked records' names in link order, "; "-separated (a record the reader may not see by its id),
    // as export-columns.ts writes the expanded value; import reads names or ids back.
    return linkedRecordsSql(
      catalog,
      object,
      name,
      ALIAS,
      (item, order) => sql`string_agg(${item}, '; ' order by ${order})`,
      (id, shown) => sql`coalesce((${shown})::text, ${id})`,
    );
  }
  if (field?.type === 'file' || field?.type === 'image') {
    // The file names, "; "-separated, as export-columns.ts writes them (one reference or a list).
    return sql`(select string_agg(e.v ->> 'name', '; ' order by e.n)
      from jsonb_array_elements(case jsonb_typeof(${value}) when 'array' then ${value} else jsonb_build_array(${value}) end) with ordinality as e(v, n))`;
  }
  if (field?.type === 'lookup') return lookupCell(catalog, object, name);
  // Rich text as its words, with the same steps the Node path takes (richTextPlain).
  if (field?.type === 'richtext') return plainTextSql(value);
  if (field?.type === 'polylookup') {
    // "account:<id>", as export-columns.ts writes it (the form import reads back).
    const stored = sql.ref(`${ALIAS}.${name}`);
    return sql`case when ${stored} is null then null else (${stored} ->> 'object') || ':' || (${stored} ->> 'id') end`;
  }
  if (field?.type === 'geolocation') {
    // "latitude,longitude", as export-columns.ts writes it (float8 text is its shortest exact decimal, as in JS
    // down to 1e-4°; below that PostgreSQL writes 1e-05 where JS writes 0.00001, and import reads both).
    const stored = sql.ref(`${ALIAS}.${name}`);
    return sql`case when ${stored} is null then null else (${stored})[1]::text || ',' || (${stored})[0]::text end`;
  }
  if (field?.type === 'user') {
    // "Name <email>", as export-columns.ts writes the expanded user (import reads it back).
    const alias = `u_${name}`;
    const email = sql.ref(`${alias}.email`);
    return sql`case when ${sql.ref(`${alias}.id`)} is null then ${value}::text
      when coalesce(${sql.ref(`${alias}.name`)}, '') <> '' then ${sql.ref(`${alias}.name`)} || ' <' || ${email} || '>' else ${email} end`;
  }
  switch (column.cast) {
    case 'boolean':
      return sql`case when ${value} then ${exportValueLabel(true, language)} when not ${value} then ${exportValueLabel(false, language)} end`;
    case 'numeric':
    case 'integer':
      // A JSON number prints without the column's trailing zeros (12.50 → 12.5), so does the cell.
      return sql`trim_scale((${value})::numeric)::text`;
    case 'date':
      return sql`to_char(${value}, 'YYYY-MM-DD')`;
    default:
      return sql`(${value})::text`;
  }
}

/** The cell of one export column for the row under alias `t`: text, NULL when empty. */
export function exportCellSql(catalog: Catalog, object: CompiledObject, name: string, language: ExportLanguage): RawBuilder<unknown> {
  return sql`nullif(${valueCell(catalog, object, name, language)}, '')`;
}
