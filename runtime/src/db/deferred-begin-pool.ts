// Wraps the metadata-change pool so that a transaction's BEGIN travels with its first statement.
// Under a saturating read load every round trip of a metadata apply waits its turn on the busy
// cores (bench: add a field while 32 clients list), and BEGIN alone is one of five. Kysely sends
// `begin` as its own query; here it is held back and sent as `begin; <first statement>` in one
// simple-protocol message when that statement has no parameters (PostgreSQL runs the two in
// order and answers both at once; the statement's result is returned). A parameterised first
// statement cannot share the message, so BEGIN then goes ahead of it as before. A commit or
// rollback with nothing sent in between has no transaction to end and costs no round trip.
import type pg from 'pg';
import { poolWithClientWrapper } from './pool-adapter.ts';

const wrapped = new WeakSet<pg.PoolClient>();

type Query = (...args: unknown[]) => Promise<unknown>;

function isSimple(text: unknown, values: unknown, rest: unknown[]): text is string {
  return typeof text === 'string' && rest.length === 0 && (values === undefined || (Array.isArray(values) && values.length === 0));
}

function wrapClient(client: pg.PoolClient): pg.PoolClient {
  if (wrapped.has(client)) return client;
  wrapped.add(client);
  const original = client.query.bind(client) as Query;
  let beginPending = false;
  const noop = (command: string) => Promise.resolve({ command, rowCount: null, rows: [], fields: [] });
  (client as unknown as { query: Query }).query = async (text: unknown, values?: unknown, ...rest: unknown[]) => {
    const simple = isSimple(text, values, rest);
    const verb = simple ? text.trim().toLowerCase() : '';
    if (verb === 'begin' && !beginPending) {
      beginPending = true;
      return noop('BEGIN');
    }
    if (!beginPending) return original(text, values, ...rest);
    beginPending = false;
    if (verb === 'commit' || verb === 'rollback') return noop(verb.toUpperCase());
    if (!simple) {
      await original('begin');
      return original(text, values, ...rest);
    }
    // Two statements in one message: pg answers with one result per statement.
    const results = (await original(`begin; ${text}`)) as unknown[];
    return results[results.length - 1];
  };
  // A client that goes back to the pool with a BEGIN still held starts clean next time.
  const release = client.release.bind(client);
  client.release = (error?: Error | boolean) => {
    beginPending = false;
    return release(error);
  };
  return client;
}

/** The pool Kysely's PostgresDialect uses, its clients wrapped. */
export function deferredBeginPool(pool: pg.Pool) {
  return poolWithClientWrapper(pool, wrapClient);
}
