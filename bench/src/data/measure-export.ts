// Export of every opportunity: Tessera's GET …/export?format=csv read to the end by this process
// (rows/s, bytes/s, the Tessera process's resident memory before and at its peak during the
// export), then psql's COPY of the same columns — the lookup as the account's name, joined — to
// STDOUT, read the same way. Ratio = Tessera rows/s ÷ COPY rows/s.
import { sampleMemory, residentBytes } from '../server-process.ts';
import { copyOut } from './psql-copy.ts';
import { OPPORTUNITY_FIELDS } from '../baseline/tables.ts';
import { EXTERNAL_IDS } from '../metadata/bench-metadata.ts';

export interface ThroughputResult {
  rows: number;
  bytes: number;
  seconds: number;
  rowsPerSecond: number;
  bytesPerSecond: number;
}

export interface ExportResult {
  tessera: ThroughputResult & { rssBeforeBytes: number | null; maxRssBytes: number | null };
  copy: ThroughputResult;
  /** Tessera rows/s ÷ COPY rows/s; the goal is ≥ 0.5. */
  ratio: number;
}

export const EXPORT_GOAL = 0.5;

/** After id, name and the account's name: the rest of Tessera's default export columns, in field order. */
const OTHER_COLUMNS = [...OPPORTUNITY_FIELDS.filter((field) => field !== 'name' && field !== 'account'), EXTERNAL_IDS.opportunity];

export async function measureExport(options: { baseUrl: string; pid: number; token: string; databaseUrl: string; schema: string }): Promise<ExportResult> {
  const rssBeforeBytes = residentBytes(options.pid);
  const memory = sampleMemory(options.pid, 50);
  const started = performance.now();
  const response = await fetch(`${options.baseUrl}/api/v1/objects/opportunity/export?format=csv`, { headers: { authorization: `Bearer ${options.token}` } });
  if (response.status !== 200 || !response.body) {
    memory.stop();
    throw new Error(`export answered ${response.status}: ${await response.text()}`);
  }
  let bytes = 0;
  let lines = 0;
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
  }
  const seconds = (performance.now() - started) / 1000;
  const maxRssBytes = memory.stop();
  const tessera = throughput(lines - 1, bytes, seconds);

  const s = `"${options.schema}"`;
  const columns = ['o.id', 'o.name', 'a.name as account', ...OTHER_COLUMNS.map((column) => `o.${column}`)];
  const copied = await copyOut(
    options.databaseUrl,
    `select ${columns.join(', ')} from ${s}.opportunity as o left join ${s}.account as a on a.id = o.account and a.deleted_at is null where o.deleted_at is null order by o.id`,
  );
  const copy = throughput(copied.lines - 1, copied.bytes, copied.seconds);
  if (tessera.rows !== copy.rows) throw new Error(`export wrote ${tessera.rows} rows, COPY ${copy.rows}`);
  return { tessera: { ...tessera, rssBeforeBytes, maxRssBytes }, copy, ratio: tessera.rowsPerSecond / copy.rowsPerSecond };
}

export const throughput = (rows: number, bytes: number, seconds: number): ThroughputResult => ({
  rows,
  bytes,
  seconds,
  rowsPerSecond: rows / seconds,
  bytesPerSecond: bytes / seconds,
});
