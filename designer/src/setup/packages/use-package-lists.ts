// The installed and available packages, loaded together and reloadable after an operation.
import { useCallback, useEffect, useState } from 'react';
import type { ApiError, AvailablePackage, InstalledPackage } from '../../api/index.ts';
import { toApiError, useSession } from '../../shell/session.tsx';

export type PackageLists =
  | { status: 'loading' }
  | { status: 'ready'; installed: InstalledPackage[]; available: AvailablePackage[] }
  | { status: 'failed'; error: ApiError };

export function usePackageLists(): { lists: PackageLists; reload: () => void } {
  const { client } = useSession();
  const [lists, setLists] = useState<PackageLists>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` is the reload trigger.
  useEffect(() => {
    let current = true;
    Promise.all([client.listPackages(), client.listAvailablePackages()]).then(
      ([installed, available]) => current && setLists({ status: 'ready', installed: installed.data, available: available.data }),
      (error: unknown) => current && setLists({ status: 'failed', error: toApiError(error) }),
    );
    return () => {
      current = false;
    };
  }, [client, generation]);

  // A reload keeps the tables on screen (no flash of "loading"); the answer replaces them.
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { lists, reload };
}
