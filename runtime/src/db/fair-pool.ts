// The request pool as Kysely sees it, with the request's limits applied at the one place every
// query passes: a connection is taken only within the tenant's and the user's share
// (connection-shares.ts), runs with the request's statement_timeout, and has its running statement
// cancelled when the client goes away (request-scope.ts). Queries outside a request (jobs, CLI,
// migrations) pass straight through.
import pg from 'pg';
import type { ConnectionShares } from './connection-shares.ts';
import { ClientClosedError, type ClientPresence, currentRequestScope } from './request-scope.ts';

interface InnerPool {
  connect(): Promise<pg.PoolClient>;
  end(): Promise<void>;
}

/** The statement_timeout each connection was last set to (a SET only when a request needs another). */
const timeouts = new WeakMap<pg.PoolClient, number>();
/** Whether the client of the request holding each connection is still there. */
const holders = new WeakMap<pg.PoolClient, ClientPresence>();

/**
 * Refuses statements of a request whose client has gone: a cancel only reaches the statement
 * running at that moment, so the next one (or one racing the cancel) must not start.
 */
const guarded = new WeakSet<pg.PoolClient>();

function guardQueries(client: pg.PoolClient): void {
  if (guarded.has(client)) return;
  guarded.add(client);
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    if (holders.get(client)?.gone) return Promise.reject(new ClientClosedError());
    return query(...args);
  };
}

/**
 * `defaultTimeoutMs` is the statement_timeout every connection starts with (set in its startup
 * options): requests outside a scope and scoped requests of the default class need no SET.
 */
export function fairPool(inner: InnerPool, shares: ConnectionShares, cancel: (client: pg.PoolClient) => void, defaultTimeoutMs: number): InnerPool {
  const applyStatementTimeout = async (client: pg.PoolClient, ms: number): Promise<void> => {
    if ((timeouts.get(client) ?? defaultTimeoutMs) === ms) return;
    await client.query(`set statement_timeout = ${Math.max(0, Math.trunc(ms))}`);
    timeouts.set(client, ms);
  };
  return {
    async connect() {
      const scope = currentRequestScope();
      if (!scope) {
        // Jobs, the CLI and single-record reads run with the pool's default statement timeout.
        const client = await inner.connect();
        await applyStatementTimeout(client, defaultTimeoutMs).catch((error) => {
          client.release(error);
          throw error;
        });
        return client;
      }
      if (scope.client.gone) throw new ClientClosedError();
      // A request that already holds a connection (e.g. inside its transaction) never waits for a
      // second one: waiting on itself would deadlock its tenant's share.
      const giveBack =
        scope.tenant !== undefined && scope.principal !== undefined && scope.held === 0
          ? await shares.acquire({ tenant: scope.tenant, principal: scope.principal }, { maxWaitMs: scope.statementTimeoutMs, client: scope.client })
          : undefined;
      let client: pg.PoolClient;
      try {
        client = await inner.connect();
      } catch (error) {
        giveBack?.();
        throw error;
      }
      scope.held++;
      guardQueries(client);
      holders.set(client, scope.client);
      let cancelled = false;
      const onAbort = () => {
        cancelled = true;
        cancel(client);
      };
      scope.client.onGone(onAbort);
      const release = client.release;
      client.release = (error?: Error | boolean) => {
        scope.held--;
        holders.delete(client);
        scope.client.offGone(onAbort);
        giveBack?.();
        // A cancel request may still be on its way to this backend: never hand it to another request.
        return release(cancelled ? new ClientClosedError() : error);
      };
      try {
        await applyStatementTimeout(client, scope.statementTimeoutMs);
      } catch (error) {
        client.release(error instanceof Error ? error : true);
        throw error;
      }
      return client;
    },
    end: () => inner.end(),
  };
}

/** Cancels the statement a client is running, over PostgreSQL's cancel protocol (no pool slot). */
export function cancelRunningStatement(connectionString: string): (client: pg.PoolClient) => void {
  return (client) => {
    const active = (client as unknown as { _getActiveQuery(): unknown })._getActiveQuery();
    if (!active) return;
    const canceller = new pg.Client({ connectionString });
    // The cancel connection is fire-and-forget; a failure only means the timeout ends the statement.
    const internals = canceller as unknown as { connection: { on(event: string, listener: () => void): void }; cancel(client: unknown, query: unknown): void };
    internals.connection.on('error', () => undefined);
    internals.cancel(client, active);
  };
}
