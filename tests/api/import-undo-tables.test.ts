// Issue #20 "undo restores exactly, table by table": every table of the tenant's schema is read
// before an import and after its undo, and compared. The import creates leads, updates others
// (upsert by external id, with a lookup and a multi-select) and so touches the object tables and
// the system tables around them; after the undo, every table's live rows are what they were.
// Kept apart, with the reason: append-only logs (audit, field history, the imports' own records)
// grow by design, and an object row's bookkeeping (version, updated_at/by) moves on, since undo is
// a write too; created records go to the recycle bin (deleted_at), so only live rows are compared.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TenantClient, type TestServer } from '../support/test-server.ts';
import { company, lead, upload } from './import-support.ts';

const SCHEMA = 't_undotables';
/** Logs that an import and its undo append to by design (each named: a new table is compared unless listed). */
const APPEND_ONLY = new Set(['_audit_log', '_field_history', '_imports', '_import_rows', '_stage_history']);
const BOOKKEEPING = new Set(['version', 'updated_at', 'updated_by', 'deleted_at', 'deleted_by']);

describe('undo restores every table', () => {
  let server: TestServer;
  let api: TenantClient;
  let token: string;

  /** Every table of the schema as sorted JSON rows, bookkeeping columns left out of object tables. */
  const snapshot = async () => {
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = ${SCHEMA} and table_type = 'BASE TABLE' order by table_name`.execute(
      server.database.db,
    );
    const result: Record<string, unknown[]> = {};
    for (const { table_name: table } of tables.rows) {
      if (APPEND_ONLY.has(table)) continue;
      const columns = await sql<{ column_name: string }>`
        select column_name from information_schema.columns where table_schema = ${SCHEMA} and table_name = ${table} order by ordinal_position`.execute(
        server.database.db,
      );
      const names = columns.rows.map((column) => column.column_name);
      const soft = names.includes('deleted_at');
      const kept = names.filter((name) => !(soft && BOOKKEEPING.has(name)));
      const rows = await sql<{ row: string }>`
        select row_to_json(t)::text as row from (select ${sql.join(kept.map((name) => sql.ref(name)))} from ${sql.id(SCHEMA, table)}
          ${soft ? sql`where deleted_at is null` : sql``}) t`.execute(server.database.db);
      result[table] = rows.rows.map((row) => row.row).sort();
    }
    return result;
  };

  beforeAll(async () => {
    server = await startTestServer('postgres');
    token = await server.createTenant('undotables');
    api = server.tenant(token);
    const applied = await api.apply({ objects: [company, lead] });
    expect(applied.status, applied.text).toBe(200);
    for (const [name, symbol] of [
      ['华为', 'HW'],
      ['阿里巴巴', 'BABA'],
    ])
      expect((await api.post('/api/v1/objects/company/records', { name, symbol })).status).toBe(201);
    for (const [code, name] of [
      ['K-1', '老客户一'],
      ['K-2', '老客户二'],
      ['K-3', 'Untouched'],
    ]) {
      const created = await api.post('/api/v1/objects/lead/records', { name, code, amount: 10, stage: 'new', tags: ['hot'] });
      expect(created.status, created.text).toBe(201);
    }
  }, 120_000);
  afterAll(async () => server?.close());

  it('creates and updates, then undo: every table’s live rows as before', async () => {
    const before = await snapshot();
    expect(Object.keys(before)).toEqual(expect.arrayContaining(['lead', 'company']));
    const csv = [
      'name,code,amount,stage,tags,company',
      '老客户一（更新）,K-1,99,qualified,hot;partner,HW',
      '老客户二,K-2,"1,000",qualified,,BABA',
      '新客户,N-1,5,new,partner,HW',
      'New one,N-2,7,,hot,',
    ].join('\r\n');
    const run = await upload(server.baseUrl, '/api/v1/imports/lead?duplicates=update&wait=true', { token }, csv);
    expect(run.body, run.text).toMatchObject({ status: 'done', counts: { create: 2, update: 2, error: 0 } });
    expect(await snapshot()).not.toEqual(before);
    const undone = await api.post(`/api/v1/imports/${run.body.id}/undo`);
    expect(undone.body, undone.text).toMatchObject({ deleted: 2, restored: 2 });
    const after = await snapshot();
    for (const table of Object.keys(before)) expect(after[table], table).toEqual(before[table]);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
  });
});
