// Issue #20: an import is set-based. Counts the statements one import sends (a Kysely plugin sees
// each) for a file of 20 rows and one of 1,500 rows — both one chunk — into an object with a stage
// pipeline (stage history), a validation rule, a tracked field (field history), an external id
// matched for updates and a lookup given as the target's external id: first as creates, then the
// same files again as updates. The counts are the same for both sizes, so a step that went back to
// one statement per row would fail here.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EMPTY_SNAPSHOT, type ObjectDef, validateDocument } from '@tessera/metadata';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileCatalog } from '../../runtime/src/catalog/compile-catalog.ts';
import type { Catalog } from '../../runtime/src/catalog/catalog-types.ts';
import { createImportRow } from '../../runtime/src/import/import-store.ts';
import { IMPORT_CHUNK, runImport } from '../../runtime/src/import/run-import.ts';
import { countingDb } from '../support/statement-counter.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const labels = (en: string) => ({ en, zh: en });
const firm: ObjectDef = {
  apiName: 'firm',
  labels: labels('Firm'),
  nameField: 'name',
  fields: [
    { apiName: 'name', type: 'text', labels: labels('Name'), required: true },
    { apiName: 'ticker', type: 'text', labels: labels('Ticker'), externalId: true },
  ],
};
const deal: ObjectDef = {
  apiName: 'deal',
  labels: labels('Deal'),
  nameField: 'name',
  fields: [
    { apiName: 'name', type: 'text', labels: labels('Name'), required: true },
    { apiName: 'code', type: 'text', labels: labels('Code'), externalId: true },
    { apiName: 'amount', type: 'currency', labels: labels('Amount') },
    {
      apiName: 'stage',
      type: 'picklist',
      labels: labels('Stage'),
      values: [
        { apiName: 'open', labels: labels('Open') },
        { apiName: 'won', labels: labels('Won') },
      ],
    },
    { apiName: 'firm', type: 'lookup', labels: labels('Firm'), target: 'firm' },
  ],
  validationRules: [{ apiName: 'amount_positive', condition: { '>=': [{ var: 'amount' }, 0] }, message: { en: 'amount must not be negative' } }],
  pipelines: [
    { apiName: 'sales', labels: labels('Sales'), stageField: 'stage', transitions: 'any', stages: [{ value: 'open' }, { value: 'won', category: 'won' }] },
  ],
} as ObjectDef;

describe('statements per import chunk', () => {
  let server: TestServer;
  let catalog: Catalog;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tessera-import-statements-'));
    server = await startTestServer('postgres');
    const token = await server.createTenant('importstmts');
    const applied = await server.tenant(token).apply({ objects: [firm, deal] });
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    const validated = validateDocument({ objects: [firm, deal] }, EMPTY_SNAPSHOT);
    if (!validated.ok) throw new Error(JSON.stringify(validated.errors));
    catalog = compileCatalog({ tenant: 'importstmts', schema: 't_importstmts', revision: 1, snapshot: { objects: validated.value } });
    await sql`insert into t_importstmts.firm (name, ticker) values ('Acme', 'ACM'), ('Globex', 'GLX')`.execute(server.database.db);
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Imports `rows` rows (codes from `from`) in stage `stage`; returns the statements sent and the counts. */
  const importRows = async (name: string, from: number, rows: number, stage: string) => {
    const path = join(dir, `${name}.csv`);
    const lines = Array.from({ length: rows }, (_, i) => `Deal ${from + i},D${from + i},"1,${i % 10}00.50",${stage},${i % 2 === 0 ? 'ACM' : 'GLX'}\r\n`);
    writeFileSync(path, `\uFEFFName,Code,Amount,Stage,Firm\r\n${lines.join('')}`);
    const { db, count: sent } = countingDb(server.database.db);
    const mapping = { Name: 'name', Code: 'code', Amount: 'amount', Stage: 'stage', Firm: 'firm' };
    const options = {
      dryRun: false,
      mode: 'all-or-nothing' as const,
      duplicates: 'update' as const,
      matchField: 'code',
      dateOrder: 'MDY' as const,
      language: 'en' as const,
      mapping,
    };
    const object = catalog.objects.get('deal');
    if (!object) throw new Error('no deal object');
    const id = await createImportRow(server.database.db, catalog.schema, 'deal', `${name}.csv`, options, null);
    const report = await runImport(
      db,
      catalog,
      { trackedFields: new Map([['deal', ['amount']]]) },
      object,
      id,
      { path, format: 'csv', name: `${name}.csv`, temporary: false },
      Object.keys(mapping),
      options,
    );
    expect(report.errors, name).toEqual([]);
    return { statements: sent(), counts: report.counts };
  };

  it('creates and updates cost the same statements for 20 and 1,500 rows', async () => {
    expect(IMPORT_CHUNK).toBeGreaterThanOrEqual(1500);
    const small = await importRows('small', 0, 20, 'open');
    const large = await importRows('large', 1000, 1500, 'open');
    expect(small.counts).toEqual({ create: 20, update: 0, skip: 0, error: 0 });
    expect(large.counts).toEqual({ create: 1500, update: 0, skip: 0, error: 0 });
    expect(large.statements, `creates: 20 rows took ${small.statements} statements, 1,500 took ${large.statements}`).toBe(small.statements);
    // The same rows again, moved to another stage: every row an update through the upsert match.
    const smallAgain = await importRows('small', 0, 20, 'won');
    const largeAgain = await importRows('large', 1000, 1500, 'won');
    expect(largeAgain.counts).toEqual({ create: 0, update: 1500, skip: 0, error: 0 });
    expect(largeAgain.statements, `updates: 20 rows took ${smallAgain.statements} statements, 1,500 took ${largeAgain.statements}`).toBe(smallAgain.statements);
    // The per-chunk steps did their work: a stage move per create and per update, field history of the updated amounts.
    const moves = await sql<{ n: number }>`select count(*)::int as n from t_importstmts._stage_history where object = 'deal'`.execute(server.database.db);
    expect(moves.rows[0]?.n).toBe(2 * 1520);
    const linked = await sql<{ n: number }>`select count(*)::int as n from t_importstmts.deal where firm is not null`.execute(server.database.db);
    expect(linked.rows[0]?.n).toBe(1520);
  }, 180_000);
});
