// Format benchmark (issue #22): times each value check of the record validator on 1 MB inputs
// crafted against its regular expression, as a ratio to a scan of 1 MB benign text in the same run, and
// the record validator itself on a 1 MB value (refused by length before any pattern runs). A ratio
// near 1 means the check is linear; the old phone pattern was quadratic (5 s on 78 KB). Measured
// numbers for review, never asserted. Run: pnpm --filter @tessera/bench formats [-- --rounds N]
import { writeFileSync } from 'node:fs';
import { compileRecordValidator, normalise } from '@tessera/metadata';
import { FORMAT_CASES, fill } from './format-cases.ts';

const roundsFlag = process.argv.indexOf('--rounds');
const ROUNDS = roundsFlag > 0 ? Number(process.argv[roundsFlag + 1]) : 5;

/** Fastest of ROUNDS runs, in milliseconds: the least disturbed by other work on the machine. */
function time(run: () => unknown): number {
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < ROUNDS; round++) {
    const start = process.hrtime.bigint();
    run();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return best;
}

// The baseline: one regular-expression scan through 1 MB of benign text (nothing to find), the
// least any check that reads its whole input costs. Each check's own benign input is listed too.
const benignText = fill('a');
const baseline = time(() => /[^a]/.test(benignText));
const rows: Array<{ check: string; input: string; ms: number; accepted: boolean }> = [
  { check: 'baseline', input: 'regex scan of 1 MB benign text', ms: baseline, accepted: false },
];
for (const format of FORMAT_CASES) {
  rows.push({ check: format.name, input: 'benign 1 MB', ms: time(() => format.check(format.benign)), accepted: format.check(format.benign) });
  for (const [input, value] of Object.entries(format.adversarial)) {
    rows.push({ check: format.name, input, ms: time(() => format.check(value)), accepted: format.check(value) });
  }
}

// The record validator: every formatted field at its maxLength limit, each sent a 1 MB value.
const object = normalise({
  apiName: 'probe',
  labels: { en: 'Probe' },
  fields: [
    { apiName: 'name', type: 'text', labels: { en: 'Name' }, required: true },
    { apiName: 'phone', type: 'phone', labels: { en: 'Phone' } },
    { apiName: 'email', type: 'email', labels: { en: 'Email' } },
    { apiName: 'site', type: 'url', labels: { en: 'Site' } },
  ],
});
const validate = compileRecordValidator(object, 'create');
const benignRecord = { name: 'ok', phone: '+86 10 1234 5678', email: 'li@example.cn', site: 'https://example.cn' };
const hostileRecord = { name: fill(' '), phone: fill('1 ', '!'), email: fill('a', '!', 'a@'), site: fill('a', ' ', 'http://') };
rows.push({ check: 'record validator', input: 'small valid record', ms: time(() => validate(benignRecord)), accepted: validate(benignRecord).length === 0 });
rows.push({
  check: 'record validator',
  input: '1 MB adversarial value in every field',
  ms: time(() => validate(hostileRecord)),
  accepted: validate(hostileRecord).length === 0,
});

const table = [
  `Format checks on 1 MB inputs (fastest of ${ROUNDS} runs; ratio = time ÷ baseline, ${baseline.toFixed(2)} ms)`,
  '',
  '| check | input | ms | ratio | accepted |',
  '|---|---|---:|---:|---|',
  ...rows.map((row) => `| ${row.check} | ${row.input} | ${row.ms.toFixed(2)} | ${(row.ms / baseline).toFixed(1)}× | ${row.accepted ? 'yes' : 'no'} |`),
].join('\n');
console.log(table);
writeFileSync(new URL('../../results/formats.md', import.meta.url), `${table}\n`);
