// Shared pieces of the package engine suites: the test packages as API sources (a folder's files,
// an npm pack tarball), a fresh tenant, and a dump of everything a refused operation must leave
// identical (tables, columns, indexes, every row's checksum, the revisions, _packages).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { expect } from 'vitest';
import type { TenantClient, TestServer } from '../support/test-server.ts';

export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
export const fixture = (name: string): string => join(FIXTURES, name);

/** A folder as the API's `bundle` source: every JSON file by its relative path. */
export function bundleSource(folder: string, change?: (files: Record<string, any>) => void): { kind: 'bundle'; files: Record<string, unknown> } {
  const files: Record<string, any> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.json') && name !== 'package.json') files[relative(folder, path)] = JSON.parse(readFileSync(path, 'utf8'));
    }
  };
  walk(folder);
  change?.(files);
  return { kind: 'bundle', files };
}

/** `npm pack` of a folder → the .tgz path (npm packs offline). */
export function npmPack(folder: string): string {
  const out = mkdtempSync(join(tmpdir(), 'tessera-pack-'));
  const name = execFileSync('npm', ['pack', '--silent', '--pack-destination', out], { cwd: folder, encoding: 'utf8' }).trim().split('\n').at(-1) as string;
  return join(out, name);
}

export const tarballSource = (folder: string) => ({ kind: 'tarball' as const, base64: readFileSync(npmPack(folder)).toString('base64') });

let tenants = 0;
export async function freshTenant(server: TestServer, prefix = 'pk'): Promise<{ api: TenantClient; schema: string }> {
  tenants += 1;
  const slug = `${prefix}_${process.pid % 10000}_${tenants}`;
  return { api: server.tenant(await server.createTenant(slug)), schema: `t_${slug}` };
}

/** Install (or upgrade) through plan → apply with the plan's hash, expecting success. */
export async function reviewed(api: TenantClient, route: 'install' | 'upgrade', body: Record<string, unknown>): Promise<{ plan: any; applied: any }> {
  const plan = await api.post('/api/v1/packages/plan', body);
  expect(plan.status, plan.text).toBe(200);
  const applied = await api.post(`/api/v1/packages/${route}`, {
    ...body,
    planHash: plan.body.planHash,
    ...(plan.body.destructive ? { allowDestructive: true } : {}),
  });
  expect(applied.status, applied.text).toBe(200);
  return { plan: plan.body, applied: applied.body };
}

/** Tables, columns, indexes and an md5 of every table's rows (system tables included). */
export async function databaseDump(server: TestServer, schema: string): Promise<Record<string, unknown>> {
  const db = server.database.db;
  const columns = await sql<{ c: string }>`
    select table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') as c
    from information_schema.columns where table_schema = ${schema} order by 1`.execute(db);
  const indexes = await sql<{ i: string }>`select indexname || ' ' || indexdef as i from pg_indexes where schemaname = ${schema} order by 1`.execute(db);
  const tables = await sql<{
    t: string;
  }>`select table_name as t from information_schema.tables where table_schema = ${schema} and table_type = 'BASE TABLE' order by 1`.execute(db);
  const rows: Record<string, string> = {};
  for (const { t } of tables.rows) {
    const result = await sql<{ h: string | null; n: number }>`
      select md5(coalesce(string_agg(x.r, '|' order by x.r), '')) as h, count(*)::int as n from (select row_to_json(t)::text as r from ${sql.id(schema, t)} t) x`.execute(
      db,
    );
    rows[t] = `${result.rows[0]?.n} ${result.rows[0]?.h}`;
  }
  return { columns: columns.rows.map((row) => row.c), indexes: indexes.rows.map((row) => row.i), rows };
}

/** Runs a refused operation and checks the database is exactly as before. */
export async function expectUnchanged<T>(server: TestServer, schema: string, work: () => Promise<T>): Promise<T> {
  const before = await databaseDump(server, schema);
  const result = await work();
  expect(await databaseDump(server, schema)).toEqual(before);
  return result;
}
