// A value read now, every `everyMs` while the page is open, and whenever approvals change in this
// tab (APPROVALS_CHANGED): the top bar's counts stay fresh without a push channel.
import { useCallback, useEffect, useState } from 'react';
import { APPROVALS_CHANGED } from './notification-api.ts';

export function usePolled<T>(read: () => Promise<T>, everyMs: number): { value: T | undefined; refresh: () => void } {
  const [value, setValue] = useState<T | undefined>(undefined);
  const [tick, setTick] = useState(0);
  const refresh = useCallback(() => setTick((count) => count + 1), []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `tick` is the re-read trigger.
  useEffect(() => {
    let current = true;
    read().then(
      (next) => current && setValue(next),
      () => undefined, // a failed poll keeps the last value; the next one tries again
    );
    return () => {
      current = false;
    };
  }, [read, tick]);
  useEffect(() => {
    const timer = window.setInterval(refresh, everyMs);
    window.addEventListener(APPROVALS_CHANGED, refresh);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener(APPROVALS_CHANGED, refresh);
    };
  }, [everyMs, refresh]);
  return { value, refresh };
}
