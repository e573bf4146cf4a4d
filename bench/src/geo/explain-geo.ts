// EXPLAIN (ANALYZE, BUFFERS) of the geo op's statement, compiled by the runtime's own list compiler
// (listStatement) from the tenant's live metadata: once as PostgreSQL plans it, once with index and
// bitmap scans turned off in that transaction (a sequential scan testing the same box and haversine
// on every row: the baseline). Parallel workers are off in both, so each is one backend's time and
// a second core does not flatter the scan on a machine the load shares. Each is run WARM_UPS + RUNS times; the medians of PostgreSQL's own
// "Execution Time" give the ratio, so client and network time stay out of it.
import { listStatement } from '@tessera/runtime';
import type { MetadataSnapshot } from '@tessera/metadata';
import pg from 'pg';
import { type Centre, geoQuery } from './geo-query.ts';

const WARM_UPS = 1;
const RUNS = 5;

export interface PlanRun {
  /** The plan of the last run, as EXPLAIN prints it in text form. */
  plan: string;
  /** Median "Execution Time" over the measured runs, in ms. */
  executionMs: number;
  runsMs: number[];
  /** Whether the plan reads the field's GiST index (gl_site_location). */
  usesIndex: boolean;
}

export interface GeoExplain {
  label: string;
  centre: Centre;
  sql: string;
  parameters: readonly unknown[];
  indexed: PlanRun;
  sequential: PlanRun;
  /** sequential ÷ indexed median execution time. */
  speedup: number;
}

export interface Tenant {
  tenant: string;
  schema: string;
  revision: number;
  snapshot: MetadataSnapshot;
}

export async function explainGeo(databaseUrl: string, tenant: Tenant, label: string, centre: Centre): Promise<GeoExplain> {
  const statement = listStatement(tenant, 'site', geoQuery(centre));
  if (!statement.ok) throw new Error(`the geo query does not compile: ${JSON.stringify(statement.errors)}`);
  const { sql, parameters } = statement.value;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const run = async (sequential: boolean): Promise<PlanRun> => {
      const times: number[] = [];
      let plan = '';
      for (let i = 0; i < WARM_UPS + RUNS; i++) {
        await client.query('begin');
        try {
          await client.query('set local max_parallel_workers_per_gather = 0');
          if (sequential) await client.query('set local enable_indexscan = off; set local enable_bitmapscan = off');
          const result = await client.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${sql}`, [...parameters]);
          plan = result.rows.map((row) => row['QUERY PLAN']).join('\n');
        } finally {
          await client.query('rollback');
        }
        if (i >= WARM_UPS) times.push(executionMs(plan));
      }
      return { plan, executionMs: median(times), runsMs: times, usesIndex: plan.includes('gl_site_location') };
    };
    const indexed = await run(false);
    const sequential = await run(true);
    return { label, centre, sql, parameters, indexed, sequential, speedup: sequential.executionMs / indexed.executionMs };
  } finally {
    await client.end();
  }
}

export function executionMs(plan: string): number {
  const match = /Execution Time: ([\d.]+) ms/.exec(plan);
  if (!match) throw new Error(`no Execution Time in the plan:\n${plan}`);
  return Number(match[1]);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
