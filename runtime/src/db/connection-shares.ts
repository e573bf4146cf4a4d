// Bounds how many pool connections one tenant, and one user within it, may hold at once, so a
// tenant flooding slow requests leaves connections free for everybody else (DESIGN 5b). Pure
// bookkeeping: the pool wrapper (fair-pool.ts) asks before it takes a connection and gives the
// slot back when the connection is released.
// - The tenant share is hard: the rest of the pool stays free for other tenants, however slow one
//   tenant's statements are.
// - The user share is soft (work-conserving): a user may go past it while no colleague of the same
//   tenant is waiting, so one integration script still uses the tenant's whole share, and a
//   colleague who arrives gets the next free connection ahead of it.
// Waiters are admitted in arrival order, but one whose tenant is full never holds up another
// tenant's waiter behind it. Waiting is cheap on purpose (a promise and an array entry; one sweep
// timer for deadlines and departed clients), because under a flood most requests wait here.
import { ClientClosedError, type ClientPresence } from './request-scope.ts';

export interface ShareLimits {
  /** Connections one tenant may hold at once. */
  perTenant: number;
  /** Connections one user (or integration token) of a tenant may hold while colleagues wait. */
  perPrincipal: number;
}

export interface ShareHolder {
  tenant: string;
  principal: string;
}

/** Waited longer than the request's budget for a connection of its tenant's share. */
export class ShareWaitTimeoutError extends Error {
  constructor(readonly waitedMs: number) {
    super(`no connection of this tenant's share became free within ${waitedMs} ms`);
  }
}

interface Waiter {
  holder: ShareHolder;
  deadline: number;
  maxWaitMs: number;
  client: ClientPresence | undefined;
  admit: (release: () => void) => void;
  fail: (error: Error) => void;
}

const SWEEP_MS = 25;

export class ConnectionShares {
  private readonly tenants = new Map<string, number>();
  private readonly principals = new Map<string, number>();
  private waiters: Waiter[] = [];
  /** Waiting requests per tenant and principal: `fits` asks whether a colleague waits in O(1). */
  private readonly waiting = new Map<string, Map<string, number>>();
  private sweeper: ReturnType<typeof setInterval> | undefined;

  constructor(readonly limits: ShareLimits) {}

  /** Resolves with the function that gives the slot back; rejects on timeout or a departed client. */
  acquire(holder: ShareHolder, options: { maxWaitMs: number; client?: ClientPresence }): Promise<() => void> {
    if (options.client?.gone) return Promise.reject(new ClientClosedError());
    if (this.fits(holder)) return Promise.resolve(this.take(holder));
    return new Promise((admit, fail) => {
      const deadline = options.maxWaitMs > 0 ? Date.now() + options.maxWaitMs : Number.POSITIVE_INFINITY;
      this.waiters.push({ holder, deadline, maxWaitMs: options.maxWaitMs, client: options.client, admit, fail });
      this.countWaiting(holder, 1);
      this.sweeper ??= setInterval(() => this.sweep(), SWEEP_MS);
      this.sweeper.unref?.();
    });
  }

  /** Connections held now, per tenant (for tests and diagnostics). */
  held(tenant: string): number {
    return this.tenants.get(tenant) ?? 0;
  }

  private fits(holder: ShareHolder): boolean {
    if ((this.tenants.get(holder.tenant) ?? 0) >= this.limits.perTenant) return false;
    if ((this.principals.get(principalKey(holder)) ?? 0) < this.limits.perPrincipal) return true;
    const waitingHere = this.waiting.get(holder.tenant);
    if (!waitingHere) return true;
    return waitingHere.size === 0 || (waitingHere.size === 1 && waitingHere.has(holder.principal));
  }

  private countWaiting(holder: ShareHolder, by: number): void {
    let byPrincipal = this.waiting.get(holder.tenant);
    if (!byPrincipal) {
      byPrincipal = new Map();
      this.waiting.set(holder.tenant, byPrincipal);
    }
    bump(byPrincipal, holder.principal, by);
    if (byPrincipal.size === 0) this.waiting.delete(holder.tenant);
  }

  private take(holder: ShareHolder): () => void {
    bump(this.tenants, holder.tenant, 1);
    bump(this.principals, principalKey(holder), 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      bump(this.tenants, holder.tenant, -1);
      bump(this.principals, principalKey(holder), -1);
      if (this.waiters.length > 0) this.admitWaiters();
    };
  }

  private admitWaiters(): void {
    const queue = this.waiters;
    this.waiters = [];
    for (const waiter of queue) {
      // Leave the queue first, so `fits` sees only the others still waiting.
      this.countWaiting(waiter.holder, -1);
      if (waiter.client?.gone) waiter.fail(new ClientClosedError());
      else if (this.fits(waiter.holder)) waiter.admit(this.take(waiter.holder));
      else {
        this.countWaiting(waiter.holder, 1);
        this.waiters.push(waiter);
      }
    }
    this.stopSweeperWhenIdle();
  }

  private sweep(): void {
    const now = Date.now();
    this.waiters = this.waiters.filter((waiter) => {
      const error = waiter.client?.gone ? new ClientClosedError() : now >= waiter.deadline ? new ShareWaitTimeoutError(waiter.maxWaitMs) : undefined;
      if (!error) return true;
      this.countWaiting(waiter.holder, -1);
      waiter.fail(error);
      return false;
    });
    this.stopSweeperWhenIdle();
  }

  private stopSweeperWhenIdle(): void {
    if (this.waiters.length === 0 && this.sweeper) {
      clearInterval(this.sweeper);
      this.sweeper = undefined;
    }
  }
}

const principalKey = (holder: ShareHolder) => `${holder.tenant}\u0000${holder.principal}`;

function bump(counts: Map<string, number>, key: string, by: number): void {
  const next = (counts.get(key) ?? 0) + by;
  if (next <= 0) counts.delete(key);
  else counts.set(key, next);
}
