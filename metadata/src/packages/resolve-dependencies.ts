// A manifest + the packages installed in the tenant → every dependency problem at once: missing
// (not installed), conflicting (installed at a version outside the range, or an upgrade that
// would leave a dependant's range unsatisfied), cyclic (the graph with this package has a loop),
// and the platform range. Pure: the caller reads `_packages`.
import { type ProblemDetail, problem } from '../error-codes.ts';
import type { PackageManifest } from './package-types.ts';
import { satisfies } from './semver-ranges.ts';

export interface InstalledDependencyInfo {
  namespace: string;
  version: string;
  dependencies: Record<string, string>;
}

export interface DependencyStatus {
  namespace: string;
  range: string;
  installed: string | null;
  ok: boolean;
}

export interface DependencyReport {
  dependencies: DependencyStatus[];
  problems: ProblemDetail[];
}

export function resolveDependencies(manifest: PackageManifest, installed: readonly InstalledDependencyInfo[], platformVersion: string): DependencyReport {
  const byNamespace = new Map(installed.map((entry) => [entry.namespace, entry]));
  const problems: ProblemDetail[] = [];
  if (manifest.platform !== undefined && !satisfies(platformVersion, manifest.platform)) {
    problems.push(problem('/manifest/platform', 'TSR612', `needs Tessera ${manifest.platform}; this is ${platformVersion}`));
  }
  const dependencies = Object.entries(manifest.dependencies ?? {}).map(([namespace, range]): DependencyStatus => {
    const found = byNamespace.get(namespace);
    const ok = found !== undefined && satisfies(found.version, range);
    if (!found) problems.push(problem(`/manifest/dependencies/${namespace}`, 'TSR601', `needs package ${namespace} ${range}, which is not installed`));
    else if (!ok) problems.push(problem(`/manifest/dependencies/${namespace}`, 'TSR602', `needs ${namespace} ${range}; ${found.version} is installed`));
    return { namespace, range, installed: found?.version ?? null, ok };
  });
  // Installed packages that depend on this one must still accept the new version.
  for (const dependant of installed) {
    const range = dependant.dependencies[manifest.namespace];
    if (dependant.namespace !== manifest.namespace && range !== undefined && !satisfies(manifest.version, range)) {
      problems.push(
        problem('/manifest/version', 'TSR602', `installed package ${dependant.namespace} needs ${manifest.namespace} ${range}, not ${manifest.version}`),
      );
    }
  }
  const cycle = findCycle(manifest, byNamespace);
  if (cycle) problems.push(problem('/manifest/dependencies', 'TSR603', `dependency cycle: ${cycle.join(' → ')}`));
  return { dependencies, problems };
}

/** Depth-first search from the new manifest over the installed graph (with the manifest replacing its namespace). */
function findCycle(manifest: PackageManifest, installed: ReadonlyMap<string, InstalledDependencyInfo>): string[] | undefined {
  const edges = (namespace: string): string[] =>
    Object.keys(namespace === manifest.namespace ? (manifest.dependencies ?? {}) : (installed.get(namespace)?.dependencies ?? {}));
  const path: string[] = [];
  const done = new Set<string>();
  const visit = (namespace: string): string[] | undefined => {
    const at = path.indexOf(namespace);
    if (at >= 0) return [...path.slice(at), namespace];
    if (done.has(namespace)) return undefined;
    path.push(namespace);
    for (const next of edges(namespace)) {
      const found = visit(next);
      if (found) return found;
    }
    path.pop();
    done.add(namespace);
    return undefined;
  };
  return visit(manifest.namespace);
}
