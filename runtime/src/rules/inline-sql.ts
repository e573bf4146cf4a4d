// A compiled Kysely query → SQL text with its parameters written as literals, for the one place
// SQL must stand alone: the bodies of generated trigger functions (roll-ups). Only values the
// filter compiler binds reach here (text, finite numbers, booleans, null, arrays of those).
import type { CompiledQuery, Kysely, RawBuilder } from 'kysely';

export function inlineSql(builder: RawBuilder<unknown>, db: Kysely<unknown>): string {
  const compiled: CompiledQuery = builder.compile(db);
  // \$(\d+) takes every digit, so $10 is never read as $1 followed by 0.
  return compiled.sql.replace(/\$(\d+)/g, (_, index: string) => literal(compiled.parameters[Number(index) - 1]));
}

function literal(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('cannot inline a non-finite number');
    return `(${String(value)})`;
  }
  if (typeof value === 'string') {
    if (value.includes('\u0000')) throw new Error('cannot inline a NUL character');
    // standard_conforming_strings is on (the default since PostgreSQL 9.1): only ' needs doubling.
    // A $ is spelled chr(36), so no literal can close the dollar-quoted function body it lands in.
    const quoted = `'${value.replaceAll("'", "''").replaceAll('$', "' || chr(36) || '")}'`;
    return value.includes('$') ? `(${quoted})` : quoted;
  }
  if (Array.isArray(value)) return `array[${value.map(literal).join(', ')}]::text[]`;
  throw new Error(`cannot inline a ${typeof value}`);
}
