// A server entry (.ts) → one ES module of plain JavaScript that `node` runs without tsx. Run from
// source, tsx transpiles each of the runtime's ~600 modules at start and keeps their source maps:
// seconds of cold start and tens of MiB that a production process does not need.
// Our own code (the entry's folder tree and @tessera/* workspace packages, which export .ts
// source) is bundled; every other package stays external, pointed at the file its importer
// resolves to: pnpm keeps a package's dependencies next to it, not in runtime/node_modules.
import { cpSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build, type Plugin } from 'esbuild';

export interface BundleOptions {
  entry: string;
  outfile: string;
  /** Folders copied next to the bundle: files a module reads beside itself (`new URL('./x', import.meta.url)`). */
  copy?: ReadonlyArray<{ from: string; to: string }>;
}

/**
 * Module paths stay relative to the bundle: `new URL('../../x', import.meta.url)` in runtime/src/<area>/
 * finds the same file from runtime/dist/cli/main.js, because both sit two folders below runtime/.
 */
export async function bundleEntry(options: BundleOptions): Promise<void> {
  await build({
    entryPoints: [options.entry],
    outfile: options.outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Readable stack traces in logs without a source map kept in memory: names survive, and
    // `node --enable-source-maps` maps lines when someone needs them.
    sourcemap: 'linked',
    keepNames: true,
    logLevel: 'warning',
    plugins: [externalPackages()],
  });
  for (const { from, to } of options.copy ?? []) if (existsSync(from)) cpSync(from, to, { recursive: true });
}

// Go regular expressions (esbuild's) have no lookahead: `node:` builtins are let through below.
const BARE = /^[^./]/;
const WORKSPACE = /^@tessera\//;

function externalPackages(): Plugin {
  return {
    name: 'external-packages',
    setup(builder) {
      builder.onResolve({ filter: BARE }, async (args) => {
        if (WORKSPACE.test(args.path) || args.path.startsWith('node:') || args.pluginData === 'resolving') return undefined;
        const resolved = await builder.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: 'resolving' });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        return { path: resolved.path, external: true };
      });
    },
  };
}

/** The runtime's own bundle: runtime/dist/cli/main.js, with the data files its modules read. */
export async function bundleRuntime(runtimeDir: string): Promise<string> {
  const outfile = join(runtimeDir, 'dist', 'cli', 'main.js');
  await bundleEntry({
    entry: join(runtimeDir, 'src', 'cli', 'main.ts'),
    outfile,
    copy: [{ from: join(runtimeDir, 'src', 'security', 'data'), to: join(dirname(outfile), 'data') }],
  });
  return outfile;
}
