// Connects to the PostgreSQL server named by DATABASE_URL (or the local default), recreates the
// bench database (`tessera_bench` unless --database says otherwise) and returns its URL. It drops
// nothing else: the bench owns that one database.
import pg from 'pg';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export class PostgresUnavailableError extends Error {}

export interface BenchDatabase {
  /** URL of the fresh `tessera_bench` database. */
  url: string;
  /** e.g. "PostgreSQL 15.20 (Debian …)". */
  serverVersion: string;
}

export const serverUrl = (): string => process.env.DATABASE_URL || DEFAULT_URL;

/** Same server, other database name; keeps user, password, host, port and query. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function recreateBenchDatabase(name: string): Promise<BenchDatabase> {
  const url = serverUrl();
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new PostgresUnavailableError(
      `The benchmark needs a running PostgreSQL server, and none answered at ${redact(url)} ` +
        `(${(error as Error).message || String(error)}). Start one or set DATABASE_URL.`,
    );
  }
  try {
    const version = await client.query<{ version: string }>('select version()');
    await client.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
    await client.query(`create database ${pg.escapeIdentifier(name)}`);
    const serverVersion = (version.rows[0]?.version ?? 'unknown').split(' on ')[0] ?? 'unknown';
    return { url: withDatabase(url, name), serverVersion };
  } finally {
    await client.end();
  }
}

export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparseable DATABASE_URL>';
  }
}
