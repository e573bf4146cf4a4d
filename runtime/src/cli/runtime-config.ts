// Environment → runtime configuration. One place decides defaults so `serve` and every CLI
// command open the same database the same way.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase, DEFAULT_CONNECTION_SHARES, type Database, defaultHeavyStatementsPerTenant } from '../db/create-database.ts';
import { DEFAULT_REQUEST_LIMITS, type RequestLimits } from '../http/request-budget.ts';
import { runSystemMigrations } from '../db/system-migrations.ts';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export interface RuntimeConfig {
  databaseUrl: string | undefined;
  dataDir: string;
  port: number;
  adminToken: string | undefined;
  designerDir: string;
  stateDir: string;
  /** Interface to listen on: HOST, else 127.0.0.1 on the embedded database, all interfaces on PostgreSQL. */
  host: string;
  poolSize: number;
  connectionShares: { tenant: number; user: number };
  /** Heavy statements (text searches, reports) one tenant may run at once (PostgreSQL). */
  heavyStatementsPerTenant: number;
  limits: RequestLimits;
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
    host: env.HOST || (env.DATABASE_URL ? '0.0.0.0' : '127.0.0.1'),
    poolSize: positiveNumber(env, 'TESSERA_POOL_SIZE', 10),
    connectionShares: {
      tenant: fraction(env, 'TESSERA_TENANT_CONNECTION_SHARE', DEFAULT_CONNECTION_SHARES.tenant),
      user: fraction(env, 'TESSERA_USER_CONNECTION_SHARE', DEFAULT_CONNECTION_SHARES.user),
    },
    heavyStatementsPerTenant: positiveNumber(env, 'TESSERA_TENANT_HEAVY_STATEMENTS', defaultHeavyStatementsPerTenant()),
    limits: {
      statementTimeoutMs: positiveNumber(env, 'TESSERA_STATEMENT_TIMEOUT_MS', DEFAULT_REQUEST_LIMITS.statementTimeoutMs),
      reportTimeoutMs: positiveNumber(env, 'TESSERA_REPORT_TIMEOUT_MS', DEFAULT_REQUEST_LIMITS.reportTimeoutMs),
    },
  };
}

function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number, not '${raw}'`);
  return value;
}

function fraction(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!(value > 0 && value <= 1)) throw new Error(`${name} must be a fraction of the pool above 0 and at most 1, not '${raw}'`);
  return value;
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
    const database = await createDatabase(
      config.databaseUrl
        ? {
            url: config.databaseUrl,
            poolSize: config.poolSize,
            connectionShares: config.connectionShares,
            heavyStatementsPerTenant: config.heavyStatementsPerTenant,
            statementTimeoutMs: config.limits.statementTimeoutMs,
          }
        : { dataDir: config.dataDir },
    );
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
