import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deferredBeginPool } from './deferred-begin-pool.ts';
import { createTestDatabase, postgresAvailable, type TestDatabase } from './test-database.ts';

// The wrapper exists for PostgreSQL only (PGlite's metadata changes run on its one connection).
const hasPostgres = await postgresAvailable();

describe('deferred BEGIN on the metadata-change pool', () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  // biome-ignore lint/suspicious/noExplicitAny: ad-hoc test table
  let db: Kysely<any>;
  /** Every message the wrapper really sent to PostgreSQL, in order. */
  const sent: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(hasPostgres ? 'postgres' : 'pglite');
    if (!hasPostgres) return;
    pool = new pg.Pool({ connectionString: database.url, max: 1 });
    const counting = {
      connect: async () => {
        const client = await pool.connect();
        const query = client.query.bind(client) as (...args: unknown[]) => unknown;
        if (!(client as unknown as { counted?: boolean }).counted) {
          (client as unknown as { counted: boolean }).counted = true;
          (client as unknown as { query: unknown }).query = (text: unknown, ...rest: unknown[]) => {
            sent.push(typeof text === 'string' ? text : '(config)');
            return query(text, ...rest);
          };
        }
        return client;
      },
      end: () => pool.end(),
    } as unknown as pg.Pool;
    db = new Kysely({ dialect: new PostgresDialect({ pool: deferredBeginPool(counting) }) });
    await sql`create table t (x int)`.execute(db);
  });

  afterAll(async () => {
    await db?.destroy();
    await database.close();
  });

  it('is what PostgreSQL metadata changes run on, and PGlite keeps its single handle', async () => {
    if (!hasPostgres) {
      expect(database.changes).toBe(database.db);
      return;
    }
    expect(database.changes).not.toBe(database.db);
    // A transaction on the real change handle works end to end.
    const result = await database.changes.transaction().execute((trx) => sql<{ one: number }>`select 1 as one`.execute(trx));
    expect(result.rows).toEqual([{ one: 1 }]);
  });

  it.runIf(hasPostgres)('sends BEGIN with a parameter-free first statement, which runs inside the transaction', async () => {
    sent.length = 0;
    const seen = await db.transaction().execute(async (trx) => {
      const set = await sql<{ v: string }>`select set_config('tessera.probe', 'inside', true) as v`.execute(trx);
      const read = await sql<{ v: string }>`select current_setting('tessera.probe', true) as v`.execute(trx);
      return [set.rows[0]?.v, read.rows[0]?.v];
    });
    expect(seen).toEqual(['inside', 'inside']);
    expect(sent).toEqual(["begin; select set_config('tessera.probe', 'inside', true) as v", "select current_setting('tessera.probe', true) as v", 'commit']);
    // The setting was transaction-local: gone after the commit, so the first statement was inside it.
    const after = await sql<{ v: string | null }>`select current_setting('tessera.probe', true) as v`.execute(db);
    expect(after.rows[0]?.v ?? '').toBe('');
  });

  it.runIf(hasPostgres)('rolls back a first statement that travelled with BEGIN', async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`insert into t values (1)`.execute(trx);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    const count = await sql<{ n: number }>`select count(*)::int as n from t`.execute(db);
    expect(count.rows[0]?.n).toBe(0);
  });

  it.runIf(hasPostgres)('sends BEGIN ahead of a parameterised first statement', async () => {
    sent.length = 0;
    await db.transaction().execute((trx) => sql`insert into t values (${2})`.execute(trx));
    expect(sent).toEqual(['begin', 'insert into t values ($1)', 'commit']);
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`insert into t values (${3})`.execute(trx);
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    const rows = await sql<{ x: number }>`select x from t order by x`.execute(db);
    expect(rows.rows).toEqual([{ x: 2 }]);
  });

  it.runIf(hasPostgres)('ends an empty transaction without a round trip and leaves the connection clean after a failed first statement', async () => {
    sent.length = 0;
    await db.transaction().execute(async () => undefined);
    expect(sent).toEqual([]);
    await expect(db.transaction().execute((trx) => sql`select 1 / 0`.execute(trx))).rejects.toThrow(/division by zero/);
    expect(sent).toEqual(['begin; select 1 / 0', 'rollback']);
    // Same single connection (max: 1): not stuck in an aborted transaction.
    const status = await sql<{ ok: number }>`select 1 as ok`.execute(db);
    expect(status.rows).toEqual([{ ok: 1 }]);
    sent.length = 0;
    await expect(db.transaction().execute(async () => Promise.reject(new Error('before any statement')))).rejects.toThrow('before any statement');
    expect(sent).toEqual([]);
    const inside = await db.transaction().execute((trx) => sql<{ x: number }>`select x from t`.execute(trx));
    expect(inside.rows).toEqual([{ x: 2 }]);
  });
});
