// SQL over a many-to-many field's junction table, as expressions of a row alias: the ids a record
// links to (its API value), and the EXISTS conditions filters compile `has_any` / `has_all` /
// emptiness to. Links to records in the recycle bin are not shown and do not match: deleting a
// record removes it from every list it is linked in (restoring it brings the links back; purging
// removes them through the foreign keys).
import type { NormalisedManyToManyField } from '@tessera/metadata';
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { LinkConditions } from '../filter/types.ts';

export interface LinkEnds {
  schema: string;
  /** The junction table. */
  table: string;
  /** The linked object's table. */
  target: string;
}

export const linkEnds = (schema: string, field: NormalisedManyToManyField): LinkEnds => ({ schema, table: field.junctionTable, target: field.target });

/** Live links of the row `alias`, as `from … where` (no select list). */
function liveLinks(ends: LinkEnds, alias: string): RawBuilder<unknown> {
  return sql`from ${sql.id(ends.schema, ends.table)} as l
    join ${sql.id(ends.schema, ends.target)} as lt on lt.id = l.target_id and lt.deleted_at is null
    where l.source_id = ${sql.ref(`${alias}.id`)}`;
}

/** The linked ids as a jsonb array of text in the order they were linked; NULL when there are none (JS null, like an empty multi-select). */
export function linkedIdsSql(ends: LinkEnds, alias: string): RawBuilder<unknown> {
  return sql`(select jsonb_agg(l.target_id::text order by l.created_at, l.target_id) ${liveLinks(ends, alias)})`;
}

/** Whether the row links to at least one of `ids` (lowercase uuids). */
export function linksAnySql(ends: LinkEnds, alias: string, ids: readonly string[]): RawBuilder<SqlBool> {
  return sql<SqlBool>`exists (select 1 ${liveLinks(ends, alias)} and l.target_id = any(cast(${ids} as uuid[])))`;
}

/** Whether the row links to every one of `ids` (distinct lowercase uuids, at least one). */
export function linksAllSql(ends: LinkEnds, alias: string, ids: readonly string[]): RawBuilder<SqlBool> {
  return sql<SqlBool>`((select count(*) ${liveLinks(ends, alias)} and l.target_id = any(cast(${ids} as uuid[]))) = ${ids.length})`;
}

/** Whether the row has any live link. */
export function hasLinksSql(ends: LinkEnds, alias: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`exists (select 1 ${liveLinks(ends, alias)})`;
}

/** The three conditions filters need (filter/list-match.ts), for a row alias. */
export function linkConditions(ends: LinkEnds, alias: string): LinkConditions {
  return {
    any: (ids) => linksAnySql(ends, alias, ids),
    all: (ids) => linksAllSql(ends, alias, ids),
    some: () => hasLinksSql(ends, alias),
  };
}
