// Data a Setup page reads when it opens and again after each change it makes: loading, ready or
// the problem that stopped it. The newest load wins, so a slow answer never overwrites a newer one.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../api/index.ts';
import { toApiError } from '../../shell/session.tsx';

export type Loaded<T> = { status: 'loading' } | { status: 'ready'; data: T } | { status: 'failed'; error: ApiError };

export function useLoaded<T>(load: () => Promise<T>): { state: Loaded<T>; reload: () => void } {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` is the reload trigger; each load uses the `load` of its render.
  useEffect(() => {
    const mine = ++latest.current;
    load().then(
      (data) => mine === latest.current && setState({ status: 'ready', data }),
      (error: unknown) => mine === latest.current && setState({ status: 'failed', error: toApiError(error) }),
    );
  }, [generation]);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { state, reload };
}
