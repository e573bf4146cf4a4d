// The geo op (issue #21, Tessera only): seed `site` with points clustered around east-coast cities,
// check the API's nearest-first pages against a JS haversine, measure "within 5 km, nearest first"
// under load (req/s, p50, p99, averaged over rounds), read Server-Timing, and EXPLAIN the statement
// with its GiST index and without (the baseline, same run).
import { average, type ServerOpResult } from '../load/compare-servers.ts';
import { profileServerTiming, type TimingProfile } from '../load/profile-server-timing.ts';
import { runLoad } from '../load/run-load.ts';
import type { TesseraRunSettings } from '../load/tessera-run-settings.ts';
import { buildWorkload, type WorkloadData } from '../load/workloads.ts';
import { checkGeo, type GeoCheck } from './check-geo.ts';
import { explainGeo, type GeoExplain } from './explain-geo.ts';
import { EXPLAIN_CENTRES, GEO_CENTRES, geoPath } from './geo-query.ts';
import { seedSites } from './seed-sites.ts';

export interface GeoReport {
  rows: number;
  seedSeconds: number;
  /** The headline request (Shanghai); the load cycles over every city centre. */
  request: string;
  centres: number;
  check: GeoCheck;
  load: ServerOpResult;
  serverTiming: TimingProfile;
  /** One per EXPLAIN_CENTRES entry: dense downtown first. */
  explains: GeoExplain[];
}

export interface GeoSettings extends TesseraRunSettings {
  /** Sites to seed. */
  rows: number;
}

export async function runGeo(data: WorkloadData, settings: GeoSettings): Promise<GeoReport> {
  const { baseUrl, log } = settings;
  const seed = await seedSites(settings.databaseUrl, settings.schema, settings.rows);
  log(`geo: ${settings.rows.toLocaleString('en-US')} sites seeded in ${seed.seconds.toFixed(1)} s`);
  const check = await checkGeo(baseUrl, data.token, seed.sites);
  log(`geo: ${check.centres} first pages (${check.ids} ids) checked against a JS haversine, ${check.differences.length} differences`);
  for (const difference of check.differences) log(`  ${difference}`);

  const runs = [];
  for (let round = 0; round < settings.rounds; round++) {
    if (settings.warmupSeconds > 0) await runLoad(baseUrl, buildWorkload('geo', data), settings.warmupSeconds, settings.connections);
    const result = await runLoad(baseUrl, buildWorkload('geo', data), settings.durationSeconds, settings.connections);
    settings.assertAlive();
    runs.push(result);
    log(`  geo          tessera  run ${round + 1}: ${result.rps.toFixed(0)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, errors ${result.errors}`);
  }
  const serverTiming = await profileServerTiming(baseUrl, 'geo', data, settings.profileRequests);

  const metadata = await fetch(`${baseUrl}/api/v1/metadata`, { headers: { authorization: `Bearer ${data.token}` } });
  if (metadata.status !== 200) throw new Error(`GET /api/v1/metadata answered ${metadata.status}: ${await metadata.text()}`);
  const snapshot = (await metadata.json()) as { revision: number; objects: [] };
  const tenant = { tenant: settings.tenant, schema: settings.schema, revision: snapshot.revision, snapshot: { objects: snapshot.objects } };
  const explains: GeoExplain[] = [];
  for (const { label, centre } of EXPLAIN_CENTRES) {
    const explain = await explainGeo(settings.databaseUrl, tenant, label, centre);
    explains.push(explain);
    log(
      `geo: EXPLAIN ${label}: ${explain.indexed.executionMs.toFixed(2)} ms with the index (${explain.indexed.usesIndex ? 'GiST used' : 'GiST NOT used'}), ` +
        `${explain.sequential.executionMs.toFixed(2)} ms sequential: ${explain.speedup.toFixed(1)}×`,
    );
  }
  return {
    rows: settings.rows,
    seedSeconds: seed.seconds,
    request: `GET ${decodeURIComponent(geoPath(GEO_CENTRES[0] as (typeof GEO_CENTRES)[number]))}`,
    centres: GEO_CENTRES.length,
    check,
    load: average(runs),
    serverTiming,
    explains,
  };
}
