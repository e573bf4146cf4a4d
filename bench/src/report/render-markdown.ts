// BenchReport → the markdown table printed to stdout and written to bench/results/latest.md.
import type { OpName } from '../bench-options.ts';
import type { BenchReport } from './bench-report.ts';
import { renderUserList } from './render-user-list.ts';

const fixed = (value: number | null | undefined, digits = 0): string => (value == null ? '–' : value.toFixed(digits));
const verdict = (pass: boolean | null): string => (pass === null ? '–' : pass ? 'pass' : '**miss**');
const mib = (bytes: number | null): string => (bytes === null ? '–' : `${(bytes / 1024 / 1024).toFixed(0)} MiB`);

export function renderMarkdown(report: BenchReport): string {
  const { machine, settings } = report;
  const lines = [
    `# Tessera vs hand-written baseline`,
    '',
    `${report.generatedAt} · ${machine.cpus} × ${machine.cpuModel} · ${machine.memoryGiB} GiB · Node ${machine.node} · ${machine.postgres}`,
    `${settings.rows.toLocaleString('en-US')} opportunities, ${settings.accounts.toLocaleString('en-US')} accounts · ` +
      `${settings.connections} connections, pipelining 1, loopback · ${settings.warmupSeconds} s warm-up + ${settings.durationSeconds} s per run · ` +
      `${settings.rounds} runs per server, A B A B${settings.quick ? ' · **--quick (smoke test, numbers not meaningful)**' : ''}`,
    '',
    '| op | Tessera req/s | baseline req/s | ratio | Tessera p50 ms | baseline p50 ms | Tessera p99 ms | baseline p99 ms | p99 ratio | errors T / B | target | verdict |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|',
  ];
  for (const [op, row] of Object.entries(report.ops) as [OpName, NonNullable<BenchReport['ops'][OpName]>][]) {
    const conflicts = (row.tessera?.conflicts ?? 0) + row.baseline.conflicts;
    lines.push(
      `| ${op} | ${fixed(row.tessera?.rps)} | ${fixed(row.baseline.rps)} | ${fixed(row.ratio?.rps, 2)} | ` +
        `${fixed(row.tessera?.p50, 1)} | ${fixed(row.baseline.p50, 1)} | ${fixed(row.tessera?.p99, 1)} | ${fixed(row.baseline.p99, 1)} | ` +
        `${fixed(row.ratio?.p99, 2)} | ${row.tessera?.errors ?? '–'} / ${row.baseline.errors}${conflicts ? ` (409: ${conflicts})` : ''} | ${row.target} | ${verdict(row.pass)} |`,
    );
  }
  if (report.userList) lines.push(...renderUserList(report.userList, settings.rounds));
  const { memory, coldStart, addField } = report;
  const profiled = Object.entries(report.serverTiming) as [OpName, NonNullable<BenchReport['serverTiming'][OpName]>][];
  if (profiled.length > 0) {
    const metrics = [...new Set(profiled.flatMap(([, profile]) => Object.keys(profile.meanMs)))];
    lines.push(
      '',
      `Tessera Server-Timing, mean ms over ${profiled[0]?.[1].requests} sequential requests per op after the load; ` +
        'client = wall time per request seen by the bench, for Tessera and for the baseline:',
      '',
      `| op | ${metrics.join(' | ')} | Tessera client | baseline client |`,
      `|---|${metrics.map(() => '---:|').join('')}---:|---:|`,
      ...profiled.map(
        ([op, profile]) =>
          `| ${op} | ${metrics.map((metric) => fixed(profile.meanMs[metric], 2)).join(' | ')} | ${fixed(profile.clientMeanMs, 2)} | ${fixed(profile.baselineClientMeanMs, 2)} |`,
      ),
    );
  }
  lines.push(
    '',
    `- Resident memory under load (max VmRSS): Tessera ${mib(memory.tesseraBytes)}, baseline ${mib(memory.baselineBytes)}, ` +
      `ratio ${fixed(memory.ratio, 2)} (target ≤ 1.5×: ${verdict(memory.pass)})`,
    `- Cold start (spawn → first 200 from /api/v1/health): Tessera ${coldStart.tesseraMedianMs === null ? '–' : `${fixed(coldStart.tesseraMedianMs)} ms median of ${coldStart.tesseraMs?.map((ms) => fixed(ms)).join(', ')} ms`}; ` +
      `baseline ${fixed(coldStart.baselineMs)} ms`,
  );
  if (addField) {
    lines.push(
      `- Add nullable field \`${addField.field}\` at ${addField.rows.toLocaleString('en-US')} rows under list load: ` +
        `apply ${fixed(addField.applyMs, 1)} ms (Server-Timing db ${fixed(addField.serverDbMs, 1)} ms), status ${addField.status}, ` +
        `actions [${addField.actions.join(', ')}], failed requests ${addField.failedRequests} of ${addField.loadRequests}, ` +
        `load p99 ${fixed(addField.loadP99, 1)} ms (target < 100 ms at 1,000,000 rows and 0 failures: ${verdict(addField.pass)}). ` +
        `The same change with no load: ${fixed(addField.idle.applyMs, 1)} ms (db ${fixed(addField.idle.serverDbMs, 1)} ms, status ${addField.idle.status})`,
    );
    const paced = addField.paced;
    if (paced) {
      lines.push(
        `- The same change (\`${paced.field}\`) under a list load paced at ${fixed(paced.rate)} req/s (half the list throughput above): ` +
          `apply ${fixed(paced.applyMs, 1)} ms (db ${fixed(paced.serverDbMs, 1)} ms), status ${paced.status}, failed requests ${paced.failedRequests} of ${paced.loadRequests}, ` +
          `load p99 ${fixed(paced.loadP99, 1)} ms (< 100 ms and 0 failures: ${verdict(paced.status === 200 && paced.applyMs < 100 && paced.failedRequests === 0)})`,
      );
    }
  } else {
    lines.push('- Add nullable field: not run (needs the Tessera runtime)');
  }
  if (report.pipelines) {
    const p = report.pipelines;
    lines.push(
      `- Pipelines (Tessera only; the baseline has none, so no ratio; 4 concurrent clients), over ${p.historyRows.toLocaleString('en-US')} stage moves: ` +
        `board (6 stages: count, amount, weighted, 20 cards each) ${fixed(p.board.rps, 0)} req/s, p50 ${p.board.p50} ms, p99 ${p.board.p99} ms, ${p.board.errors} errors; ` +
        `funnel (90 days) ${fixed(p.funnel.rps, 0)} req/s, p50 ${p.funnel.p50} ms, p99 ${p.funnel.p99} ms, ${p.funnel.errors} errors`,
    );
  }
  lines.push(`- Seeding took ${fixed(report.seedSeconds, 1)} s (multi-row INSERT, 1,000 rows per statement, then VACUUM ANALYZE)`);
  if (report.parity) {
    lines.push(
      report.parity.differences.length === 0
        ? `- Response parity: the baseline returned the same JSON as Tessera on ${report.parity.checked} sample requests`
        : `- Response parity: **${report.parity.differences.length} difference(s)**: ${report.parity.differences.join('; ')}`,
    );
  }
  for (const note of report.notes) lines.push(`- ${note}`);
  return `${lines.join('\n')}\n`;
}
