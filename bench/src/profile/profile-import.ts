// Profiling aid, not part of `pnpm bench`: on the database a previous `pnpm bench -- --data-only`
// left behind (external ids applied), starts Tessera (under --cpu-prof when a profile directory is
// given), removes the rows a previous import made, and runs the data part's import measurement once,
// with the CPU the Tessera process and its PostgreSQL backends spent on it (per 1,000 rows): on a
// shared machine the rows/s move with the neighbours' load, the CPU far less.
// Usage: tsx src/profile/profile-import.ts [rows] [profileDir] [database]
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { serverUrl, withDatabase } from '../database/bench-database.ts';
import { generateRecords } from '../data/data-rows.ts';
import { measureImport } from '../data/measure-import.ts';
import { cpuSpent, openCpuProbe, withApplicationName } from '../load/cpu-usage.ts';
import { EXTERNAL_IDS } from '../metadata/bench-metadata.ts';
import { REPO_ROOT, serverEntries } from '../server-entries.ts';
import { startServer } from '../server-process.ts';

const entries = await serverEntries();

const [rowsText = '20000', profileDir, database = 'tessera_bench'] = process.argv.slice(2).filter((arg) => arg !== '--');
const url = withDatabase(serverUrl(), database);
const adminToken = `prof-${randomBytes(8).toString('hex')}`;
if (profileDir) process.env.BENCH_CPU_PROF = profileDir;

const APPLICATION = 'tessera-import-profile';

const client = new pg.Client({ connectionString: url });
await client.connect();
await client.query(`delete from t_bench.opportunity where ${EXTERNAL_IDS.opportunity} like 'IMP-%'`);
// Their 查重 keys too (a hard delete here is no product write; soft deletes keep keys with live = false).
await client.query(
  `delete from t_bench._dup_keys d where d.object = 'opportunity' and not exists (select 1 from t_bench.opportunity o where o.id = d.record_id)`,
);
const accounts = (
  await client.query<{ id: string; name: string; code: string }>(`select id, name, ${EXTERNAL_IDS.account} as code from t_bench.account order by id`)
).rows;
await client.end();

const server = await startServer({
  name: 'tessera',
  entry: entries.tessera,
  args: ['serve'],
  cwd: `${REPO_ROOT}runtime`,
  env: { DATABASE_URL: withApplicationName(url, APPLICATION), TESSERA_ADMIN_TOKEN: adminToken },
});
const probe = await openCpuProbe(url);
try {
  const tokenResponse = await fetch(`${server.baseUrl}/api/v1/admin/tenants/bench/tokens`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: '{}',
  });
  const token = ((await tokenResponse.json()) as { token: string }).token;
  const seed = {
    ids: accounts.map((row) => row.id),
    shortNames: accounts.map((row) => row.name),
    chinese: accounts.map((row) => /[\u4e00-\u9fff]/.test(row.name)),
  };
  // Backends the server opens during the import count whole (cpu-usage.ts); COPY runs under psql's own name.
  const before = await probe.read(server.pid, [APPLICATION]);
  const result = await measureImport({
    baseUrl: server.baseUrl,
    pid: server.pid,
    token,
    databaseUrl: url,
    schema: 't_bench',
    records: generateRecords(Number(rowsText), seed),
    accountCodes: new Map(accounts.map((row) => [row.id, row.code])),
  });
  const spent = cpuSpent(before, await probe.read(server.pid, [APPLICATION]));
  const perThousand = (ms: number | null) => (ms === null ? '?' : ((ms * 1000) / Number(rowsText)).toFixed(0));
  console.log(
    `import: Tessera ${result.tessera.rowsPerSecond.toFixed(0)} rows/s, COPY ${result.copy.rowsPerSecond.toFixed(0)} rows/s (${result.ratio.toFixed(3)}×), created ${result.tessera.created}; CPU ms per 1,000 rows: server ${perThousand(spent.serverMs)}, PostgreSQL ${perThousand(spent.postgresMs)} (${probe.source})`,
  );
} finally {
  await probe.close();
  await server.stop();
}
