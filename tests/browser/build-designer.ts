// Builds designer/ with Vite's build() API, at most once per test run: skipped when
// dist/index.html is newer than every source file. Returns the dist directory the runtime serves.
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const DESIGNER_DIR = resolve(fileURLToPath(new URL('../../designer', import.meta.url)));
export const DESIGNER_DIST = join(DESIGNER_DIR, 'dist');

const LOCK = join(DESIGNER_DIR, '.build.lock');
const LOCK_TIMEOUT_MS = 5 * 60_000;

/** The slice of Vite's API used here; Vite is the designer's dependency, not the tests'. */
interface ViteBuildApi {
  build(config: { root: string; configFile: string; logLevel: 'info' | 'warn' | 'error' | 'silent'; mode: string }): Promise<unknown>;
}

let building: Promise<string> | undefined;

export function buildDesigner(): Promise<string> {
  building ??= buildOnce().catch((error: unknown) => {
    building = undefined;
    throw error;
  });
  return building;
}

async function buildOnce(): Promise<string> {
  if (isFresh()) return DESIGNER_DIST;
  // Test files run in parallel processes: one builds, the others wait and reuse its output.
  if (!tryLock()) {
    await waitForUnlock();
    if (isFresh()) return DESIGNER_DIST;
    throw new Error('another process was building the designer and left no fresh dist/');
  }
  try {
    const vite = await importDesignerVite();
    await vite.build({ root: DESIGNER_DIR, configFile: join(DESIGNER_DIR, 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
    if (!existsSync(join(DESIGNER_DIST, 'index.html'))) throw new Error(`vite build finished but ${DESIGNER_DIST}/index.html is missing`);
    return DESIGNER_DIST;
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Resolve `vite` the way designer/ does, so the build uses the version designer/package.json pins. */
async function importDesignerVite(): Promise<ViteBuildApi> {
  const fromDesigner = createRequire(join(DESIGNER_DIR, 'package.json'));
  return (await import(pathToFileURL(fromDesigner.resolve('vite')).href)) as ViteBuildApi;
}

function isFresh(): boolean {
  const built = join(DESIGNER_DIST, 'index.html');
  if (!existsSync(built)) return false;
  const builtAt = statSync(built).mtimeMs;
  const sources = [
    ...listFiles(join(DESIGNER_DIR, 'src')),
    join(DESIGNER_DIR, 'index.html'),
    join(DESIGNER_DIR, 'vite.config.ts'),
    join(DESIGNER_DIR, 'package.json'),
  ];
  return sources.every((file) => !existsSync(file) || statSync(file).mtimeMs < builtAt);
}

function listFiles(directory: string): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

function tryLock(): boolean {
  try {
    mkdirSync(LOCK);
    return true;
  } catch {
    // A lock older than the timeout was left by a killed run.
    if (Date.now() - statSync(LOCK).mtimeMs > LOCK_TIMEOUT_MS) {
      rmSync(LOCK, { recursive: true, force: true });
      return tryLock();
    }
    return false;
  }
}

async function waitForUnlock(): Promise<void> {
  const deadline = Date.now() + LOCK_TIMEOUT_MS;
  while (existsSync(LOCK)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${LOCK}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
