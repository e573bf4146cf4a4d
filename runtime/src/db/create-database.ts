// Opens the one database Tessera runs on: a pg Pool when a URL is given, else PGlite (PostgreSQL
// compiled to WASM) in a data directory or in memory. Both speak the same SQL through Kysely, so
// everything above this file is driver-agnostic. Returns a handle with LISTEN/NOTIFY support.
import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Readable } from 'node:stream';
import { ConnectionShares } from './connection-shares.ts';
import { copyOut } from './copy-out.ts';
import { deferredBeginPool } from './deferred-begin-pool.ts';
import { cancelRunningStatement, fairPool } from './fair-pool.ts';
import { preparedStatementPool } from './prepared-statement-pool.ts';
import type { SystemDatabase } from './system-schema.ts';
import type { ObjectDb } from './tenant-tables.ts';

export type DatabaseKind = 'postgres' | 'pglite';

export interface DatabaseConfig {
  /** postgres://… When absent, PGlite is used. */
  url?: string;
  /** PGlite data directory; absent means in-memory. */
  dataDir?: string;
  /** pg pool size (default 10). */
  poolSize?: number;
  /**
   * Fractions of the pool one tenant, and one user of a tenant, may hold at once (defaults 0.8
   * and 0.6: with 10 connections, 8 and 6). The tenant share keeps a reserve for every other
   * tenant however slow one tenant's statements are; both are generous because a tenant alone on
   * the server (most installations) or one integration script should still use most of the pool:
   * at 0.5 and 0.3 a single token was held to 3 connections and the bench's create and patch fell
   * to half the baseline's throughput. PostgreSQL only: PGlite serves one statement at a time.
   */
  connectionShares?: { tenant: number; user: number };
  /** statement_timeout every request connection starts with, in ms (default 15 s; PostgreSQL only). */
  statementTimeoutMs?: number;
  /**
   * Heavy statements (text searches, reports: they read every row) one tenant may run at once
   * (default: half the CPU cores, at least 1). They also run without parallel workers, so one
   * tenant's flood of expensive lists keeps PostgreSQL's other cores for everybody else.
   */
  heavyStatementsPerTenant?: number;
}

export const defaultHeavyStatementsPerTenant = (): number => Math.max(1, Math.floor(availableParallelism() / 2));

export const DEFAULT_CONNECTION_SHARES = { tenant: 0.8, user: 0.6 } as const;
export const DEFAULT_STATEMENT_TIMEOUT_MS = 15_000;

export interface Database {
  kind: DatabaseKind;
  /** Object tables are untyped; tenant system tables are typed through tenantTables(db, schema), cross-tenant ones through `system`. */
  db: ObjectDb;
  system: Kysely<SystemDatabase>;
  /**
   * Where metadata changes run: on PostgreSQL a pool of its own (2 connections), so an
   * administrator's change never waits for a connection behind request traffic; on PGlite `db`.
   */
  changes: ObjectDb;
  /** Request connections held per tenant (PostgreSQL; absent on PGlite). */
  shares?: ConnectionShares;
  /**
   * `COPY … TO STDOUT` of a statement as a byte stream on a request connection (db/copy-out.ts);
   * PostgreSQL only (PGlite's driver has no COPY sub-protocol: callers keep their paged path).
   */
  copyOut?: (statement: string) => Promise<Readable>;
  /** Subscribe to a NOTIFY channel; returns an unsubscribe function. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

// Dates stay ISO strings and int8 becomes a JS number (counts and revisions fit easily);
// record reads never see these parsers because PostgreSQL renders them as JSON text.
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (format === 'binary') return pg.types.getTypeParser(oid, format);
    if (oid === 1082) return (value: string) => value;
    if (oid === 20) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
};

export async function createDatabase(config: DatabaseConfig): Promise<Database> {
  return config.url
    ? openPostgres(
        config.url,
        config.poolSize ?? 10,
        config.connectionShares ?? DEFAULT_CONNECTION_SHARES,
        config.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
        config.heavyStatementsPerTenant ?? defaultHeavyStatementsPerTenant(),
      )
    : openPGlite(config.dataDir);
}

async function openPostgres(
  url: string,
  poolSize: number,
  fractions: { tenant: number; user: number },
  statementTimeoutMs: number,
  heavyPerTenant: number,
): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types: pgTypes,
    // Every session renders timestamps in UTC so JSON output is stable across servers, and no
    // statement runs unbounded, whether or not a request scope sets a class's own limit.
    options: `-c TimeZone=UTC -c statement_timeout=${Math.trunc(statementTimeoutMs)}`,
  });
  // An idle client whose connection the server ends (restart, failover, a dropped test database)
  // makes the pool emit 'error'; pg-pool already discards that client, and without a listener
  // Node would turn the event into an uncaught exception that takes the process down.
  pool.on('error', () => undefined);
  const shares = new ConnectionShares({
    perTenant: Math.max(1, Math.ceil(poolSize * fractions.tenant)),
    perPrincipal: Math.max(1, Math.ceil(poolSize * fractions.user)),
  });
  const heavy = new ConnectionShares({ perTenant: heavyPerTenant, perPrincipal: heavyPerTenant });
  const requestPool = fairPool(preparedStatementPool(pool), shares, cancelRunningStatement(url), statementTimeoutMs, heavy);
  const db = new Kysely<SystemDatabase>({ dialect: new PostgresDialect({ pool: requestPool }) });
  const changesPool = new pg.Pool({ connectionString: url, max: 2, types: pgTypes, options: '-c TimeZone=UTC' });
  changesPool.on('error', () => undefined);
  const changes = new Kysely<SystemDatabase>({ dialect: new PostgresDialect({ pool: deferredBeginPool(changesPool) }) });
  let listener: pg.Client | undefined;
  const handlers = new Map<string, Set<(payload: string) => void>>();
  return {
    kind: 'postgres',
    db,
    system: db,
    changes,
    shares,
    copyOut: (statement) => copyOut(requestPool, statement),
    async listen(channel, onPayload) {
      if (!listener) {
        listener = new pg.Client({ connectionString: url });
        await listener.connect();
        listener.on('notification', (message) => {
          for (const handler of handlers.get(message.channel) ?? []) handler(message.payload ?? '');
        });
        // A broken LISTEN connection must not crash the process; the periodic check covers the gap.
        listener.on('error', () => undefined);
      }
      let set = handlers.get(channel);
      if (!set) {
        set = new Set();
        handlers.set(channel, set);
        await listener.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      }
      set.add(onPayload);
      return async () => {
        set?.delete(onPayload);
      };
    },
    async close() {
      await listener?.end().catch(() => undefined);
      await changes.destroy();
      await db.destroy();
    },
  };
}

async function openPGlite(dataDir: string | undefined): Promise<Database> {
  // Loaded on demand: a server on PostgreSQL never pays for the WASM build's memory.
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGliteDialect } = await import('kysely-pglite-dialect');
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = dataDir ? new PGlite(dataDir) : new PGlite();
  await client.waitReady;
  await client.exec(`SET TIME ZONE 'UTC'`);
  const db = new Kysely<SystemDatabase>({ dialect: new PGliteDialect(client) });
  return {
    kind: 'pglite',
    db,
    system: db,
    changes: db,
    async listen(channel, onPayload) {
      const unsubscribe = await client.listen(channel, onPayload);
      return async () => unsubscribe();
    },
    async close() {
      await db.destroy();
    },
  };
}

/** True when the database answers a trivial query. */
export async function isReachable(database: Database): Promise<boolean> {
  try {
    await sql`select 1`.execute(database.db);
    return true;
  } catch {
    return false;
  }
}
