import pg from 'pg';
import { runLoad } from './src/load/run-load.ts';
import { buildWorkload } from './src/load/workloads.ts';
const pool = new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:5432/tessera_bench_dev' });
const { rows } = await pool.query('select id, version from t_bench.opportunity order by random() limit 1000');
const data = { token: process.argv[2]!, accountIds: [], readIds: [], patchVersions: new Map(rows.map((r: any) => [r.id, r.version])) };
const r = await runLoad('http://127.0.0.1:39111', buildWorkload('patch', data as any), 2, 8);
console.log(r);
await pool.end();
