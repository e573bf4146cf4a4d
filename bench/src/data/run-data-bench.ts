// The data-in-and-out part of the bench (issue #20): external ids applied live (account `code`,
// opportunity `ext`), then export vs COPY TO STDOUT, bulk upsert vs the lean baseline's
// INSERT … ON CONFLICT, then the duplicate rule and roll-up, import vs COPY FROM, each
// ratio measured in the same run. Tessera only.
import { applyMetadata, applyReviewed } from '../tessera/tessera-api.ts';
import { type BenchObject, withExternalIds, withImportRules } from '../metadata/bench-metadata.ts';
import { assignExternalIds, generateRecords } from './data-rows.ts';
import { EXPORT_GOAL, type ExportResult, measureExport } from './measure-export.ts';
import { IMPORT_GOAL, type ImportResult, measureImport } from './measure-import.ts';
import { measureUpsert, type UpsertResult } from './measure-upsert.ts';

export interface DataReport {
  rows: number;
  /** How COPY was driven (the physical limit's client). */
  copyClient: string;
  export: ExportResult & { goal: number; pass: boolean };
  upsert: UpsertResult;
  import: (ImportResult & { goal: number; pass: boolean }) | null;
}

export interface DataBenchOptions {
  tessera: { baseUrl: string; pid: number; log: () => string };
  leanUrl: string;
  token: string;
  databaseUrl: string;
  schema: string;
  /** The model last applied (the external ids are added to it). */
  objects: BenchObject[];
  rows: number;
  quick: boolean;
  log: (line: string) => void;
}

export async function runDataBench(options: DataBenchOptions): Promise<DataReport> {
  try {
    return await runDataSteps(options);
  } catch (error) {
    // A failed request says little by itself (a reset, EPIPE): Tessera's last lines say why.
    throw new Error(`data in and out failed: ${(error as Error).message}\nTessera's last output:\n${options.tessera.log()}`, { cause: error });
  }
}

async function runDataSteps(options: DataBenchOptions): Promise<DataReport> {
  const { log } = options;
  const applied = await applyMetadata(options.tessera.baseUrl, options.token, withExternalIds(options.objects));
  if (applied.status !== 200) throw new Error(`external id apply answered ${applied.status}: ${applied.body}`);
  const requests = options.quick ? 2 : 10;
  const existing = Math.min(options.rows, requests * 1000);
  const accounts = await assignExternalIds(options.databaseUrl, options.schema, existing);
  log(`data: external ids applied (revision ${applied.revision}), ${existing.toLocaleString('en-US')} opportunities keyed`);

  const exported = await measureExport({ ...options.tessera, token: options.token, databaseUrl: options.databaseUrl, schema: options.schema });
  log(
    `export: Tessera ${exported.tessera.rowsPerSecond.toFixed(0)} rows/s, COPY ${exported.copy.rowsPerSecond.toFixed(0)} rows/s (${exported.ratio.toFixed(2)}×), ` +
      `max RSS ${mib(exported.tessera.maxRssBytes)} (before ${mib(exported.tessera.rssBeforeBytes)})`,
  );

  const upsert = await measureUpsert({
    tessera: options.tessera.baseUrl,
    lean: options.leanUrl,
    token: options.token,
    requests,
    existing,
    records: generateRecords(Math.min(options.rows, 20_000), accounts.seed),
  });
  log(
    `bulk upsert: Tessera ${upsert.tessera.recordsPerSecond.toFixed(0)} records/s, lean ${upsert.lean.recordsPerSecond.toFixed(0)} records/s (${upsert.ratio.toFixed(2)}×)`,
  );

  const ruled = await applyReviewed(options.tessera.baseUrl, options.token, withImportRules(options.objects));
  if (ruled.status !== 200) throw new Error(`the import's duplicate rule and roll-up apply answered ${ruled.status}: ${ruled.body}`);
  log(`data: duplicate rule and roll-up applied for the import (revision ${ruled.revision}, ${ruled.ms.toFixed(0)} ms)`);
  const imported = await measureImport({
    ...options.tessera,
    token: options.token,
    databaseUrl: options.databaseUrl,
    schema: options.schema,
    records: generateRecords(options.rows, accounts.seed),
    accountCodes: accounts.codes,
  });
  log(
    `import: Tessera ${imported.tessera.rowsPerSecond.toFixed(0)} rows/s, COPY into the table ${imported.copy.rowsPerSecond.toFixed(0)} rows/s (${imported.ratio.toFixed(2)}×), into a scratch copy ${imported.scratchCopy.rowsPerSecond.toFixed(0)} rows/s (${imported.scratchRatio.toFixed(3)}×)`,
  );

  return {
    rows: options.rows,
    copyClient: "psql's \\copy in a child process (COPY … TO STDOUT / FROM STDIN through the client)",
    export: { ...exported, goal: EXPORT_GOAL, pass: exported.ratio >= EXPORT_GOAL },
    upsert,
    import: { ...imported, goal: IMPORT_GOAL, pass: imported.ratio >= IMPORT_GOAL },
  };
}

const mib = (bytes: number | null) => (bytes === null ? '–' : `${(bytes / 2 ** 20).toFixed(0)} MiB`);
