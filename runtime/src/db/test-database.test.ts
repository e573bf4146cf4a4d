import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDriverKinds } from './test-database.ts';

const kinds = await testDriverKinds();

describe.each(kinds)('test database on %s', (kind) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  afterAll(async () => database?.close());

  it('runs system migrations and generates time-ordered UUIDv7 ids', async () => {
    database = await createTestDatabase(kind);
    const result = await sql<{ id: string }>`select tessera.uuid_v7()::text as id from generate_series(1, 3)`.execute(database.db);
    expect(result.rows).toHaveLength(3);
    for (const row of result.rows) expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const tables = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_schema = 'tessera'`.execute(database.db);
    expect(tables.rows[0]?.n).toBeGreaterThanOrEqual(4);
  });

  it('delivers NOTIFY payloads to listeners', async () => {
    const received: string[] = [];
    await database.listen('tessera_test_channel', (payload) => received.push(payload));
    await sql`select pg_notify('tessera_test_channel', 'hello')`.execute(database.db);
    for (let i = 0; i < 50 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(received).toEqual(['hello']);
  });
});
