// The database dropped under a running server is an outage: requests answer 503 TSR901 (they
// answered 500 TSR900 "database … does not exist", found by the 5xx guard, issue #15). In-process
// the test declares the 503 it provokes; under a real `tessera serve` it checks that the guard
// reads the 503 back from the spawned server's output. Dropping a database needs PostgreSQL
// (PGlite is one in-memory database): without it this file says so and runs nothing.
import { createTestDatabase, postgresAvailable } from '@tessera/runtime';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { checkServerErrors, expectServerErrors } from '../support/server-errors.ts';
import { spawnServer } from '../support/spawn-server.ts';
import { ADMIN_TOKEN, startTestServer, type TestServer } from '../support/test-server.ts';

const hasPostgres = await postgresAvailable();
if (!hasPostgres) console.log('database-unavailable: no PostgreSQL server, so no database to drop; these tests did not run');

async function dropDatabase(url: string): Promise<void> {
  const parsed = new URL(url);
  const name = decodeURIComponent(parsed.pathname.slice(1));
  parsed.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: parsed.toString() });
  await admin.connect();
  try {
    await admin.query(`drop database ${pg.escapeIdentifier(name)} with (force)`);
  } finally {
    await admin.end();
  }
}

describe.runIf(hasPostgres)('a dropped database', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    // close() drops the database too: it is gone already, which is fine.
    await server?.close().catch(() => undefined);
    server = undefined;
  });

  it('answers 503 TSR901 on admin and tenant routes, in-process', async () => {
    server = await startTestServer('postgres');
    const token = await server.createTenant('gone');
    await dropDatabase(server.database.url ?? '');
    expectServerErrors({ status: 503, code: 'TSR901' });
    for (const [path, bearer] of [
      ['/api/v1/admin/tenants', ADMIN_TOKEN],
      ['/api/v1/objects/deal/records', token],
    ]) {
      const answer = await server.request('GET', path ?? '', { token: bearer });
      expect({ status: answer.status, code: answer.body.code }, answer.text).toEqual({ status: 503, code: 'TSR901' });
    }
  });

  it('answers 503 TSR901 under a real tessera serve, and the guard reads it from its output', async () => {
    const database = await createTestDatabase('postgres');
    const spawned = await spawnServer({ DATABASE_URL: database.url ?? '', TESSERA_ADMIN_TOKEN: ADMIN_TOKEN });
    let answer: Response;
    try {
      await dropDatabase(database.url ?? '');
      answer = await fetch(`${spawned.url}/api/v1/admin/tenants`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    } finally {
      await spawned.stop();
      await database.close().catch(() => undefined);
    }
    const body = (await answer.json()) as { code: string; requestId: string };
    expect({ status: answer.status, code: body.code }).toEqual({ status: 503, code: 'TSR901' });
    expect(() => checkServerErrors()).toThrow(`503 TSR901 GET /api/v1/admin/tenants (request ${body.requestId}, spawned ${spawned.url})`);
  });
});
