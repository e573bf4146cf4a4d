import { describe, expect, it } from 'vitest';
import { DEFAULT_VALIDATION_FAILURE_LIMIT, FailureWindows, validationFailureLimitFromEnv } from './validation-throttle.ts';

describe('failed-validation windows', () => {
  it('blocks a key at the limit until its minute ends, and trips once', () => {
    let now = 1_000_000;
    const windows = new FailureWindows({ perMinute: 3 }, () => now);
    expect([windows.fail('a'), windows.fail('a'), windows.fail('a'), windows.fail('a')]).toEqual([false, false, true, false]);
    expect(windows.blockedFor('a')).toBe(60);
    expect(windows.blockedFor('b')).toBe(0);
    now += 59_500;
    expect(windows.blockedFor('a')).toBe(1);
    now += 500;
    expect(windows.blockedFor('a')).toBe(0);
    expect(windows.fail('a')).toBe(false); // a new window
  });

  it('reads TESSERA_VALIDATION_FAILURES_PER_MINUTE: a number, 0 for off, else the default', () => {
    expect(validationFailureLimitFromEnv({ TESSERA_VALIDATION_FAILURES_PER_MINUTE: '25' })).toEqual({ perMinute: 25 });
    expect(validationFailureLimitFromEnv({ TESSERA_VALIDATION_FAILURES_PER_MINUTE: '0' })).toBe(false);
    expect(validationFailureLimitFromEnv({ TESSERA_VALIDATION_FAILURES_PER_MINUTE: 'lots' })).toEqual(DEFAULT_VALIDATION_FAILURE_LIMIT);
    expect(validationFailureLimitFromEnv({})).toEqual(DEFAULT_VALIDATION_FAILURE_LIMIT);
  });
});
