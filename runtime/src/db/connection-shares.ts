// Bounds how many pool connections one tenant, and one user within it, may hold at once, so a
// tenant flooding slow requests leaves connections free for everybody else (DESIGN 5b). Pure
// bookkeeping: the pool wrapper (fair-pool.ts) asks before it takes a connection and gives the
// slot back when the connection is released. Waiters are admitted in arrival order, but a waiter
// whose tenant is still full never holds up another tenant's waiter behind it.
import { ClientClosedError } from './request-scope.ts';

export interface ShareLimits {
  /** Connections one tenant may hold at once. */
  perTenant: number;
  /** Connections one user (or integration token) of a tenant may hold at once. */
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
  admit: () => void;
}

export class ConnectionShares {
  private readonly tenants = new Map<string, number>();
  private readonly principals = new Map<string, number>();
  private waiters: Waiter[] = [];

  constructor(readonly limits: ShareLimits) {}

  /** Resolves with the function that gives the slot back; rejects on timeout or abort. */
  acquire(holder: ShareHolder, options: { maxWaitMs: number; signal?: AbortSignal }): Promise<() => void> {
    if (this.fits(holder)) return Promise.resolve(this.take(holder));
    if (options.signal?.aborted) return Promise.reject(new ClientClosedError());
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        holder,
        admit: () => {
          cleanup();
          resolve(this.take(holder));
        },
      };
      const leave = (error: Error) => {
        this.waiters = this.waiters.filter((other) => other !== waiter);
        cleanup();
        reject(error);
      };
      const timer = options.maxWaitMs > 0 ? setTimeout(() => leave(new ShareWaitTimeoutError(options.maxWaitMs)), options.maxWaitMs) : undefined;
      const onAbort = () => leave(new ClientClosedError());
      options.signal?.addEventListener('abort', onAbort, { once: true });
      const cleanup = () => {
        if (timer) clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
      };
      this.waiters.push(waiter);
    });
  }

  /** Connections held now, per tenant (for tests and diagnostics). */
  held(tenant: string): number {
    return this.tenants.get(tenant) ?? 0;
  }

  private fits(holder: ShareHolder): boolean {
    return (this.tenants.get(holder.tenant) ?? 0) < this.limits.perTenant && (this.principals.get(principalKey(holder)) ?? 0) < this.limits.perPrincipal;
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
      this.admitWaiters();
    };
  }

  private admitWaiters(): void {
    const still: Waiter[] = [];
    // admit() takes the slot synchronously, so the next waiter of the same tenant sees it taken.
    for (const waiter of this.waiters) {
      if (this.fits(waiter.holder)) waiter.admit();
      else still.push(waiter);
    }
    this.waiters = still;
  }
}

const principalKey = (holder: ShareHolder) => `${holder.tenant}\u0000${holder.principal}`;

function bump(counts: Map<string, number>, key: string, by: number): void {
  const next = (counts.get(key) ?? 0) + by;
  if (next <= 0) counts.delete(key);
  else counts.set(key, next);
}
