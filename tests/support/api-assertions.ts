// Shared checks for the HTTP suites: problem+json shape, paging through lists, and direct SQL
// views of a tenant's storage (row counts, tables, columns) to prove that nothing was written.
import { sql } from 'kysely';
import { expect } from 'vitest';
import type { HttpResult, TenantClient, TestServer } from './test-server.ts';

export interface ExpectedError {
  path: string;
  code: string;
}

/**
 * Asserts an RFC 9457 problem with this status and code. `errors`, when given, must each appear
 * in the problem's errors (path and code); `exact` also requires there are no others.
 */
export function expectProblem(result: HttpResult, status: number, code: string, errors?: ExpectedError[], exact = false): void {
  const summary = `${result.status} ${result.text.slice(0, 600)}`;
  expect(result.status, summary).toBe(status);
  expect(result.headers.get('content-type'), summary).toMatch(/^application\/problem\+json/);
  const body = result.body as { type: string; status: number; code: string; title: string; detail: string; requestId: string; errors: ExpectedError[] };
  expect(body.code, summary).toBe(code);
  expect(body.status).toBe(status);
  expect(body.type).toBe(`urn:tessera:problem:${code}`);
  expect(typeof body.title).toBe('string');
  expect(typeof body.detail).toBe('string');
  expect(body.requestId).toBe(result.headers.get('x-request-id'));
  expect(Array.isArray(body.errors)).toBe(true);
  if (errors) {
    const got = body.errors.map((error) => ({ path: error.path, code: error.code }));
    if (exact) expect(got, summary).toEqual(errors);
    else expect(got, summary).toEqual(expect.arrayContaining(errors.map((error) => expect.objectContaining(error))));
  }
}

/** Every record of a list, following nextCursor; fails on a page that is not 200. */
export async function listAll(client: TenantClient, object: string, query: Record<string, string | number> = {}): Promise<any[]> {
  const records: any[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 10_000; page++) {
    const result = await client.list(object, cursor ? { ...query, cursor } : query);
    expect(result.status, result.text.slice(0, 400)).toBe(200);
    records.push(...result.body.data);
    cursor = result.body.nextCursor;
    if (!cursor) return records;
  }
  throw new Error('listAll: more than 10,000 pages');
}

/** Row count of a tenant table read straight from the database (deleted rows included). */
export async function countRows(server: TestServer, schema: string, table: string): Promise<number> {
  const result = await sql<{ n: number }>`select count(*)::int as n from ${sql.id(schema, table)}`.execute(server.database.db);
  return result.rows[0]?.n ?? 0;
}

/** `table.column type` for every column of a schema, sorted: a fingerprint of its DDL. */
export async function schemaColumns(server: TestServer, schema: string): Promise<string[]> {
  const result = await sql<{ c: string }>`
    select table_name || '.' || column_name || ' ' || data_type as c
    from information_schema.columns where table_schema = ${schema} order by 1`.execute(server.database.db);
  return result.rows.map((row) => row.c);
}

/** Table names of a schema, sorted. */
export async function schemaTables(server: TestServer, schema: string): Promise<string[]> {
  const result = await sql<{ t: string }>`
    select table_name as t from information_schema.tables where table_schema = ${schema} order by 1`.execute(server.database.db);
  return result.rows.map((row) => row.t);
}

/** A syntactically valid record id that no record has. */
export const MISSING_ID = '01900000-0000-7000-8000-00000000dead';
