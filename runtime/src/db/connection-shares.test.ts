import { describe, expect, it } from 'vitest';
import { ConnectionShares, ShareWaitTimeoutError } from './connection-shares.ts';
import { ClientClosedError, ClientPresence } from './request-scope.ts';

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

  it('lets one user use the whole tenant share while no colleague waits (the user share is soft)', async () => {
    const shares = new ConnectionShares({ perTenant: 3, perPrincipal: 1 });
    for (let i = 0; i < 3; i++) expect(await settled(shares.acquire(holder('a', 'script'), { maxWaitMs: 0 }))).toBe('resolved');
    expect(await settled(shares.acquire(holder('a', 'script'), { maxWaitMs: 0 }))).toBe('pending');
  });

  it('gives a waiting colleague the next connection ahead of a user past their share', async () => {
    const shares = new ConnectionShares({ perTenant: 2, perPrincipal: 1 });
    const first = await shares.acquire(holder('a', 'flood'), { maxWaitMs: 0 });
    await shares.acquire(holder('a', 'flood'), { maxWaitMs: 0 });
    const flood = shares.acquire(holder('a', 'flood'), { maxWaitMs: 0 });
    const colleague = shares.acquire(holder('a', 'colleague'), { maxWaitMs: 0 });
    first();
    expect(await settled(colleague)).toBe('resolved');
    expect(await settled(flood)).toBe('pending');
    // The tenant share is full now: a further request waits, whoever sends it.
    const another = shares.acquire(holder('a', 'colleague'), { maxWaitMs: 0 });
    expect(await settled(another)).toBe('pending');
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
    const client = new ClientPresence();
    const waiting = shares.acquire(holder('a'), { maxWaitMs: 0, client });
    client.markGone();
    await expect(waiting).rejects.toBeInstanceOf(ClientClosedError);
    await expect(shares.acquire(holder('a'), { maxWaitMs: 0, client })).rejects.toBeInstanceOf(ClientClosedError);
  });
});
