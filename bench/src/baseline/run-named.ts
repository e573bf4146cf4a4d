// Runs a compiled Kysely query as a named (prepared) statement: PostgreSQL parses and plans each
// distinct SQL text once per connection. The name is derived from the SQL text, so queries of the
// same shape share one prepared statement whatever their parameters.
import type { CompiledQuery } from 'kysely';
import type pg from 'pg';

const names = new Map<string, string>();

export async function runNamed<Row>(pool: pg.Pool, query: { compile(): CompiledQuery<Row> }): Promise<Row[]> {
  const compiled = query.compile();
  let name = names.get(compiled.sql);
  if (name === undefined) {
    name = `b${names.size}`;
    names.set(compiled.sql, name);
  }
  const result = await pool.query({ name, text: compiled.sql, values: compiled.parameters as unknown[] });
  return result.rows as Row[];
}
