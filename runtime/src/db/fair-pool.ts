// The request pool as Kysely sees it, with the request's limits applied at the one place every
// query passes: a connection is taken only within the tenant's and the user's share
// (connection-shares.ts) — for a heavy request also within the tenant's heavy-statement share, run
// without parallel workers —, runs with the request's statement_timeout, and has its running statement
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
/** Connections whose parallel workers are off (they last served a heavy request). */
const serial = new WeakSet<pg.PoolClient>();
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
export function fairPool(
  inner: InnerPool,
  shares: ConnectionShares,
  cancel: (client: pg.PoolClient) => void,
  defaultTimeoutMs: number,
  heavyShares?: ConnectionShares,
): InnerPool {
  /** One round trip at most: the SETs a connection needs for this request, none when it already fits. */
  const applySettings = async (client: pg.PoolClient, ms: number, heavy = false): Promise<void> => {
    const settings: string[] = [];
    if ((timeouts.get(client) ?? defaultTimeoutMs) !== ms) settings.push(`set statement_timeout = ${Math.max(0, Math.trunc(ms))}`);
    // A heavy statement with parallel workers would take more cores than its one slot.
    if (heavy !== serial.has(client)) settings.push(heavy ? 'set max_parallel_workers_per_gather = 0' : 'reset max_parallel_workers_per_gather');
    if (settings.length === 0) return;
    await client.query(settings.join('; '));
    timeouts.set(client, ms);
    if (heavy) serial.add(client);
    else serial.delete(client);
  };
  return {
    async connect() {
      const scope = currentRequestScope();
      if (!scope) {
        // Jobs, the CLI and single-record reads run with the pool's default statement timeout.
        const client = await inner.connect();
        await applySettings(client, defaultTimeoutMs).catch((error) => {
          client.release(error);
          throw error;
        });
        return client;
      }
      if (scope.client.gone) throw new ClientClosedError();
      // A request that already holds a connection (e.g. inside its transaction) never waits for a
      // second one: waiting on itself would deadlock its tenant's share.
      const holder =
        scope.tenant !== undefined && scope.principal !== undefined && scope.held === 0 ? { tenant: scope.tenant, principal: scope.principal } : undefined;
      const wait = { maxWaitMs: scope.statementTimeoutMs, client: scope.client };
      // The heavy slot first: a request waiting for it holds no connection of its tenant's share.
      const giveBackHeavy = holder && scope.heavy && heavyShares ? await heavyShares.acquire(holder, wait) : undefined;
      let giveBack: (() => void) | undefined;
      let client: pg.PoolClient;
      try {
        giveBack = holder ? await shares.acquire(holder, wait) : undefined;
        client = await inner.connect();
      } catch (error) {
        giveBack?.();
        giveBackHeavy?.();
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
        giveBackHeavy?.();
        // A cancel request may still be on its way to this backend: never hand it to another request.
        return release(cancelled ? new ClientClosedError() : error);
      };
      try {
        await applySettings(client, scope.statementTimeoutMs, scope.heavy === true);
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
