// An import that fails for a reason other than its rows, in the middle of a pipelined run: the
// statement storing the second chunk's undo rows fails (a trigger made to refuse it), while the
// next chunk is being planned and written. The import is marked failed with that statement's
// error (not the "transaction is aborted" of whatever ran after it), nothing it wrote stays, and
// nothing of it runs on the connection after its transaction ended (the tables stay empty after
// the import reports failure). PostgreSQL: the trigger is plain SQL on the tenant's table.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TenantClient, type TestServer } from '../support/test-server.ts';
import { company, lead, upload } from './import-support.ts';

const SCHEMA = 't_importmidway';

describe('an import failing midway', () => {
  let server: TestServer;
  let api: TenantClient;
  let token: string;
  const count = async (table: string) =>
    (await sql<{ n: number }>`select count(*)::int as n from ${sql.id(SCHEMA, table)}`.execute(server.database.db)).rows[0]?.n;

  beforeAll(async () => {
    server = await startTestServer('postgres');
    token = await server.createTenant('importmidway');
    api = server.tenant(token);
    const applied = await api.apply({ objects: [company, lead] });
    expect(applied.status, applied.text).toBe(200);
    await sql
      .raw(`
        create function ${SCHEMA}.refuse_second_undo() returns trigger language plpgsql as $$
        begin
          if (select count(*) from ${SCHEMA}._import_rows) >= 2 then raise exception 'undo store refused by the test'; end if;
          return null;
        end $$;
        create trigger refuse_second_undo before insert on ${SCHEMA}._import_rows for each statement execute function ${SCHEMA}.refuse_second_undo();`)
      .execute(server.database.db);
    process.env.TESSERA_IMPORT_CHUNK_ROWS = '2';
  }, 120_000);
  afterAll(async () => {
    delete process.env.TESSERA_IMPORT_CHUNK_ROWS;
    await server?.close();
  });

  it('is marked failed with the cause, and leaves nothing behind', async () => {
    const file = ['name,code,amount', ...Array.from({ length: 9 }, (_, index) => `Lead ${index},M-${index},${index}`)].join('\r\n');
    const started = await upload(server.baseUrl, '/api/v1/imports/lead?duplicates=update&matchField=code', { token }, file);
    expect(started.status, started.text).toBe(202);
    let state = started.body;
    for (let attempt = 0; attempt < 200 && !['done', 'failed'].includes(state.status); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      state = (await api.get(`/api/v1/imports/${started.body.id}`)).body;
    }
    expect(state.status).toBe('failed');
    expect(state.failure).toContain('undo store refused by the test');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await count('lead')).toBe(0);
    expect(await count('_import_rows')).toBe(0);
  });
});
