// Gives each test file a database of its own: a fresh database on the local PostgreSQL server
// when one answers (TESSERA_TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres),
// else an in-memory PGlite. TESSERA_TEST_DB=pglite|postgres forces one. Dropped on close.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDatabase, type Database, type DatabaseKind } from './create-database.ts';
import { runSystemMigrations } from './system-migrations.ts';

const DEFAULT_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase extends Database {
  /** Connection URL for a second process (postgres only). */
  url?: string;
}

let serverAnswers: Promise<boolean> | undefined;

/** Whether the local PostgreSQL server is usable; probed once per process. */
export function postgresAvailable(): Promise<boolean> {
  if (process.env.TESSERA_TEST_DB === 'pglite') return Promise.resolve(false);
  serverAnswers ??= (async () => {
    const client = new pg.Client({ connectionString: serverUrl(), connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } catch {
      if (process.env.TESSERA_TEST_DB === 'postgres') throw new Error(`TESSERA_TEST_DB=postgres but ${serverUrl()} does not answer`);
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return serverAnswers;
}

/** The drivers the API suites run on: PostgreSQL when present, and always PGlite. */
export async function testDriverKinds(): Promise<DatabaseKind[]> {
  if (process.env.TESSERA_TEST_DB === 'pglite') return ['pglite'];
  if (process.env.TESSERA_TEST_DB === 'postgres') return ['postgres'];
  return (await postgresAvailable()) ? ['postgres', 'pglite'] : ['pglite'];
}

export async function createTestDatabase(kind?: DatabaseKind): Promise<TestDatabase> {
  const useKind = kind ?? ((await postgresAvailable()) ? 'postgres' : 'pglite');
  if (useKind === 'pglite') {
    const database = await createDatabase({});
    await runSystemMigrations(database.db);
    return database;
  }
  const name = `tessera_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  await admin.query(`create database ${pg.escapeIdentifier(name)}`);
  await admin.end();
  const url = withDatabase(serverUrl(), name);
  const database = await createDatabase({ url, poolSize: 10 });
  await runSystemMigrations(database.db);
  return {
    ...database,
    url,
    async close() {
      await database.close();
      const dropper = new pg.Client({ connectionString: serverUrl() });
      await dropper.connect();
      await dropper.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
      await dropper.end();
    },
  };
}

function serverUrl(): string {
  return process.env.TESSERA_TEST_DATABASE_URL ?? DEFAULT_SERVER_URL;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
