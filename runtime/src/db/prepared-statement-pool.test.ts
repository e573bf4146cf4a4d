// The request pool's clients run Kysely's statements as named prepared statements: a text seen
// again (a cached write template, a compiled get) reuses its name on the connection, and anything
// that is not a select, insert, update, delete or with (BEGIN, SET) runs unnamed.
import { CompiledQuery, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preparedStatementPool } from './prepared-statement-pool.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

describe('named prepared statements on the request pool', () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  // biome-ignore lint/suspicious/noExplicitAny: ad-hoc test table
  let db: Kysely<any>;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    // One connection, so every statement below lands on the session whose prepared statements are read.
    pool = new pg.Pool({ connectionString: database.url, max: 1 });
    db = new Kysely({ dialect: new PostgresDialect({ pool: preparedStatementPool(pool) }) });
    await sql`create table item (id int primary key, label text)`.execute(db);
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.close();
  });

  const prepared = async () =>
    (await sql<{ statement: string }>`select statement from pg_prepared_statements order by prepare_time`.execute(db)).rows.map((row) => row.statement);

  it('prepares each statement text once per connection and binds fresh values on every run', async () => {
    const insert = 'insert into item (id, label) values ($1, $2) returning label';
    for (const [id, label] of [
      [1, 'a'],
      [2, 'b'],
    ] as const) {
      const result = await db.executeQuery(CompiledQuery.raw(insert, [id, label]));
      expect(result.rows).toEqual([{ label }]);
    }
    await db.transaction().execute(async (trx) => {
      await trx.executeQuery(CompiledQuery.raw('update item set label = $1 where id = $2', ['c', 1]));
    });
    const statements = await prepared();
    expect(statements.filter((text) => text === insert)).toHaveLength(1);
    expect(statements).toContain('update item set label = $1 where id = $2');
    // BEGIN and COMMIT go unnamed.
    expect(statements.some((text) => /^(begin|commit)$/i.test(text))).toBe(false);
    const rows = (await sql<{ id: number; label: string }>`select id, label from item order by id`.execute(db)).rows;
    expect(rows).toEqual([
      { id: 1, label: 'c' },
      { id: 2, label: 'b' },
    ]);
  });
});
