// Data statements of metadata evolution: backfills and picklist remaps. Values are bound
// parameters; PostgreSQL infers their type from the column (multipicklists travel as JSON text).
import type { NormalisedField } from '@tessera/metadata';
import { type Kysely, type RawBuilder, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: tenant tables are dynamic
type Trx = Kysely<any>;

const TEXTUAL = new Set(['text', 'textarea', 'email', 'phone', 'url', 'richtext']);

/** Rows that count as "no value" for a required field: null, and blank text (as the record validator sees it). */
export function missingValue(field: NormalisedField, column: RawBuilder<unknown>): RawBuilder<unknown> {
  return TEXTUAL.has(field.type) ? sql`(${column} is null or btrim(${column}) = '')` : sql`${column} is null`;
}

export function boundValue(field: NormalisedField, value: unknown): RawBuilder<unknown> {
  return field.type === 'multipicklist' ? sql`cast(${JSON.stringify(value)} as jsonb)` : sql`${value}`;
}

export async function fillMissing(trx: Trx, schema: string, object: string, field: NormalisedField, value: unknown): Promise<number> {
  const column = sql.ref(field.apiName);
  const result = await sql`
    update ${sql.id(schema, object)} set ${sql.id(field.apiName)} = ${boundValue(field, value)}
    where ${missingValue(field, column)}`.execute(trx);
  return Number(result.numAffectedRows ?? 0);
}

export async function remapValues(
  trx: Trx,
  schema: string,
  object: string,
  field: string,
  multiple: boolean,
  renames: readonly { from: string; to: string }[],
): Promise<void> {
  const column = sql.id(field);
  const froms = renames.map((rename) => rename.from);
  if (!multiple) {
    const cases = renames.map((rename) => sql`when ${rename.from} then ${rename.to}`);
    await sql`
      update ${sql.id(schema, object)} set ${column} = case ${column} ${sql.join(cases, sql` `)} else ${column} end
      where ${column} in (${sql.join(froms)})`.execute(trx);
    return;
  }
  const cases = renames.map((rename) => sql`when ${rename.from} then ${rename.to}`);
  await sql`
    update ${sql.id(schema, object)} set ${column} = (
      select jsonb_agg(case e ${sql.join(cases, sql` `)} else e end order by n)
      from jsonb_array_elements_text(${column}) with ordinality as x(e, n))
    where ${column} ?| cast(array[${sql.join(froms)}] as text[])`.execute(trx);
}
