// Many-to-many fields → catalog columns whose `ref` and `render` are subqueries on the junction
// table (links/link-sql.ts): every read path (get, list, fields=, exports of ids, formulas) sees
// the list of linked ids without knowing there is no column. Writes never name these columns:
// plan-write.ts moves their values to the item's `links`.
import type { NormalisedManyToManyField, NormalisedObject } from '@tessera/metadata';
import { linkedIdsSql, linkEnds } from '../links/link-sql.ts';
import type { CompiledColumn } from './catalog-types.ts';
import { COLUMN_KINDS } from './column-kinds.ts';

export function installLinkColumns(definition: NormalisedObject, schema: string, columns: Map<string, CompiledColumn>): void {
  const kind = COLUMN_KINDS.manytomany;
  for (const field of definition.fields) {
    if (field.type !== 'manytomany') continue;
    const ends = linkEnds(schema, field);
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
      }),
    );
  }
}

export const isLinkField = (field: { type: string } | undefined): field is NormalisedManyToManyField => field?.type === 'manytomany';
