// What the database layer knows of the request a query runs for: whose it is (tenant, user), how
// long one statement may run, and whether the client has gone. Carried by AsyncLocalStorage from
// the HTTP edge (http/request-budget.ts) to the pool (db/fair-pool.ts), so no service signature
// changes and a query issued anywhere inside the request is bounded the same way.
import { AsyncLocalStorage } from 'node:async_hooks';

export type RequestClass = 'request' | 'report';

export interface RequestScope {
  readonly requestClass: RequestClass;
  /** PostgreSQL statement_timeout for this request's statements, in ms (0: none). */
  readonly statementTimeoutMs: number;
  /** Set when the client closes the connection before the response is sent. */
  readonly client: ClientPresence;
  /** Set once the credential is known (tenant guard); undefined for admin and sign-in routes. */
  tenant?: string;
  /** The user, or the integration token, acting: the unit of the per-user connection share. */
  principal?: string;
  /** Connections this request holds now: a request that holds one never waits for another. */
  held: number;
  /**
   * Its statements read every row (text searches, reports): they also take a slot of the tenant's
   * heavy-statement share and run without parallel workers, so one tenant's expensive statements
   * occupy at most that many CPU cores of PostgreSQL and every other tenant keeps the rest.
   */
  heavy?: boolean;
}

const storage = new AsyncLocalStorage<RequestScope>();

/**
 * Requests in a scope now. An enabled AsyncLocalStorage puts Node 20's promise hooks on every
 * promise of the process (~5% of a record GET's CPU in profile-op, and it stays on once any list
 * ran), so the storage is disabled whenever no request is in a scope and re-enabled by the next.
 */
let openScopes = 0;

/** Runs `work` in the scope; the caller calls the returned `end` once the response is finished. */
export function runInRequestScope<T>(scope: RequestScope, work: () => T): { result: T; end: () => void } {
  openScopes++;
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    openScopes--;
    // Nothing is in a scope, so no getStore() can be asked for one that disabling would hide.
    if (openScopes === 0) storage.disable();
  };
  return { result: storage.run(scope, work), end };
}

export function currentRequestScope(): RequestScope | undefined {
  return storage.getStore();
}

/** Called by the tenant guard once it knows who is asking. */
export function bindRequestPrincipal(tenant: string, principal: string): void {
  const scope = storage.getStore();
  if (!scope) return;
  scope.tenant = tenant;
  scope.principal = principal;
}

/**
 * Whether the request's client is still there. A plain flag with callbacks rather than an
 * AbortController: every request has one and almost none ever fires, and EventTarget listeners
 * cost microseconds to add and remove on every connection checkout.
 */
export class ClientPresence {
  gone = false;
  private readonly listeners = new Set<() => void>();

  onGone(listener: () => void): void {
    this.listeners.add(listener);
  }

  offGone(listener: () => void): void {
    this.listeners.delete(listener);
  }

  markGone(): void {
    if (this.gone) return;
    this.gone = true;
    for (const listener of [...this.listeners]) listener();
  }
}

/** The request's client went away: its statements are cancelled and no new one is sent. */
export class ClientClosedError extends Error {
  constructor() {
    super('the client closed the connection');
  }
}
