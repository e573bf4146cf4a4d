// Profiling aid, not part of `pnpm bench`: on the database a previous `pnpm bench` left behind,
// starts one server (tessera, lean or baseline), optionally under --cpu-prof, and loads one op with
// autocannon. Usage: tsx src/profile/profile-op.ts <tessera|lean|baseline> <op> [seconds] [profileDir]
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { OpName } from '../bench-options.ts';
import { serverUrl, withDatabase } from '../database/bench-database.ts';
import { processCpuMs } from '../load/cpu-usage.ts';
import { runLoad } from '../load/run-load.ts';
import { buildWorkload } from '../load/workloads.ts';
import { REPO_ROOT, RUNTIME_ENTRY } from '../run-bench.ts';
import { residentBytes, sampleMemory, startServer } from '../server-process.ts';

const [which = 'tessera', op = 'get', secondsText = '8', profileDir] = process.argv.slice(2).filter((arg) => arg !== '--');
const url = withDatabase(serverUrl(), process.env.BENCH_DATABASE ?? 'tessera_bench');
const adminToken = `prof-${randomBytes(8).toString('hex')}`;
if (profileDir) process.env.BENCH_CPU_PROF = profileDir;

const client = new pg.Client({ connectionString: url });
await client.connect();
const ids = (
  await client.query<{ id: string; version: number }>('select id, version from t_bench.opportunity where deleted_at is null order by random() limit 4000')
).rows;
const accounts = (await client.query<{ id: string }>('select id from t_bench.account limit 1000')).rows.map((row) => row.id);
await client.end();

// A fresh tenant token for the bench tenant, through the admin API of a short-lived runtime.
const setup = await startServer({
  name: 'setup',
  entry: RUNTIME_ENTRY,
  args: ['serve'],
  cwd: `${REPO_ROOT}runtime`,
  env: { DATABASE_URL: url, TESSERA_ADMIN_TOKEN: adminToken, BENCH_CPU_PROF: '' },
});
const tokenResponse = await fetch(`${setup.baseUrl}/api/v1/admin/tenants/bench/tokens`, {
  method: 'POST',
  headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
  body: '{}',
});
const token = ((await tokenResponse.json()) as { token: string }).token;
await setup.stop();

const server =
  which === 'tessera'
    ? await startServer({
        name: 'tessera',
        entry: RUNTIME_ENTRY,
        args: ['serve'],
        cwd: `${REPO_ROOT}runtime`,
        env: { DATABASE_URL: url, TESSERA_ADMIN_TOKEN: adminToken },
      })
    : await startServer({
        name: which,
        entry: `${REPO_ROOT}bench/src/baseline/${which === 'lean' ? 'lean/' : ''}main.ts`,
        cwd: `${REPO_ROOT}bench`,
        env: { DATABASE_URL: url, BENCH_TOKEN: token, TENANT_SCHEMA: 't_bench' },
      });
const half = ids.length / 2;
const data = {
  token,
  accountIds: accounts,
  readIds: ids.slice(0, half).map((row) => row.id),
  patchVersions: new Map(ids.slice(half).map((row) => [row.id, row.version])),
  patchInFlight: new Set<string>(),
};
await runLoad(server.baseUrl, buildWorkload(op as OpName, data), 2, 32);
const rssBefore = residentBytes(server.pid);
const memory = sampleMemory(server.pid);
const cpuBefore = processCpuMs(server.pid) ?? 0;
const result = await runLoad(server.baseUrl, buildWorkload(op as OpName, data), Number(secondsText), 32);
const cpuMicros = (((processCpuMs(server.pid) ?? 0) - cpuBefore) * 1000) / result.requests;
console.log(
  `${which} ${op}: ${result.rps.toFixed(0)} req/s p50 ${result.p50} p99 ${result.p99} errors ${result.errors} ${JSON.stringify(result.statusCodes)} server CPU ${cpuMicros.toFixed(0)} µs/request, RSS ${mib(rssBefore)} → max ${mib(memory.stop())} MiB`,
);
await server.stop();

function mib(bytes: number | null): string {
  return bytes === null ? '–' : (bytes / 2 ** 20).toFixed(0);
}
