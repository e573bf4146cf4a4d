import { describe, expect, it } from 'vitest';
import { garbageCollectorFlags } from './gc-tuning.ts';

describe('garbageCollectorFlags', () => {
  it('turns pretenuring off and caps old-generation growth at 1.5x by default', () => {
    expect(garbageCollectorFlags({})).toEqual(['--no-allocation-site-pretenuring', '--heap-growing-percent=50']);
  });

  it("restores V8's defaults when asked", () => {
    expect(garbageCollectorFlags({ TESSERA_GC_PRETENURING: 'on', TESSERA_GC_HEAP_GROWING_PERCENT: '0' })).toEqual(['--heap-growing-percent=0']);
  });

  it('refuses a malformed growing percentage instead of ignoring it', () => {
    for (const value of ['', '-1', '1.5', '1000', '50%']) {
      expect(() => garbageCollectorFlags({ TESSERA_GC_HEAP_GROWING_PERCENT: value })).toThrow(/TESSERA_GC_HEAP_GROWING_PERCENT/);
    }
  });
});
