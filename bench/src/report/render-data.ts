// The "Data in and out" section of latest.md: export and import against COPY, bulk upsert against
// the lean baseline's INSERT … ON CONFLICT, each a ratio measured in the same run.
import type { DataReport } from '../data/run-data-bench.ts';

const rate = (value: number): string => Math.round(value).toLocaleString('en-US');
const mib = (bytes: number | null): string => (bytes === null ? '–' : `${(bytes / 2 ** 20).toFixed(1)} MiB`);
const verdict = (pass: boolean): string => (pass ? 'pass' : '**miss**');
/** Two decimals, three below 0.1 (an import at 0.014× would read 0.01). */
const times = (ratio: number): string => ratio.toFixed(ratio < 0.1 ? 3 : 2);

export function renderData(data: DataReport): string[] {
  const { export: exported, upsert } = data;
  const lines = [
    '',
    '## Data in and out',
    '',
    `${data.rows.toLocaleString('en-US')} opportunities. The limit each is measured against ran in the same run: COPY through ${data.copyClient}; ` +
      "bulk upsert against the lean baseline's one multi-row `INSERT … ON CONFLICT (ext) DO UPDATE` per request. The pipeline and the external ids (account `code`, opportunity `ext`) are applied.",
    '',
    '| what | Tessera | limit | × limit | goal | verdict | Tessera memory (before → peak RSS) |',
    '|---|---:|---:|---:|---|---|---|',
    `| export CSV (GET …/export vs COPY TO STDOUT) | ${rate(exported.tessera.rowsPerSecond)} rows/s, ${mib(exported.tessera.bytesPerSecond)}/s | ` +
      `${rate(exported.copy.rowsPerSecond)} rows/s, ${mib(exported.copy.bytesPerSecond)}/s | ${times(exported.ratio)} | ≥ ${exported.goal} | ${verdict(exported.pass)} | ` +
      `${mib(exported.tessera.rssBeforeBytes)} → ${mib(exported.tessera.maxRssBytes)} |`,
    `| bulk upsert, ${upsert.batchSize.toLocaleString('en-US')} per request × ${upsert.tessera.requests} (half updates) | ${rate(upsert.tessera.recordsPerSecond)} records/s, ` +
      `${upsert.tessera.meanRequestMs.toFixed(0)} ms/request | ${rate(upsert.lean.recordsPerSecond)} records/s, ${upsert.lean.meanRequestMs.toFixed(0)} ms/request | ` +
      `${times(upsert.ratio)} | reported | – | – |`,
  ];
  const imported = data.import;
  if (imported)
    lines.push(
      `| import CSV, ${imported.tessera.rows.toLocaleString('en-US')} rows (POST /imports, run, lookups by code) with a duplicate rule and a roll-up on account vs COPY FROM into the same table (indexes, foreign key, the roll-up's trigger; rolled back) | ` +
        `${rate(imported.tessera.rowsPerSecond)} rows/s | ${rate(imported.copy.rowsPerSecond)} rows/s | ${times(imported.ratio)} | ≥ ${imported.goal} | ${verdict(imported.pass)} | ` +
        `${mib(imported.tessera.rssBeforeBytes)} → ${mib(imported.tessera.maxRssBytes)} |`,
      `| the same import vs COPY FROM into an unindexed scratch copy (no index, no constraint) | ${rate(imported.tessera.rowsPerSecond)} rows/s | ` +
        `${rate(imported.scratchCopy.rowsPerSecond)} rows/s | ${times(imported.scratchRatio)} | reported | – | – |`,
    );
  return lines;
}
