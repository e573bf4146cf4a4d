// Many-to-many fields → catalog columns whose `ref` and `render` are subqueries on the junction
// table (links/link-sql.ts): every read path (get, list, fields=, exports of ids, formulas) sees
// the list of linked ids without knowing there is no column. Writes never name these columns:
// plan-write.ts moves their values to the item's `links`.
import { type NormalisedManyToManyField, type NormalisedObject, resolveJunction } from '@tessera/metadata';
import { type LinkEnds, linkedIdsSql, linkEnds } from '../links/link-sql.ts';
import type { CompiledColumn } from './catalog-types.ts';
import { COLUMN_KINDS } from './column-kinds.ts';

export function installLinkColumns(
  definition: NormalisedObject,
  schema: string,
  columns: Map<string, CompiledColumn>,
  objectNamed: (name: string) => NormalisedObject | undefined,
): void {
  const kind = COLUMN_KINDS.manytomany;
  for (const field of definition.fields) {
    if (field.type !== 'manytomany') continue;
    const ends = fieldLinkEnds(definition.apiName, schema, field, objectNamed);
    columns.set(
      field.apiName,
      Object.freeze({
        apiName: field.apiName,
        field,
        filterType: kind.filterType,
        cast: kind.cast,
        ref: linkedIdsSql(ends, 't'),
        render: (alias: string) => linkedIdsSql(ends, alias),
        sortable: false,
        asText: false,
        links: ends,
      }),
    );
  }
}

export const isLinkField = (field: { type: string } | undefined): field is NormalisedManyToManyField => field?.type === 'manytomany';

/** The field's junction: its junction object's lookups (resolved as the diff accepted them), or the managed table. */
function fieldLinkEnds(owner: string, schema: string, field: NormalisedManyToManyField, objectNamed: (name: string) => NormalisedObject | undefined): LinkEnds {
  if (field.junction === undefined) return linkEnds(schema, field);
  const resolved = resolveJunction(owner, field, objectNamed, '');
  // The diff refuses a revision whose junction does not resolve (junction-actions.ts).
  if (!resolved.ok) throw new Error(`${owner}.${field.apiName}: ${resolved.errors[0]?.message}`);
  return linkEnds(schema, field, resolved.value);
}

/** A many-to-many column's junction (every such column has one). */
export function columnLinks(column: CompiledColumn | undefined): LinkEnds {
  if (!column?.links) throw new Error(`${column?.apiName} is not a many-to-many field`);
  return column.links;
}
