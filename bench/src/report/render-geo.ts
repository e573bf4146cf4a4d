// The geo section of the markdown: "within 5 km, nearest first" under load, the answer check, and
// EXPLAIN (ANALYZE, BUFFERS) with the GiST index and with index scans off (the baseline), with
// the ratio of PostgreSQL's execution times.
import type { GeoExplain } from '../geo/explain-geo.ts';
import type { GeoReport } from '../geo/run-geo.ts';

const fixed = (value: number | null | undefined, digits = 0): string => (value == null ? '–' : value.toFixed(digits));

export function renderGeo(geo: GeoReport, rounds: number): string[] {
  const { load, serverTiming, explains, check } = geo;
  const metrics = Object.keys(serverTiming.meanMs);
  return [
    '',
    `Geolocation (issue #21, Tessera only): ${geo.rows.toLocaleString('en-US')} sites clustered around ${geo.centres} east-coast cities ` +
      `(src/geo/cities.ts), \`${geo.request}\`; the load cycles over the ${geo.centres} city centres, ${rounds} runs averaged.`,
    '',
    `| op | req/s | p50 ms | p99 ms | errors | ${metrics.map((metric) => `${metric} ms`).join(' | ')} | client ms |`,
    `|---|---:|---:|---:|---:|${metrics.map(() => '---:|').join('')}---:|`,
    `| geo | ${fixed(load.rps)} | ${fixed(load.p50, 1)} | ${fixed(load.p99, 1)} | ${load.errors} | ` +
      `${metrics.map((metric) => fixed(serverTiming.meanMs[metric], 2)).join(' | ')} | ${fixed(serverTiming.clientMeanMs, 2)} |`,
    '',
    `- check: ${check.centres} first pages (${check.ids} ids) equal, in order, a JS haversine over the generated points` +
      (check.differences.length ? `: **${check.differences.length} differences**: ${check.differences.join('; ')}` : ''),
    ...explains.flatMap(renderExplain),
  ];
}

function renderExplain(explain: GeoExplain): string[] {
  const { indexed, sequential } = explain;
  return [
    '',
    `EXPLAIN (ANALYZE, BUFFERS) at ${explain.label} (${explain.centre.latitude}, ${explain.centre.longitude}), median execution time of ` +
      `${indexed.runsMs.length} runs: ${fixed(indexed.executionMs, 2)} ms as planned (${indexed.usesIndex ? 'GiST index `gl_site_location` used' : '**GiST index not used**'}), ` +
      `${fixed(sequential.executionMs, 2)} ms with \`enable_indexscan\` and \`enable_bitmapscan\` off (no parallel workers in either): **${fixed(explain.speedup, 1)}×**`,
    '',
    '```',
    indexed.plan,
    '```',
    '',
    'Without the index:',
    '',
    '```',
    sequential.plan,
    '```',
  ];
}
