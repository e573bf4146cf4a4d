// Autonumber format → a column default that PostgreSQL evaluates on insert, so numbers are
// assigned inside the database (also for bulk loads) and never collide between processes.
import { type NormalisedAutonumberField, parseAutonumberFormat } from '@tessera/metadata';
import { type RawBuilder, sql } from 'kysely';

export function autonumberDefault(schema: string, field: NormalisedAutonumberField): RawBuilder<unknown> {
  return autonumberExpression(schema, field.format, field.sequenceName);
}

/** One format fed by one sequence: the column default, or a record type's own format (formatsByRecordType). */
export function autonumberExpression(schema: string, format: string, sequence: string): RawBuilder<unknown> {
  const parsed = parseAutonumberFormat(format);
  if (!parsed.ok) throw new Error(`autonumber format was not validated: ${parsed.message}`);
  const qualifiedSequence = `${quoteIdent(schema)}.${quoteIdent(sequence)}`;
  const parts = parsed.tokens.map((token): RawBuilder<unknown> => {
    if (token.kind === 'literal') return sql.lit(token.text);
    if (token.kind === 'date') return sql`to_char(now() at time zone 'UTC', ${sql.lit(token.part)})`;
    return sql`tessera.autonumber_pad(nextval(${sql.lit(qualifiedSequence)}::regclass), ${sql.lit(token.digits)})`;
  });
  return sql`(${sql.join(parts, sql` || `)})`;
}

// Both names are validated identifiers (schema from a checked slug, sequence from api names);
// quoting keeps regclass resolution exact.
function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
