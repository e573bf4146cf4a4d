import { describe, expect, it } from 'vitest';
import { OperationRegistry } from './operation-progress.ts';

const step = (n: number) => ({ step: n, kind: 'add_column' as const, object: 'account', description: `add account.f${n}`, risk: 'safe' as const, rows: 0 });

describe('OperationRegistry', () => {
  it('keeps an operation per tenant: another tenant does not see it', () => {
    const registry = new OperationRegistry();
    const tracker = registry.start('acme', 'a', 'install');
    tracker.metadataStep(step(1), 2);
    expect(registry.get('acme', 'a')).toMatchObject({ phase: 'metadata', steps: { current: 1, total: 2, description: 'add account.f1', rows: 0 } });
    expect(registry.get('globex', 'a')).toBeUndefined();
  });

  it('forgets an operation five minutes after it ends, not while it runs', () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const registry = new OperationRegistry(() => new Date(now));
    registry.start('acme', 'running', 'install');
    registry.start('acme', 'ended', 'uninstall').done();
    now += 5 * 60 * 1000 + 1;
    expect(registry.get('acme', 'ended')).toBeUndefined();
    expect(registry.get('acme', 'running')).toMatchObject({ phase: 'metadata', endedAt: null });
  });

  it('holds at most 20 operations per tenant, dropping the oldest', () => {
    const registry = new OperationRegistry();
    for (let index = 0; index < 25; index += 1) registry.start('acme', `op${index}`, 'install').done();
    expect(registry.get('acme', 'op4')).toBeUndefined();
    expect(registry.get('acme', 'op5')).toMatchObject({ phase: 'done' });
    expect(registry.get('acme', 'op24')).toMatchObject({ phase: 'done' });
  });

  it('logs about a hundred sample-data events however many records, ending at the total', () => {
    const registry = new OperationRegistry();
    const tracker = registry.start('acme', 'a', 'install');
    for (let created = 0; created <= 10_000; created += 1) tracker.sampleRecords(created, 10_000);
    const events = registry.get('acme', 'a')?.events ?? [];
    expect(events.length).toBeLessThanOrEqual(102);
    expect(events.at(-1)).toMatchObject({ phase: 'sampleData', created: 10_000, total: 10_000 });
  });
});
