// SQL over a many-to-many field's junction table, as expressions of a row alias: the ids a record
// links to (its API value), and the EXISTS conditions filters compile `has_any` / `has_all` /
// emptiness to. Links to records in the recycle bin are not shown and do not match: deleting a
// record removes it from every list it is linked in (restoring it brings the links back; purging
// removes them through the foreign keys). The junction is the managed `_links_…` table
// (source_id, target_id) or an admin-modelled junction object (its two lookups; only its live
// records are links), so every statement here names the table and both columns from LinkEnds.
import type { JunctionEnds, NormalisedManyToManyField } from '@tessera/metadata';
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { LinkConditions } from '../filter/types.ts';

export interface LinkEnds {
  schema: string;
  /** The junction table. */
  table: string;
  /** Its column naming the record that links (the field's object). */
  sourceColumn: string;
  /** Its column naming the linked record. */
  targetColumn: string;
  /** The linked object's table. */
  target: string;
  /** A junction object: its soft-deleted records are not links. */
  junction?: JunctionEnds;
}

export const linkEnds = (schema: string, field: NormalisedManyToManyField, junction?: JunctionEnds): LinkEnds =>
  junction
    ? { schema, table: junction.object, sourceColumn: junction.source, targetColumn: junction.target, target: field.target, junction }
    : { schema, table: field.junctionTable, sourceColumn: 'source_id', targetColumn: 'target_id', target: field.target };

/** The junction's linked-record column, qualified by `alias`. */
export const linkTargetRef = (ends: LinkEnds, alias: string) => sql.ref(`${alias}.${ends.targetColumn}`);

/** `from junction as <alias> join target as <linked> … where <alias>.source = <row>.id`: the live links of a row (no select list). */
export function liveLinksFrom(ends: LinkEnds, row: string, alias: string, linked: string): RawBuilder<unknown> {
  const junctionLive = ends.junction ? sql` and ${sql.ref(`${alias}.deleted_at`)} is null` : sql``;
  return sql`from ${sql.id(ends.schema, ends.table)} as ${sql.id(alias)}
    join ${sql.id(ends.schema, ends.target)} as ${sql.id(linked)}
      on ${sql.ref(`${linked}.id`)} = ${linkTargetRef(ends, alias)} and ${sql.ref(`${linked}.deleted_at`)} is null
    where ${sql.ref(`${alias}.${ends.sourceColumn}`)} = ${sql.ref(`${row}.id`)}${junctionLive}`;
}

/** The link order: when linked, then the linked id (one write links in id order). */
export const linkOrderSql = (ends: LinkEnds, alias: string): RawBuilder<unknown> => sql`${sql.ref(`${alias}.created_at`)}, ${linkTargetRef(ends, alias)}`;

// The managed table's statements keep their original text (read-plan SQL snapshots); a junction
// object's go through liveLinksFrom with its own column names.
const managed = (ends: LinkEnds): boolean => ends.junction === undefined;

/** Live links of the row `alias`, as `from … where` (no select list). */
function liveLinks(ends: LinkEnds, alias: string): RawBuilder<unknown> {
  if (!managed(ends)) return liveLinksFrom(ends, alias, 'l', 'lt');
  return sql`from ${sql.id(ends.schema, ends.table)} as l
    join ${sql.id(ends.schema, ends.target)} as lt on lt.id = l.target_id and lt.deleted_at is null
    where l.source_id = ${sql.ref(`${alias}.id`)}`;
}

const linked = (ends: LinkEnds): RawBuilder<unknown> => (managed(ends) ? sql`l.target_id` : linkTargetRef(ends, 'l'));

/** The linked ids as a jsonb array of text in the order they were linked; NULL when there are none (JS null, like an empty multi-select). */
export function linkedIdsSql(ends: LinkEnds, alias: string): RawBuilder<unknown> {
  const order = managed(ends) ? sql`l.created_at, l.target_id` : linkOrderSql(ends, 'l');
  return sql`(select jsonb_agg(${linked(ends)}::text order by ${order}) ${liveLinks(ends, alias)})`;
}

/** Whether the row links to at least one of `ids` (lowercase uuids). */
export function linksAnySql(ends: LinkEnds, alias: string, ids: readonly string[]): RawBuilder<SqlBool> {
  return sql<SqlBool>`exists (select 1 ${liveLinks(ends, alias)} and ${linked(ends)} = any(cast(${ids} as uuid[])))`;
}

/** Whether the row links to every one of `ids` (distinct lowercase uuids, at least one). */
export function linksAllSql(ends: LinkEnds, alias: string, ids: readonly string[]): RawBuilder<SqlBool> {
  // distinct: the pair index keeps live junction records unique, but the count must not rest on it.
  const count = managed(ends) ? sql`count(*)` : sql`count(distinct ${linked(ends)})`;
  return sql<SqlBool>`((select ${count} ${liveLinks(ends, alias)} and ${linked(ends)} = any(cast(${ids} as uuid[]))) = ${ids.length})`;
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
