// Makes sure the Debian `chromium` package is installed and returns its executable path.
// Browser tests drive that real Chromium through playwright-core (no Playwright-downloaded
// browser): on a bare Debian machine running as root, the first run installs it with apt.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Flags for a quiet, reproducible headless run. Playwright adds a fresh temporary --user-data-dir itself. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const INSTALL_LOCK = join(tmpdir(), 'tessera-chromium-install.lock');
const INSTALL_TIMEOUT_MS = 15 * 60_000;

let installing: Promise<string> | undefined;

export function ensureChromium(): Promise<string> {
  if (existsSync(CHROMIUM_PATH)) return Promise.resolve(CHROMIUM_PATH);
  installing ??= install().catch((error: unknown) => {
    installing = undefined;
    throw error;
  });
  return installing;
}

async function install(): Promise<string> {
  const isRoot = process.getuid?.() === 0;
  const isDebian = existsSync('/etc/debian_version') && existsSync('/usr/bin/apt-get');
  if (!isRoot || !isDebian) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM_PATH}. The browser tests need the Debian "chromium" package: ` +
        `run "apt-get update && apt-get install -y chromium" as root (automatic only when the tests run as root on Debian; ` +
        `here: ${isRoot ? 'root' : 'not root'}, ${isDebian ? 'Debian' : 'not Debian'}).`,
    );
  }
  // Test files run in parallel processes; apt holds its own lock and would fail the second one,
  // so one process installs and the others wait for the executable to appear.
  if (!tryLock()) return waitForInstall();
  try {
    log(`${CHROMIUM_PATH} is missing; installing the Debian "chromium" package`);
    await run('apt-get', ['update']);
    await run('apt-get', ['install', '-y', 'chromium']);
    if (!existsSync(CHROMIUM_PATH)) throw new Error(`apt-get installed "chromium" but ${CHROMIUM_PATH} does not exist`);
    log(`installed ${CHROMIUM_PATH}`);
    return CHROMIUM_PATH;
  } finally {
    rmSync(INSTALL_LOCK, { recursive: true, force: true });
  }
}

/**
 * Best effort: a font with Chinese glyphs, so screenshots of zh labels are readable rather than
 * boxes. Assertions read the DOM, never pixels, so a failure here is only logged.
 */
export async function ensureCjkFont(): Promise<void> {
  if (await hasCjkFont()) return;
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get') || !tryLock()) {
    log('no CJK font installed; Chinese text in screenshots will show as boxes');
    return;
  }
  try {
    log('no CJK font installed; installing the Debian "fonts-wqy-zenhei" package for readable screenshots');
    await run('apt-get', ['install', '-y', 'fonts-wqy-zenhei']).catch(async () => {
      await run('apt-get', ['update']);
      await run('apt-get', ['install', '-y', 'fonts-wqy-zenhei']);
    });
  } catch (error) {
    log(`could not install a CJK font: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  } finally {
    rmSync(INSTALL_LOCK, { recursive: true, force: true });
  }
}

function hasCjkFont(): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn('fc-list', [':lang=zh', 'family'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', () => resolve(false));
    child.on('close', () => resolve(output.trim().length > 0));
  });
}

function tryLock(): boolean {
  try {
    mkdirSync(INSTALL_LOCK);
    return true;
  } catch {
    return false;
  }
}

async function waitForInstall(): Promise<string> {
  log(`another process is installing chromium (${INSTALL_LOCK}); waiting`);
  const deadline = Date.now() + INSTALL_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
    if (!existsSync(INSTALL_LOCK)) {
      if (existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
      throw new Error(`the other process gave up installing chromium; see its log`);
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(`timed out waiting for ${CHROMIUM_PATH}`);
}

function run(command: string, args: string[]): Promise<void> {
  log(`$ ${command} ${args.join(' ')}`);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let tail = '';
    const collect = (chunk: Buffer) => {
      tail = (tail + chunk.toString()).slice(-4000);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => child.kill('SIGTERM'), INSTALL_TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`}):\n${tail}`));
    });
  });
}

function log(message: string): void {
  console.info(`[ensure-chromium] ${message}`);
}
