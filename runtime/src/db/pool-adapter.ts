// The subset of pg.Pool that Kysely's PostgresDialect uses, with every client it hands out passed
// through `wrap` first (prepared-statement-pool.ts, deferred-begin-pool.ts).
import type pg from 'pg';

export function poolWithClientWrapper(pool: pg.Pool, wrap: (client: pg.PoolClient) => pg.PoolClient) {
  return {
    async connect(): Promise<pg.PoolClient> {
      return wrap(await pool.connect());
    },
    end(): Promise<void> {
      return pool.end();
    },
  };
}
