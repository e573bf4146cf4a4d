// Spawns a server as a child process (`node <entry>.js`, or `node --import tsx <entry>.ts` from
// source), waits for GET /api/v1/health
// to answer 200 and reports how long that took (cold start), samples its resident memory, stops it.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

export interface ServerProcess {
  name: string;
  child: ChildProcess;
  pid: number;
  baseUrl: string;
  /** Milliseconds from spawn to the first 200 from /api/v1/health. */
  coldStartMs: number;
  /** The last lines the process wrote, for error messages. */
  log(): string;
  /** How the process ended, or undefined while it runs. */
  exited(): string | undefined;
  stop(): Promise<void>;
}

export interface SpawnOptions {
  name: string;
  entry: string;
  args?: string[];
  cwd: string;
  /** PORT is added: a free loopback port. */
  env: Record<string, string>;
  timeoutMs?: number;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function startServer(options: SpawnOptions): Promise<ServerProcess> {
  const port = await freePort();
  const started = performance.now();
  // BENCH_CPU_PROF=<dir> writes V8 CPU profiles into <dir>/<server name>/ when a server stops (one
  // file per process and thread, named by Node with pid and thread id, so restarts do not overwrite).
  const profileDir = process.env.BENCH_CPU_PROF;
  const profile = profileDir ? ['--cpu-prof', '--cpu-prof-dir', `${profileDir}/${options.name}`] : [];
  // A built entry (.js) runs on plain node, as in production; a .ts entry runs from source through tsx.
  const loader = options.entry.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...profile, ...loader, options.entry, ...(options.args ?? [])], {
    cwd: options.cwd,
    // TESSERA_DEMO=off: a bench database starts empty, and the first-start demo would add a tenant and write .tessera/demo-users.
    env: { ...process.env, TESSERA_DEMO: 'off', ...options.env, PORT: String(port), NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: string | undefined;
  child.on('exit', (code, signal) => {
    exited = `exited with ${signal ?? code}`;
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = started + (options.timeoutMs ?? 60_000);
  const log = () => lines.slice(-40).join('\n');
  const stop = () => stopChild(child);
  for (;;) {
    if (exited) throw new Error(`${options.name} ${exited} before it was ready:\n${log()}`);
    if (performance.now() > deadline) {
      await stop();
      throw new Error(`${options.name} did not answer GET /api/v1/health within ${options.timeoutMs ?? 60_000} ms:\n${log()}`);
    }
    const ok = await fetch(`${baseUrl}/api/v1/health`).then(
      (response) => response.status === 200,
      () => false,
    );
    if (ok) break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return {
    name: options.name,
    child,
    pid: child.pid ?? -1,
    baseUrl,
    coldStartMs: performance.now() - started,
    log,
    exited: () => exited,
    stop,
  };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/** Resident set size in bytes from /proc/<pid>/status (VmRSS), or null where /proc is missing. */
export function residentBytes(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** Samples residentBytes every `intervalMs` until stopped; returns the maximum seen. */
export function sampleMemory(pid: number, intervalMs = 100): { stop(): number | null } {
  let max: number | null = residentBytes(pid);
  const timer = setInterval(() => {
    const value = residentBytes(pid);
    if (value !== null && (max === null || value > max)) max = value;
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return max;
    },
  };
}
