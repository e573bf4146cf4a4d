// Property: a pipelined import (runtime/src/import/run-import.ts: the next chunk planned while the
// current one is written, its reads taking turns with the write's savepoints) writes, counts and
// reports exactly what the same import does serially, chunk boundary for chunk boundary
// (TESSERA_IMPORT_PLAN_AHEAD=off), and what it does as one chunk: rows naming one external id twice
// apply in file order wherever the chunks are cut (split-repeated-keys.ts), errors come in file order. Random files of a few rows in chunks of 1 to 4 rows, so most
// chunks have one before them: external ids repeated in the next chunk (its plan must wait for the
// write) or further on, names a blocking duplicate rule refuses (a set rolled back to its
// savepoint and written row by row while the next plan waits for its turn), lookups by a
// company's symbol or name that miss, cells that do not parse, rows a validation rule refuses;
// upsert, skip and create, all-or-nothing and skipping bad rows; several imports in a row into
// the same two tenants. PostgreSQL and PGlite.
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ObjectDef } from '@tessera/metadata';
import { testDriverKinds } from '../../runtime/src/db/test-database.ts';
import { company, lead, upload } from '../api/import-support.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { announceSeed, propertyParameters } from './property-config.ts';

announceSeed('import-pipelined.property');
const kinds = await testDriverKinds();

/** The import tests' lead (an external id, a company lookup, a validation rule) with a blocking duplicate rule on its name. */
const deal: ObjectDef = { ...lead, duplicateRules: [{ apiName: 'same_name', fields: [{ field: 'name' }], action: 'block' }] };

const row = fc.record({
  name: fc.constantFrom('Alpha', 'Beta', 'Gamma', 'Delta', 'Epsilon', 'Zeta', 'Eta', 'Theta'),
  code: fc.constantFrom('C1', 'C2', 'C3', 'C4', 'C5', 'C6', ''),
  amount: fc.constantFrom('10', '25.50', '1,000', '-3', 'lots', ''),
  company: fc.constantFrom('S1', 'S2', 'Second', 'Nope', ''),
});
const file = fc.record({
  rows: fc.array(row, { minLength: 1, maxLength: 14 }),
  mode: fc.constantFrom('skip-bad-rows', 'all-or-nothing'),
  duplicates: fc.constantFrom('update', 'skip', 'create'),
});
const imports = fc.record({ files: fc.array(file, { minLength: 1, maxLength: 3 }), chunkRows: fc.integer({ min: 1, max: 4 }) });

describe.each(kinds)('a pipelined import on %s', (kind) => {
  let server: TestServer;
  let run = 0;
  beforeAll(async () => {
    server = await startTestServer(kind);
  }, 120_000);
  afterEach(() => {
    delete process.env.TESSERA_IMPORT_CHUNK_ROWS;
    delete process.env.TESSERA_IMPORT_PLAN_AHEAD;
  });
  afterAll(async () => server?.close());

  /** A tenant with the two objects and companies S1 "First" and S2 "Second". */
  const tenant = async (slug: string) => {
    const token = await server.createTenant(slug);
    const api = server.tenant(token);
    const applied = await api.apply({ objects: [company, deal] });
    expect(applied.status, applied.text).toBe(200);
    for (const [symbol, name] of [
      ['S1', 'First'],
      ['S2', 'Second'],
    ]) {
      const made = await api.post('/api/v1/objects/company/records', { name, symbol });
      expect(made.status, made.text).toBe(201);
    }
    return { token, schema: `t_${slug}` };
  };

  /** The deals as stored: what an import wrote, not how (ids and times differ between tenants). */
  const deals = async (schema: string, versions = true) =>
    (
      await sql<{ j: string }>`
        select coalesce(json_agg(json_build_object('name', d.name, 'code', d.code, 'amount', d.amount, 'company', c.symbol, 'version', ${versions ? sql`d.version` : sql`0`})
          order by d.code nulls first, d.name), '[]')::text as j
        from ${sql.id(schema, 'lead')} as d left join ${sql.id(schema, 'company')} as c on c.id = d.company
        where d.deleted_at is null`.execute(server.database.db)
    ).rows[0]?.j;

  it('writes, counts and reports what a serial import of the same chunks does', async () => {
    await fc.assert(
      fc.asyncProperty(imports, async ({ files, chunkRows }) => {
        run += 1;
        const serial = await tenant(`ipser${run}`);
        const piped = await tenant(`ippip${run}`);
        const whole = await tenant(`ipwhole${run}`);
        let before = '';
        const ids: string[] = [];
        for (const { rows, mode, duplicates } of files) {
          before = (await deals(serial.schema, false)) ?? '';
          ids.length = 0;
          const csv = ['name,code,amount,company', ...rows.map((r) => [r.name, r.code, `"${r.amount}"`, r.company].join(','))].join('\r\n');
          const match = duplicates === 'create' ? '' : '&matchField=code';
          const path = `/api/v1/imports/lead?mode=${mode}&duplicates=${duplicates}${match}&wait=true`;
          const reports = [];
          for (const [target, planAhead, size] of [
            [serial, 'off', chunkRows],
            [piped, 'on', chunkRows],
            [whole, 'on', 1000],
          ] as const) {
            process.env.TESSERA_IMPORT_PLAN_AHEAD = planAhead;
            process.env.TESSERA_IMPORT_CHUNK_ROWS = String(size);
            const done = await upload(server.baseUrl, path, { token: target.token }, csv);
            expect(done.status, done.text).toBe(200);
            const { id, status, counts, errorCount, errors, rows: read } = done.body;
            ids.push(id);
            reports.push({ status, counts, errorCount, errors, rows: read });
          }
          expect(reports[1], csv).toEqual(reports[0]);
          expect(await deals(piped.schema), csv).toBe(await deals(serial.schema));
          // One chunk for the whole file: where chunk boundaries fall changes nothing either.
          expect(reports[2], csv).toEqual(reports[0]);
          expect(await deals(whole.schema), csv).toBe(await deals(serial.schema));
        }
        // The last import undone: each chunk's undo rows were stored, whichever turn they took.
        for (const [index, target] of [serial, piped, whole].entries()) {
          const undone = await server.request('POST', `/api/v1/imports/${ids[index]}/undo`, { token: target.token });
          expect([200, 409], undone.text).toContain(undone.status);
          if (undone.status === 200) expect(await deals(target.schema, false)).toBe(before);
        }
      }),
      propertyParameters(kind === 'postgres' ? 10 : 5),
    );
  }, 240_000);
});
