// argv → BenchOptions. Flags: --rows N, --duration S, --ops a,b, --quick, --baseline-only,
// --connections N, --rounds N, --warmup S, --results-dir D, --database tessera_bench_…, --data-only
// (seed, then only the data-in-and-out part: export, bulk upsert, import). Pure: the
// caller decides what to do with errors.
import { parseArgs } from 'node:util';

export const OP_NAMES = ['list', 'list-user', 'list-expand', 'get', 'create', 'patch', 'geo'] as const;
export type OpName = (typeof OP_NAMES)[number];
/**
 * Ops only Tessera can run: `list-user` lists as a non-admin user, and the baseline has no
 * security; `geo` lists by distance, which the baselines do not serve (its baseline is the same
 * statement planned without the GiST index, src/geo/explain-geo.ts).
 */
export const TESSERA_ONLY_OPS: readonly OpName[] = ['list-user', 'geo'];
/** The ops compared against the baseline, in the order given. */
export const comparedOps = (ops: readonly OpName[]): OpName[] => ops.filter((op) => !TESSERA_ONLY_OPS.includes(op));
/**
 * Whether the sections after the comparison (add a field under load, pipelines, noisy neighbour,
 * data in and out) run: they need the compared ops' load, so `--ops geo` or `--ops list-user`
 * alone runs just that op.
 */
export const runsSections = (options: Pick<BenchOptions, 'ops' | 'dataOnly'>): boolean => !options.dataOnly && comparedOps(options.ops).length > 0;

export interface BenchOptions {
  /** Opportunities to seed; accounts = rows / 10. */
  rows: number;
  /** Seconds of each measured run. */
  durationSeconds: number;
  /** Seconds of the warm-up before each measured run. */
  warmupSeconds: number;
  connections: number;
  /** Measured runs per server and op, interleaved (Tessera, lean, Kysely, Tessera, …); results are averaged. */
  rounds: number;
  ops: OpName[];
  quick: boolean;
  /** Run the baseline only, on tables created from the contract (development without the runtime). */
  baselineOnly: boolean;
  /** Only the data-in-and-out part (src/data/): no CRUD comparison, pipelines, user list or neighbours. */
  dataOnly: boolean;
  /** Where latest.md / latest.json go. */
  resultsDir: string;
  /** The database the bench drops and recreates (default tessera_bench; the smoke test uses its own). */
  database: string;
}

export function parseBenchOptions(argv: string[], defaultResultsDir: string): BenchOptions {
  const { values } = parseArgs({
    args: argv.filter((arg) => arg !== '--'),
    options: {
      rows: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      rounds: { type: 'string' },
      ops: { type: 'string' },
      quick: { type: 'boolean', default: false },
      'baseline-only': { type: 'boolean', default: false },
      'data-only': { type: 'boolean', default: false },
      'results-dir': { type: 'string' },
      database: { type: 'string' },
    },
    strict: true,
  });
  const quick = values.quick ?? false;
  const dataOnly = values['data-only'] ?? false;
  const ops = dataOnly ? [] : values.ops ? values.ops.split(',').map((op) => op.trim()) : [...OP_NAMES];
  const unknown = ops.filter((op) => !(OP_NAMES as readonly string[]).includes(op));
  if (unknown.length > 0) throw new Error(`unknown --ops ${unknown.join(', ')}; known: ${OP_NAMES.join(', ')}`);
  return {
    rows: positive('rows', values.rows, quick ? 2_000 : 100_000),
    durationSeconds: positive('duration', values.duration, quick ? 1 : 8),
    warmupSeconds: nonNegative('warmup', values.warmup, quick ? 0.5 : 2),
    connections: positive('connections', values.connections, quick ? 8 : 32),
    rounds: Math.round(positive('rounds', values.rounds, 2)),
    ops: ops as OpName[],
    quick,
    baselineOnly: values['baseline-only'] ?? false,
    dataOnly,
    resultsDir: values['results-dir'] ?? defaultResultsDir,
    database: databaseName(values.database),
  };
}

function positive(flag: string, text: string | undefined, fallback: number): number {
  const value = text === undefined ? fallback : Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${flag} must be a positive number, got ${text}`);
  return value;
}

function nonNegative(flag: string, text: string | undefined, fallback: number): number {
  const value = text === undefined ? fallback : Number(text);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${flag} must be a number ≥ 0, got ${text}`);
  return value;
}

function databaseName(text: string | undefined): string {
  const name = text ?? 'tessera_bench';
  // Only names that are plainly the bench's own: the bench drops this database with (force).
  if (!/^tessera_bench[a-z0-9_]{0,40}$/.test(name)) throw new Error(`--database must start with tessera_bench, got ${name}`);
  return name;
}
