// Starts `tessera serve` as a real child process (as `pnpm start` does), on a free port with its
// own state directory, and waits for /api/v1/health.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serverLogReader } from './spawned-server-log.ts';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const CLI = join(REPO_ROOT, 'runtime/src/cli/main.ts');
/** Preloaded into spawned servers: prints each 5xx answer for the guard (server-errors.ts). */
export const ERROR_PROBE = join(REPO_ROOT, 'tests/support/spawned-error-probe.ts');

export interface SpawnedServer {
  url: string;
  stateDir: string;
  process: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

export async function spawnServer(env: Record<string, string> = {}): Promise<SpawnedServer> {
  const stateDir = mkdtempSync(join(tmpdir(), 'tessera-state-'));
  const port = await freePort();
  let output = '';
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', ERROR_PROBE, CLI, 'serve'], {
    cwd: REPO_ROOT,
    // TESSERA_DEMO=off: suites start on empty databases and expect them empty (a test opts in with env).
    env: {
      ...process.env,
      TESSERA_DEMO: 'off',
      PORT: String(port),
      TESSERA_STATE_DIR: join(stateDir, '.tessera'),
      TESSERA_DATA_DIR: join(stateDir, '.tessera', 'data'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    const readLog = serverLogReader(url);
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      output += chunk;
      readLog(chunk);
    });
  }
  // Closed once the process exited and its output was read to the end (the guard's last lines).
  const closed = new Promise((r) => child.once('close', r));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      const response = await fetch(`${url}/api/v1/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    stateDir,
    process: child,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await closed;
    },
  };
}
