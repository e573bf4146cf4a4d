// Environment → runtime configuration. One place decides defaults so `serve` and every CLI
// command open the same database the same way.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase, type Database } from '../db/create-database.ts';
import { runSystemMigrations } from '../db/system-migrations.ts';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export interface RuntimeConfig {
  databaseUrl: string | undefined;
  dataDir: string;
  port: number;
  adminToken: string | undefined;
  designerDir: string;
  stateDir: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  const stateDir = env.TESSERA_STATE_DIR ? resolveFromCaller(env.TESSERA_STATE_DIR) : join(REPO_ROOT, '.tessera');
  const dataDir = env.TESSERA_DATA_DIR ? resolveFromCaller(env.TESSERA_DATA_DIR) : join(stateDir, 'data');
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    port: Number(env.PORT ?? 3000),
    adminToken: env.TESSERA_ADMIN_TOKEN || undefined,
    designerDir: join(REPO_ROOT, 'designer', 'dist'),
    stateDir,
  };
}

/** Paths on the command line are relative to where the user typed the command. */
export function resolveFromCaller(path: string): string {
  return isAbsolute(path) ? path : resolve(process.env.INIT_CWD ?? process.cwd(), path);
}

/**
 * Opens the configured database and brings the system schema up to date. PGlite is a
 * single-process database, so its data directory is guarded by a pid lock file: a second
 * process gets a clear error instead of corrupting the files.
 */
export async function openConfiguredDatabase(config: RuntimeConfig): Promise<Database> {
  let release = () => undefined as void;
  if (!config.databaseUrl) release = lockDataDir(config.dataDir);
  try {
    const database = await createDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir });
    await runSystemMigrations(database.db);
    return {
      ...database,
      async close() {
        await database.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockFile = join(dataDir, 'tessera.pid');
  if (existsSync(lockFile)) {
    const holder = Number(readFileSync(lockFile, 'utf8'));
    if (holder && holder !== process.pid && processAlive(holder)) {
      throw new Error(
        `The embedded database at ${dataDir} is in use by process ${holder} (a running Tessera server). PGlite serves one process at a time: use the HTTP API of that server, stop it first, or set DATABASE_URL to a PostgreSQL server.`,
      );
    }
  }
  writeFileSync(lockFile, String(process.pid));
  return () => rmSync(lockFile, { force: true });
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
