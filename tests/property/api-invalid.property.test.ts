// Property: random invalid record bodies, list query parameters and metadata documents always get
// a 4xx application/problem+json with a code, naming the offending paths, and leave the tenant's
// tables exactly as they were (row count and an md5 of every table, compared per batch).
// PostgreSQL and PGlite.
import { testDriverKinds } from '@tessera/runtime';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crmBundle } from '../fixtures/crm-objects.ts';
import { startTestServer, type TenantClient, type TestServer } from '../support/test-server.ts';
import { expectProblemJson } from './http-answers.ts';
import { invalidBody, invalidDocument, invalidListQuery, unparsableBody } from './invalid-arbitraries.ts';
import { openBodyDefect } from './open-defects.ts';
import { announceSeed, propertyParameters } from './property-config.ts';

announceSeed('api-invalid.property');
const kinds = await testDriverKinds();
const OPPORTUNITIES = '/api/v1/objects/opportunity/records';

/** Every table of the schema with its row count and an md5 of its rows in a stable order. */
async function tenantSnapshot(server: TestServer, schema: string): Promise<Record<string, string>> {
  const tables = await sql<{ t: string }>`select table_name as t from information_schema.tables
    where table_schema = ${schema} and table_type = 'BASE TABLE' order by 1`.execute(server.database.db);
  const snapshot: Record<string, string> = {};
  for (const { t } of tables.rows) {
    const table = sql.id(schema, t);
    const result = await sql<{ n: number; h: string | null }>`select count(*)::int as n,
      md5(string_agg(x::text, '|' order by x::text)) as h from ${table} as x`.execute(server.database.db);
    snapshot[t] = `${result.rows[0]?.n}:${result.rows[0]?.h}`;
  }
  return snapshot;
}

/** Each expected pointer is named by an error at it, below it, or at a field-level pointer above it. */
function expectPathsNamed(errors: Array<{ path: string }>, expected: string[], summary: string): void {
  for (const pointer of expected) {
    const named = errors.some((error) => error.path.startsWith(pointer) || (pointer.startsWith(`${error.path}/`) && error.path.split('/').length >= 5));
    expect(named, `${summary}: no error names ${pointer}`).toBe(true);
  }
}

describe.each(kinds)('random invalid input is refused and changes nothing on %s', (kind) => {
  let server: TestServer;
  let api: TenantClient;
  let token: string;
  let schema: string;
  let recordId: string;
  let version: number;

  beforeAll(async () => {
    server = await startTestServer(kind);
    token = await server.createTenant('invalid_prop');
    api = server.tenant(token);
    expect((await api.apply(crmBundle)).status).toBe(200);
    const found = await sql<{ s: string }>`select schema_name as s from tessera.tenants where slug = 'invalid_prop'`.execute(server.database.db);
    schema = found.rows[0]!.s;
    for (const name of ['华为 Huawei', '😀 Emoji', 'Ｆｕｌｌ！']) {
      const created = await api.post(OPPORTUNITIES, { name, amount: 10.5, tags: ['vip'], close_date: '2024-02-29' });
      expect(created.status, created.text).toBe(201);
      recordId = created.body.id;
      version = created.body.version;
    }
  });
  afterAll(async () => {
    await server?.close();
  });

  const raw = (method: string, path: string, body: string, headers: Record<string, string> = {}) =>
    server.request(method, path, { token, rawBody: body, headers: { 'content-type': 'application/json', ...headers } });

  it('invalid record bodies: 4xx naming each offending field, nothing written', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(invalidBody, invalidBody, unparsableBody).filter((body) => openBodyDefect(body) === undefined),
          { minLength: 1, maxLength: 4 },
        ),
        async (bodies) => {
          const before = await tenantSnapshot(server, schema);
          for (const body of bodies) {
            for (const [method, path, headers] of [
              ['POST', OPPORTUNITIES, {}],
              ['PATCH', `${OPPORTUNITIES}/${recordId}`, { 'if-match': `"${version}"` }],
            ] as const) {
              const answer = await raw(method, path, body.raw, headers);
              const summary = `${method} ${body.raw.slice(0, 200)} → ${answer.status} ${answer.text.slice(0, 300)}`;
              const problem = expectProblemJson(answer, summary);
              expectPathsNamed(problem.errors, body.paths, summary);
            }
          }
          expect(await tenantSnapshot(server, schema)).toEqual(before);
        },
      ),
      propertyParameters(40),
    );
  }, 300_000);

  it('invalid list query parameters: 4xx problem+json, nothing written', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(invalidListQuery, { minLength: 1, maxLength: 4 }), async (queries) => {
        const before = await tenantSnapshot(server, schema);
        for (const query of queries) {
          const answer = await api.list('opportunity', query);
          const problem = expectProblemJson(answer, `list ${JSON.stringify(query).slice(0, 300)} → ${answer.status} ${answer.text.slice(0, 300)}`);
          expect(problem.errors.length + problem.code.length).toBeGreaterThan(0);
        }
        expect(await tenantSnapshot(server, schema)).toEqual(before);
      }),
      propertyParameters(40),
    );
  }, 300_000);

  it('invalid metadata documents: 4xx naming each broken path, nothing applied', async () => {
    await fc.assert(
      fc.asyncProperty(invalidDocument, async ({ document, paths }) => {
        const before = await tenantSnapshot(server, schema);
        const answer = await api.apply(document);
        const summary = `apply breaking ${paths.join(', ')} → ${answer.status} ${answer.text.slice(0, 400)}`;
        const problem = expectProblemJson(answer, summary);
        expectPathsNamed(problem.errors, paths, summary);
        expect(await tenantSnapshot(server, schema)).toEqual(before);
      }),
      propertyParameters(25),
    );
  }, 300_000);
});
