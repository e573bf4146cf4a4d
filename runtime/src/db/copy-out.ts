// COPY … TO STDOUT on a request connection (pg-copy-streams 7.0.0: the COPY sub-protocol as a
// Node stream, backpressure included, so PostgreSQL is paused while the client reads slowly).
// The connection comes from the request pool, so the tenant's and the user's connection shares
// apply and a client that goes away cancels the COPY (fair-pool.ts). The COPY runs in a read-only
// transaction with its own statement_timeout: an export reads every matching row, which may take
// longer than a request's statement limit, and SET LOCAL leaves the session's setting untouched.
import type { Readable } from 'node:stream';
import type pg from 'pg';

/** How long one export's COPY may run. */
export const COPY_OUT_TIMEOUT_MS = 10 * 60_000;

export interface ConnectPool {
  connect(): Promise<pg.PoolClient>;
}

/**
 * Opens the COPY; resolves once PostgreSQL has a connection and the transaction (so a pool that is
 * full fails here, before the caller has sent anything). The connection is released when the
 * stream ends, fails or is destroyed (a failed or cut COPY discards the connection).
 */
export async function copyOut(pool: ConnectPool, statement: string): Promise<Readable> {
  const client = await pool.connect();
  try {
    await client.query(`begin read only; set local statement_timeout = ${COPY_OUT_TIMEOUT_MS}`);
  } catch (error) {
    client.release(error as Error);
    throw error;
  }
  // Loaded by the first export, not at start.
  const { to: copyTo } = await import('pg-copy-streams');
  const stream = client.query(copyTo(statement));
  let settled = false;
  const settle = (error?: Error) => {
    if (settled) return;
    settled = true;
    if (error) return client.release(error);
    client.query('commit').then(
      () => client.release(),
      (failure: Error) => client.release(failure),
    );
  };
  stream.once('end', () => settle());
  stream.once('error', (error) => settle(error));
  stream.once('close', () => settle(stream.readableEnded ? undefined : new Error('export stream closed before the end')));
  return stream;
}
