import { describe, expect, it } from 'vitest';
import { ConnectionShares, ShareWaitTimeoutError } from './connection-shares.ts';
import { ClientClosedError } from './request-scope.ts';

const holder = (tenant: string, principal = 'u1') => ({ tenant, principal });
const settled = async <T>(promise: Promise<T>) => {
  let state: 'pending' | 'resolved' | 'rejected' = 'pending';
  promise.then(
    () => {
      state = 'resolved';
    },
    () => {
      state = 'rejected';
    },
  );
  await new Promise((resolve) => setImmediate(resolve));
  return state;
};

describe('connection shares', () => {
  it('lets a tenant hold at most its share and admits its next waiter when one is released', async () => {
    const shares = new ConnectionShares({ perTenant: 2, perPrincipal: 2 });
    const first = await shares.acquire(holder('a', 'u1'), { maxWaitMs: 0 });
    await shares.acquire(holder('a', 'u2'), { maxWaitMs: 0 });
    const third = shares.acquire(holder('a', 'u3'), { maxWaitMs: 0 });
    expect(await settled(third)).toBe('pending');
    expect(shares.held('a')).toBe(2);
    first();
    expect(await settled(third)).toBe('resolved');
    expect(shares.held('a')).toBe(2);
  });

  it('never makes another tenant wait behind a full one', async () => {
    const shares = new ConnectionShares({ perTenant: 1, perPrincipal: 1 });
    await shares.acquire(holder('a'), { maxWaitMs: 0 });
    const queued = shares.acquire(holder('a'), { maxWaitMs: 0 });
    const other = shares.acquire(holder('b'), { maxWaitMs: 0 });
    expect(await settled(other)).toBe('resolved');
    expect(await settled(queued)).toBe('pending');
  });

  it('bounds one user within the tenant share', async () => {
    const shares = new ConnectionShares({ perTenant: 3, perPrincipal: 1 });
    await shares.acquire(holder('a', 'flood'), { maxWaitMs: 0 });
    expect(await settled(shares.acquire(holder('a', 'flood'), { maxWaitMs: 0 }))).toBe('pending');
    expect(await settled(shares.acquire(holder('a', 'colleague'), { maxWaitMs: 0 }))).toBe('resolved');
  });

  it('gives up after the wait budget with a typed error, and the slot count stays right', async () => {
    const shares = new ConnectionShares({ perTenant: 1, perPrincipal: 1 });
    const release = await shares.acquire(holder('a'), { maxWaitMs: 0 });
    await expect(shares.acquire(holder('a'), { maxWaitMs: 20 })).rejects.toBeInstanceOf(ShareWaitTimeoutError);
    release();
    expect(shares.held('a')).toBe(0);
    const again = await shares.acquire(holder('a'), { maxWaitMs: 0 });
    again();
    again(); // a second release is ignored
    expect(shares.held('a')).toBe(0);
  });

  it('stops waiting when the client goes away', async () => {
    const shares = new ConnectionShares({ perTenant: 1, perPrincipal: 1 });
    await shares.acquire(holder('a'), { maxWaitMs: 0 });
    const controller = new AbortController();
    const waiting = shares.acquire(holder('a'), { maxWaitMs: 0, signal: controller.signal });
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(ClientClosedError);
    await expect(shares.acquire(holder('a'), { maxWaitMs: 0, signal: controller.signal })).rejects.toBeInstanceOf(ClientClosedError);
  });
});
