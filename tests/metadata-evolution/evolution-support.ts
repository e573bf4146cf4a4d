// Shared pieces of the metadata evolution suites: a small model (company ← deal), a fresh tenant
// per test with records in it, the plan → apply-with-hash round trip, and direct views of storage.
import type { ObjectDef } from '@tessera/metadata';
import { sql } from 'kysely';
import { expect } from 'vitest';
import type { HttpResult, TenantClient, TestServer } from '../support/test-server.ts';

export const companyDef = (): ObjectDef => ({
  apiName: 'company',
  labels: { en: 'Company', zh: '公司' },
  fields: [{ apiName: 'name', type: 'text', labels: { en: 'Name' }, required: true }],
});

export const dealDef = (): ObjectDef => ({
  apiName: 'deal',
  labels: { en: 'Deal', zh: '交易' },
  fields: [
    { apiName: 'name', type: 'text', labels: { en: 'Name', zh: '名称' }, required: true, maxLength: 120 },
    { apiName: 'notes', type: 'text', labels: { en: 'Notes' }, maxLength: 200 },
    { apiName: 'amount', type: 'number', labels: { en: 'Amount' }, precision: 12, scale: 0 },
    {
      apiName: 'stage',
      type: 'picklist',
      labels: { en: 'Stage' },
      values: [
        { apiName: 'open', labels: { en: 'Open' }, default: true },
        { apiName: 'won', labels: { en: 'Won' } },
        { apiName: 'lost', labels: { en: 'Lost' } },
      ],
    },
    { apiName: 'code', type: 'text', labels: { en: 'Code' }, maxLength: 40 },
    { apiName: 'company', type: 'lookup', labels: { en: 'Company' }, target: 'company' },
    {
      apiName: 'tags',
      type: 'multipicklist',
      labels: { en: 'Tags' },
      values: [
        { apiName: 'hot', labels: { en: 'Hot' } },
        { apiName: 'cold', labels: { en: 'Cold' } },
      ],
    },
  ],
  indexes: [{ fields: ['stage', '-amount'] }],
});

export const model = (deal: ObjectDef = dealDef(), extra: Record<string, unknown> = {}) => ({ objects: [companyDef(), deal], ...extra });

/** A deal definition with one change applied to a copy. */
export function dealWith(change: (def: ObjectDef & { fields: any[] }) => void): ObjectDef {
  const def = dealDef() as ObjectDef & { fields: any[] };
  change(def);
  return def;
}

export const field = (def: { fields: any[] }, apiName: string): any => {
  const found = def.fields.find((candidate) => candidate.apiName === apiName);
  if (!found) throw new Error(`no field ${apiName}`);
  return found;
};

let tenants = 0;

export interface Tenant {
  api: TenantClient;
  slug: string;
  schema: string;
}

/** A fresh tenant with the model applied (revision 1). */
export async function freshTenant(server: TestServer, prefix = 'ev'): Promise<Tenant> {
  tenants += 1;
  const slug = `${prefix}_${process.pid % 10000}_${tenants}`;
  const api = server.tenant(await server.createTenant(slug));
  const applied = await api.apply(model());
  expect(applied.status, applied.text).toBe(200);
  return { api, slug, schema: `t_${slug}` };
}

export async function createDeal(api: TenantClient, body: Record<string, unknown>): Promise<any> {
  const created = await api.post('/api/v1/objects/deal/records', { name: 'Deal', ...body });
  expect(created.status, created.text).toBe(201);
  return created.body;
}

export const plan = (api: TenantClient, body: unknown): Promise<HttpResult<any>> => api.post('/api/v1/metadata/plan', body);

/** Plan, then apply quoting the plan hash (and allowDestructive when asked): the reviewed path. */
export async function evolve(
  api: TenantClient,
  definition: unknown,
  options: { allowDestructive?: boolean } = {},
): Promise<{ plan: any; applied: HttpResult<any> }> {
  const planned = await plan(api, definition);
  expect(planned.status, planned.text).toBe(200);
  const applied = await api.post('/api/v1/metadata/apply', { definition, planHash: planned.body.planHash, ...options });
  return { plan: planned.body, applied };
}

export async function revisionOf(api: TenantClient): Promise<number> {
  return (await api.get('/api/v1/metadata')).body.revision;
}

/** `column type(len)` of one table, from information_schema. */
export async function columnsOf(server: TestServer, schema: string, table: string): Promise<string[]> {
  const result = await sql<{ c: string }>`
    select column_name || ' ' || data_type || coalesce('(' || character_maximum_length || ')', '') ||
           coalesce('(' || numeric_precision || ',' || numeric_scale || ')', '') || case when is_nullable = 'NO' then ' not null' else '' end as c
    from information_schema.columns where table_schema = ${schema} and table_name = ${table} order by ordinal_position`.execute(server.database.db);
  return result.rows.map((row) => row.c);
}

export async function tablesOf(server: TestServer, schema: string): Promise<string[]> {
  const result = await sql<{ t: string }>`select table_name as t from information_schema.tables where table_schema = ${schema} order by 1`.execute(
    server.database.db,
  );
  return result.rows.map((row) => row.t);
}

export async function indexesOf(server: TestServer, schema: string): Promise<string[]> {
  const result = await sql<{ i: string }>`select indexname as i from pg_indexes where schemaname = ${schema} order by 1`.execute(server.database.db);
  return result.rows.map((row) => row.i);
}

/** Everything a failed apply must leave untouched: columns, indexes, every row, the revisions. */
export async function storageFingerprint(server: TestServer, schema: string): Promise<unknown> {
  const db = server.database.db;
  const columns = await sql<{ c: string }>`
    select table_name || '.' || column_name || ' ' || data_type || coalesce('(' || character_maximum_length || ')', '') || ' ' || is_nullable || ' ' || coalesce(column_default, '') as c
    from information_schema.columns where table_schema = ${schema} order by 1`.execute(db);
  const deals = await sql<{ r: string }>`select row_to_json(d)::text as r from ${sql.id(schema, 'deal')} d order by id`.execute(db);
  const revisions = await sql<{ r: string }>`select revision || ' ' || snapshot_hash as r from ${sql.id(schema, '_meta_revision')} order by revision`.execute(
    db,
  );
  return {
    columns: columns.rows.map((row) => row.c),
    indexes: await indexesOf(server, schema),
    deals: deals.rows.map((row) => row.r),
    revisions: revisions.rows.map((row) => row.r),
  };
}
