// Profiling aid, not part of `pnpm bench`: on the database a previous `pnpm bench` left behind,
// starts the runtime (optionally under --cpu-prof) and adds nullable fields one apply at a time,
// printing each apply's wall time and Server-Timing; PROFILE_UNDER_LOAD=1 runs a list load meanwhile. Usage: tsx src/profile/profile-apply.ts [count] [profileDir]
import { randomBytes } from 'node:crypto';
import { serverUrl, withDatabase } from '../database/bench-database.ts';
import { loadBenchObjects, withExtraFields } from '../metadata/bench-metadata.ts';
import { runLoad } from '../load/run-load.ts';
import { buildWorkload } from '../load/workloads.ts';
import { REPO_ROOT, serverEntries } from '../server-entries.ts';
import { startServer } from '../server-process.ts';

const entries = await serverEntries();

const [countText = '10', profileDir] = process.argv.slice(2).filter((arg) => arg !== '--');
const url = withDatabase(serverUrl(), 'tessera_bench');
const adminToken = `prof-${randomBytes(8).toString('hex')}`;
if (profileDir) process.env.BENCH_CPU_PROF = profileDir;
const server = await startServer({
  name: 'tessera',
  entry: entries.tessera,
  args: ['serve'],
  cwd: `${REPO_ROOT}runtime`,
  env: { DATABASE_URL: url, TESSERA_ADMIN_TOKEN: adminToken },
});
const tokenResponse = await fetch(`${server.baseUrl}/api/v1/admin/tenants/bench/tokens`, {
  method: 'POST',
  headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
  body: '{}',
});
const token = ((await tokenResponse.json()) as { token: string }).token;
const current = (await (await fetch(`${server.baseUrl}/api/v1/metadata`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
  objects: { apiName: string; fields: { apiName: string }[] }[];
};
const existing = current.objects.find((object) => object.apiName === 'opportunity')?.fields.map((field) => field.apiName) ?? [];
const objects = loadBenchObjects();
const declared = new Set(objects.find((object) => object.apiName === 'opportunity')?.fields.map((field) => field.apiName));
// Fields earlier runs added (bench_note, prof_…) stay, so each apply adds exactly one.
const extra = existing.filter((name) => !declared.has(name));
const run = Date.now().toString(36);
// PROFILE_UNDER_LOAD=1: a list load (32 connections) runs during the applies, as in the bench's add-field step.
const load = process.env.PROFILE_UNDER_LOAD
  ? runLoad(
      server.baseUrl,
      buildWorkload('list', { token, accountIds: [], readIds: [], patchVersions: new Map(), patchInFlight: new Set() }),
      Number(countText) * 0.6 + 2,
      32,
    )
  : undefined;
if (load) await new Promise((resolve) => setTimeout(resolve, 1000));
for (let i = 0; i < Number(countText); i++) {
  // Let the previous apply's background work (validator warm-up) finish, as between real changes.
  await new Promise((resolve) => setTimeout(resolve, 300));
  extra.push(`prof_${run}_${i}`);
  const body = JSON.stringify({ objects: withExtraFields(objects, extra) });
  const started = performance.now();
  const response = await fetch(`${server.baseUrl}/api/v1/metadata/apply`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body,
  });
  const text = await response.text();
  console.log(
    `apply ${i}: ${response.status} ${(performance.now() - started).toFixed(1)} ms  ${response.headers.get('server-timing')}${response.status === 200 ? '' : ` ${text.slice(0, 300)}`}`,
  );
}
const loaded = await load;
if (loaded) console.log(`list load: ${loaded.rps.toFixed(0)} req/s, p99 ${loaded.p99} ms, ${loaded.errors} failed of ${loaded.requests}`);
if (process.env.PROFILE_SERVER_LOG) console.log(server.log());
await server.stop();
