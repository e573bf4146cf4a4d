// A stored rich-text column → its plain text as a SQL expression: the projection that global
// search and text filters (`contains`, `starts_with`, `==`…) read, so they match words, not tags.
// Computed in the query rather than stored: it costs a regexp per row only where a rich-text field
// is searched or filtered (a substring scan reads every row anyway), needs no second column to keep
// in step through conversions, renames and imports, and cannot go stale. The steps are metadata's
// richTextPlain, one for one (a test runs both over the same values).
import { ANY_TAG_PATTERN, BLOCK_TAG_PATTERN, RICH_TEXT_ENTITIES, SPACE_RUN_PATTERN } from '@tessera/metadata';
import { type RawBuilder, sql } from 'kysely';

export function plainTextSql(html: RawBuilder<unknown>): RawBuilder<string> {
  let text: RawBuilder<unknown> = sql`regexp_replace(regexp_replace(${html}, ${sql.lit(BLOCK_TAG_PATTERN)}, ' ', 'gi'), ${sql.lit(ANY_TAG_PATTERN)}, '', 'g')`;
  for (const [entity, character] of RICH_TEXT_ENTITIES) text = sql`replace(${text}, ${sql.lit(entity)}, ${sql.lit(character)})`;
  return sql<string>`btrim(regexp_replace(${text}, ${sql.lit(SPACE_RUN_PATTERN)}, ' ', 'g'), ' ')`;
}
