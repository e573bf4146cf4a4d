// Import of N new opportunities from CSV: Tessera's POST /api/v1/imports/opportunity (a run, not a
// dry run: all-or-nothing, duplicates updated by ext, the account column given as the account's
// external id `code`, so every row's lookup is resolved) timed from upload to the finished report,
// with the Tessera process's resident memory before and at its peak; then psql's COPY … FROM of
// the same rows (account as its id) into the same table — its indexes, foreign key and the
// account roll-up's trigger (the scenario: withImportRules), nothing checked by Tessera; in a transaction rolled back, with its own external ids — the
// issue's yardstick; and into a scratch copy of the table — `LIKE … INCLUDING DEFAULTS`: no index,
// no constraint, nothing checked — the stricter one, reported beside it.
// Ratio = Tessera rows/s ÷ COPY rows/s.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { OPPORTUNITY_FIELDS } from '../baseline/tables.ts';
import { EXTERNAL_IDS } from '../metadata/bench-metadata.ts';
import { residentBytes, sampleMemory } from '../server-process.ts';
import { csvLine, type OpportunityRecord } from './data-rows.ts';
import { type ThroughputResult, throughput } from './measure-export.ts';
import { postFile } from './post-file.ts';
import { copyIn } from './psql-copy.ts';

export interface ImportResult {
  tessera: ThroughputResult & { created: number; updated: number; errors: number; rssBeforeBytes: number | null; maxRssBytes: number | null };
  /** COPY into the opportunity table itself (rolled back). */
  copy: ThroughputResult;
  /** Tessera rows/s ÷ COPY-into-the-table rows/s; the goal is ≥ 0.25. */
  ratio: number;
  /** COPY into an unindexed scratch copy of the table, and the ratio to it. */
  scratchCopy: ThroughputResult;
  scratchRatio: number;
}

export const IMPORT_GOAL = 0.25;

/** Cells as the seeded records hold them (instants with milliseconds, as Tessera exports them). */
const cell = (record: OpportunityRecord, field: (typeof OPPORTUNITY_FIELDS)[number]) => record[field];
const SCRATCH = '_bench_copy_scratch';

export async function measureImport(options: {
  baseUrl: string;
  pid: number;
  token: string;
  databaseUrl: string;
  schema: string;
  records: readonly OpportunityRecord[];
  accountCodes: ReadonlyMap<string, string>;
}): Promise<ImportResult> {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-bench-import-'));
  try {
    const ext = EXTERNAL_IDS.opportunity;
    const columns = [ext, ...OPPORTUNITY_FIELDS];
    const lines = (account: (id: string) => string, prefix = 'IMP') =>
      options.records.map((record, i) =>
        csvLine([
          `${prefix}-${i}`,
          ...OPPORTUNITY_FIELDS.map((field) => (field === 'account' && typeof record.account === 'string' ? account(record.account) : cell(record, field))),
        ]),
      );
    const importFile = join(dir, 'import.csv');
    const copyFile = join(dir, 'copy.csv');
    const tableCopyFile = join(dir, 'copy-table.csv');
    writeFileSync(importFile, csvLine(columns) + lines((id) => options.accountCodes.get(id) ?? id).join(''));
    writeFileSync(copyFile, csvLine(columns) + lines((id) => id).join(''));
    // Its own external ids: the imported rows are live in the table and `ext` is unique.
    writeFileSync(tableCopyFile, csvLine(columns) + lines((id) => id, 'CPY').join(''));

    const bodyBytes = statSync(importFile).size;
    const mapping = JSON.stringify(Object.fromEntries(columns.map((column) => [column, column])));
    const query = new URLSearchParams({ mode: 'all-or-nothing', duplicates: 'update', matchField: ext, mapping, wait: 'true' });
    const rssBeforeBytes = residentBytes(options.pid);
    const memory = sampleMemory(options.pid, 50);
    const started = performance.now();
    const response = await postFile(
      `${options.baseUrl}/api/v1/imports/opportunity?${query}`,
      { authorization: `Bearer ${options.token}`, 'content-type': 'text/csv' },
      importFile,
    );
    const text = response.text;
    const seconds = (performance.now() - started) / 1000;
    const maxRssBytes = memory.stop();
    if (response.status !== 200) throw new Error(`import answered ${response.status}: ${text.slice(0, 500)}`);
    const outcome = JSON.parse(text) as {
      status: string;
      counts: { create: number; update: number; error: number } | null;
      errorCount: number;
      errors: unknown[];
    };
    if (outcome.status !== 'done' || outcome.errorCount > 0)
      throw new Error(`import ended ${outcome.status} with ${outcome.errorCount} errors: ${JSON.stringify(outcome.errors.slice(0, 3))}`);

    const client = new pg.Client({ connectionString: options.databaseUrl });
    await client.connect();
    try {
      const s = pg.escapeIdentifier(options.schema);
      await client.query(`drop table if exists ${s}.${SCRATCH}`);
      await client.query(`create table ${s}.${SCRATCH} (like ${s}.opportunity including defaults)`);
      const scratchSeconds = await copyIn(options.databaseUrl, `${s}.${SCRATCH}`, columns, copyFile);
      const copied = await client.query<{ n: number }>(`select count(*)::int as n from ${s}.${SCRATCH}`);
      await client.query(`drop table ${s}.${SCRATCH}`);
      // psql stops at the first error (ON_ERROR_STOP), so a finished COPY wrote every row.
      const tableSeconds = await copyIn(options.databaseUrl, `${s}.opportunity`, columns, tableCopyFile, { rollback: true });
      const tessera = throughput(options.records.length, bodyBytes, seconds);
      const copy = throughput(options.records.length, readFileSync(tableCopyFile).length, tableSeconds);
      const scratchCopy = throughput(copied.rows[0]?.n ?? 0, readFileSync(copyFile).length, scratchSeconds);
      const counts = outcome.counts ?? { create: 0, update: 0, error: 0 };
      return {
        tessera: { ...tessera, created: counts.create, updated: counts.update, errors: counts.error, rssBeforeBytes, maxRssBytes },
        copy,
        ratio: tessera.rowsPerSecond / copy.rowsPerSecond,
        scratchCopy,
        scratchRatio: tessera.rowsPerSecond / scratchCopy.rowsPerSecond,
      };
    } finally {
      await client.end();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
