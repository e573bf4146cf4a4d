// The CPU-per-request table of the markdown report: for each op, the server process's CPU and
// PostgreSQL's per request, for Tessera and both baselines, and Tessera's total as a multiple of the
// lean baseline's total (what the same work costs the machine, whichever process does it).
import type { OpName } from '../bench-options.ts';
import type { PostgresCpuSource } from '../load/cpu-usage.ts';
import type { OpReport } from './bench-report.ts';

const SOURCES: Record<NonNullable<PostgresCpuSource>, string> = {
  proc: 'the backends serving each server, found by its application_name, CPU from /proc',
  pg_stat_statements: 'executor and planner time from pg_stat_statements (time, not CPU: the server is not local)',
};

const micros = (value: number | null | undefined): string => (value == null ? '–' : value.toFixed(0));
const total = (server: number | null | undefined, postgres: number | null | undefined): number | null => (server == null ? null : server + (postgres ?? 0));

export function renderCpu(rows: readonly [OpName, OpReport][], source: PostgresCpuSource): string[] {
  if (rows.length === 0) return [];
  const lines = [
    '',
    `CPU per request, µs, over the measured runs: the server process (utime + stime from /proc) and PostgreSQL: ${source ? SOURCES[source] : 'not measured (no /proc access to the backends, no pg_stat_statements)'}.`,
    '',
    '| op | Tessera server | lean server | Kysely server | Tessera PostgreSQL | lean PostgreSQL | Kysely PostgreSQL | Tessera total × lean total |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const [op, row] of rows) {
    const tesseraTotal = total(row.tessera?.serverCpuUs, row.tessera?.postgresCpuUs);
    const leanTotal = total(row.lean.serverCpuUs, row.lean.postgresCpuUs);
    const ratio = tesseraTotal !== null && leanTotal ? (tesseraTotal / leanTotal).toFixed(2) : '–';
    lines.push(
      `| ${op} | ${micros(row.tessera?.serverCpuUs)} | ${micros(row.lean.serverCpuUs)} | ${micros(row.baseline.serverCpuUs)} | ` +
        `${micros(row.tessera?.postgresCpuUs)} | ${micros(row.lean.postgresCpuUs)} | ${micros(row.baseline.postgresCpuUs)} | ${ratio} |`,
    );
  }
  return lines;
}
