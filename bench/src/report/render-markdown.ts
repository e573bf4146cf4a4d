// BenchReport → the markdown table printed to stdout and written to bench/results/latest.md.
import type { OpName } from '../bench-options.ts';
import type { ApplySamples, LoadedApplies } from '../load/add-field-under-load.ts';
import { type BenchReport, MEMORY_LIMIT } from './bench-report.ts';
import { renderCpu } from './render-cpu.ts';
import { renderData } from './render-data.ts';
import { renderGeo } from './render-geo.ts';
import { renderUserList } from './render-user-list.ts';

const fixed = (value: number | null | undefined, digits = 0): string => (value == null ? '–' : value.toFixed(digits));
const verdict = (pass: boolean | null): string => (pass === null ? '–' : pass ? 'pass' : '**miss**');
const mib = (bytes: number | null): string => (bytes === null ? '–' : `${(bytes / 1024 / 1024).toFixed(0)} MiB`);

export function renderMarkdown(report: BenchReport): string {
  const { machine, settings } = report;
  const lines = [
    `# Tessera vs two hand-written baselines`,
    '',
    `${report.generatedAt} · ${machine.cpus} × ${machine.cpuModel} · ${machine.memoryGiB} GiB · Node ${machine.node} · ${machine.postgres}`,
    `${settings.rows.toLocaleString('en-US')} opportunities, ${settings.accounts.toLocaleString('en-US')} accounts · ` +
      `${settings.connections} connections, pipelining 1, loopback · ${settings.warmupSeconds} s warm-up + ${settings.durationSeconds} s per run · ` +
      `${settings.rounds} runs per server, interleaved (Tessera, lean, Kysely, Tessera, …)${settings.quick ? ' · **--quick (smoke test, numbers not meaningful)**' : ''}`,
    '',
    `Ratios are Tessera ÷ the server named: **lean** (src/baseline/lean/: named statements prepared once, JSON built by PostgreSQL, the targets' reference) ` +
      'and **Kysely** (src/baseline/: Hono + Kysely, a query built per request).',
    '',
    '| op | Tessera req/s | lean req/s | × lean | Kysely req/s | × Kysely | p99 ms Tessera / lean / Kysely | p99 × lean | errors Tessera / lean / Kysely | target (× lean) | verdict |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|',
  ];
  const rows = Object.entries(report.ops) as [OpName, NonNullable<BenchReport['ops'][OpName]>][];
  for (const [op, row] of rows) {
    const conflicts = (row.tessera?.conflicts ?? 0) + row.lean.conflicts + row.baseline.conflicts;
    lines.push(
      `| ${op} | ${fixed(row.tessera?.rps)} | ${fixed(row.lean.rps)} | ${fixed(row.ratio?.rps, 2)} | ${fixed(row.baseline.rps)} | ${fixed(row.baselineRatio?.rps, 2)} | ` +
        `${fixed(row.tessera?.p99, 1)} / ${fixed(row.lean.p99, 1)} / ${fixed(row.baseline.p99, 1)} | ${fixed(row.ratio?.p99, 2)} | ` +
        `${row.tessera?.errors ?? '–'} / ${row.lean.errors} / ${row.baseline.errors}${conflicts ? ` (409: ${conflicts})` : ''} | ${row.target} | ${verdict(row.pass)} |`,
    );
  }
  lines.push(...renderCpu(rows, report.postgresCpuSource));
  if (report.userList) lines.push(...renderUserList(report.userList, settings.rounds));
  if (report.geo) lines.push(...renderGeo(report.geo, settings.rounds));
  if (report.data) lines.push(...renderData(report.data));
  const { memory, coldStart, addField } = report;
  const profiled = Object.entries(report.serverTiming) as [OpName, NonNullable<BenchReport['serverTiming'][OpName]>][];
  if (profiled.length > 0) {
    const metrics = [...new Set(profiled.flatMap(([, profile]) => Object.keys(profile.meanMs)))];
    lines.push(
      '',
      `Tessera Server-Timing, mean ms over ${profiled[0]?.[1].requests} sequential requests per op after the load; ` +
        'client = wall time per request seen by the bench, for Tessera and for each baseline:',
      '',
      `| op | ${metrics.join(' | ')} | Tessera client | lean client | Kysely client |`,
      `|---|${metrics.map(() => '---:|').join('')}---:|---:|---:|`,
      ...profiled.map(
        ([op, profile]) =>
          `| ${op} | ${metrics.map((metric) => fixed(profile.meanMs[metric], 2)).join(' | ')} | ${fixed(profile.clientMeanMs, 2)} | ` +
          `${fixed(profile.leanClientMeanMs, 2)} | ${fixed(profile.baselineClientMeanMs, 2)} |`,
      ),
    );
  }
  lines.push(
    '',
    `- Resident memory under load (max VmRSS): Tessera ${mib(memory.tesseraBytes)}, lean ${mib(memory.leanBytes)}, Kysely ${mib(memory.baselineBytes)}; ` +
      `× lean ${fixed(memory.ratio, 2)} (target ≤ ${MEMORY_LIMIT}×: ${verdict(memory.pass)}), × Kysely ${fixed(memory.baselineRatio, 2)}`,
    `- Cold start (spawn → first 200 from /api/v1/health): Tessera ${coldStart.tesseraMedianMs === null ? '–' : `${fixed(coldStart.tesseraMedianMs)} ms median of ${coldStart.tesseraMs?.map((ms) => fixed(ms)).join(', ')} ms`}; ` +
      `lean ${fixed(coldStart.leanMs)} ms; Kysely ${fixed(coldStart.baselineMs)} ms`,
  );
  if (addField) {
    const samples = (applies: ApplySamples) =>
      `median ${fixed(applies.medianMs, 1)} ms, slowest ${fixed(applies.maxMs, 1)} ms (each: ${applies.applyMs.map((ms) => fixed(ms, 1)).join(', ')} ms; ` +
      `Server-Timing db median ${fixed(applies.medianDbMs, 1)} ms; status ${[...new Set(applies.statuses)].join('/')})`;
    const loaded = (applies: LoadedApplies) =>
      `${samples(applies)}, failed requests ${applies.failedRequests} of ${applies.loadRequests}, load p99 ${fixed(applies.loadP99, 1)} ms`;
    lines.push(
      `- Add a nullable field to opportunity at ${addField.rows.toLocaleString('en-US')} rows through the metadata API (actions [${addField.actions.join(', ')}]), ` +
        `${addField.idle.applyMs.length} fields per condition, each apply adding one:`,
      `  - no load: ${samples(addField.idle)}`,
      `  - under the saturating list load: ${loaded(addField.saturated)} (target < 100 ms at 1,000,000 rows and 0 failures: ${verdict(addField.pass)})`,
    );
    if (addField.paced) {
      const paced = addField.paced;
      lines.push(`  - under a list load paced at ${fixed(paced.rate)} req/s (half the list throughput above): ${loaded(paced)}`);
    }
    if (addField.error) lines.push(`  - an apply failed: ${addField.error}`);
  } else {
    lines.push(
      `- Add nullable field: not run (${settings.dataOnly ? '--data-only' : report.coldStart.tesseraMs ? 'no compared op among --ops' : 'needs the Tessera runtime'})`,
    );
  }
  if (report.pipelines) {
    const p = report.pipelines;
    lines.push(
      `- Pipelines (Tessera only; the baseline has none, so no ratio; 4 concurrent clients), over ${p.historyRows.toLocaleString('en-US')} stage moves: ` +
        `board (6 stages: count, amount, weighted, 20 cards each) ${pipelineFigures(p.board)}; funnel (90 days) ${pipelineFigures(p.funnel)}`,
    );
  }
  if (report.noisyNeighbour) {
    const n = report.noisyNeighbour;
    lines.push(
      `- Noisy neighbour (Tessera only): tenant bench floods lists with 16 case-insensitive searches each (${fixed(n.flood.rps, 1)} req/s, statuses ${JSON.stringify(n.flood.statusCodes)}); ` +
        `another tenant's get: alone p50 ${n.quietAlone.p50} ms / p99 ${n.quietAlone.p99} ms, under the flood p50 ${n.quietUnderFlood.p50} ms / p99 ${n.quietUnderFlood.p99} ms, ` +
        `${n.quietUnderFlood.errors} errors: p99 **${n.p99Ratio === null ? '–' : fixed(n.p99Ratio, 2)}×** alone (goal ≤ 3×: ${n.pass === null ? '–' : n.pass ? 'pass' : 'miss'})`,
    );
  }
  lines.push(`- Seeding took ${fixed(report.seedSeconds, 1)} s (multi-row INSERT, 1,000 rows per statement, then VACUUM ANALYZE)`);
  for (const [server, parity] of Object.entries(report.parity ?? {})) {
    const name = server === 'lean' ? 'the lean baseline' : 'the Kysely baseline';
    lines.push(
      parity.differences.length === 0
        ? `- Response parity: ${name} returned the same JSON as Tessera on ${parity.checked} sample requests`
        : `- Response parity, ${name}: **${parity.differences.length} difference(s)**: ${parity.differences.join('; ')}`,
    );
  }
  for (const note of report.notes) lines.push(`- ${note}`);
  return `${lines.join('\n')}\n`;
}

/** A pipeline op's figures; a run in which no request finished says so instead of printing zeros. */
export function pipelineFigures(result: { rps: number; p50: number; p99: number; errors: number; requests: number }): string {
  if (result.requests === 0) return `**no request completed within the run** (each took longer than the run), ${result.errors} errors`;
  return `${fixed(result.rps, result.rps < 10 ? 1 : 0)} req/s (${result.requests} requests), p50 ${result.p50} ms, p99 ${result.p99} ms, ${result.errors} errors`;
}
