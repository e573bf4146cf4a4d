// The three servers' entries, built the way production runs them: each bundled to plain JavaScript
// and started with `node`, so no server pays for tsx (per-module transpiling and kept source maps)
// and cold start and memory compare like for like. BENCH_FROM_SOURCE=1 runs the .ts sources
// through tsx instead (for a quick edit-and-measure loop; not comparable with built numbers).
import { fileURLToPath } from 'node:url';
import { bundleEntry, bundleRuntime } from '@tessera/runtime/bundle';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const RUNTIME_SOURCE = `${REPO_ROOT}runtime/src/cli/main.ts`;

export interface ServerEntries {
  tessera: string;
  lean: string;
  baseline: string;
  built: boolean;
}

const SOURCES = {
  lean: `${REPO_ROOT}bench/src/baseline/lean/main.ts`,
  baseline: `${REPO_ROOT}bench/src/baseline/main.ts`,
};

export async function serverEntries(env: NodeJS.ProcessEnv = process.env): Promise<ServerEntries> {
  if (env.BENCH_FROM_SOURCE === '1') return { tessera: RUNTIME_SOURCE, ...SOURCES, built: false };
  // The baselines' bundles sit under bench/, the runtime's under runtime/: where their packages resolve from.
  const [tessera, lean, baseline] = await Promise.all([
    bundleRuntime(`${REPO_ROOT}runtime`),
    bundleBaseline('lean', SOURCES.lean),
    bundleBaseline('baseline', SOURCES.baseline),
  ]);
  return { tessera, lean, baseline, built: true };
}

async function bundleBaseline(name: string, entry: string): Promise<string> {
  const outfile = `${REPO_ROOT}bench/dist/${name}/main.js`;
  await bundleEntry({ entry, outfile });
  return outfile;
}
