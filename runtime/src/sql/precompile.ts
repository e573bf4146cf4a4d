// Compiles a SQL fragment to text once, so per-request queries splice the text instead of
// re-walking a large builder tree (a 20-field record renderer costs ~40 µs to compile; as raw text
// it costs nothing). Only for fragments made from validated metadata: their bound values are
// constants of the revision (formula literals), so they are written into the text as literals.
import { inlineParameters } from './inline-parameters.ts';
import { type CompiledQuery, DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, type RawBuilder, sql } from 'kysely';

const compiler = new Kysely<unknown>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

export function precompile<T>(fragment: RawBuilder<T>): RawBuilder<T> {
  const compiled = fragment.compile(compiler);
  return sql.raw<T>(inlineParameters(compiled.sql, compiled.parameters));
}

/** Compiles a whole query once; callers re-run its text with fresh parameters of the same shape. */
export function compileOnce<T>(query: RawBuilder<T>): CompiledQuery<T> {
  return query.compile(compiler);
}
