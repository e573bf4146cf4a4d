// CPU time spent on a server's behalf, read before and after each measured run: the server
// process's own (utime + stime from /proc/<pid>/stat) and PostgreSQL's. Throughput alone hides cost
// that moves into the database (a server that sends heavier SQL looks fast while PostgreSQL, on the
// same two cores, does its work), so the report gives both per request.
//
// PostgreSQL's share, best source first:
// - `proc`: the CPU of the backend processes serving the server, found in pg_stat_activity by the
//   application_name the bench puts in each server's DATABASE_URL, read from /proc (a local server).
// - `pg_stat_statements`: executor + planner time of every statement in the bench database, when
//   the extension is preloaded (a remote server). Time, not CPU, and not per server; it serves
//   because only one server is under load during a measured run.
import { readFileSync } from 'node:fs';
import pg from 'pg';

/** /proc reports process times in clock ticks of USER_HZ, which Linux fixes at 100 per second. */
const MS_PER_TICK = 10;
const PROBE_NAME = 'tessera-bench-cpu-probe';

export type PostgresCpuSource = 'proc' | 'pg_stat_statements' | null;

/** Cumulative CPU milliseconds at one instant; null where it cannot be read. */
export interface CpuReading {
  serverMs: number | null;
  /** Per backend pid (proc) or one total under pid 0 (pg_stat_statements). */
  postgresMs: Map<number, number> | null;
}

export interface CpuSpent {
  serverMs: number | null;
  postgresMs: number | null;
}

export interface CpuProbe {
  source: PostgresCpuSource;
  read(pid: number, applicationNames: readonly string[]): Promise<CpuReading>;
  close(): Promise<void>;
}

/** `url` with `application_name` set, so the server's backends can be told apart in pg_stat_activity. */
export function withApplicationName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('application_name', name);
  return parsed.toString();
}

/** utime + stime of a process in milliseconds, or null where /proc is missing or the process is gone. */
export function processCpuMs(pid: number): number | null {
  try {
    // The command name in parentheses may hold spaces; the fields after ') ' start at field 3 (state).
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * MS_PER_TICK : null;
  } catch {
    return null;
  }
}

export async function openCpuProbe(databaseUrl: string): Promise<CpuProbe> {
  const client = new pg.Client({ connectionString: withApplicationName(databaseUrl, PROBE_NAME) });
  await client.connect();
  const backendPids = async (names: readonly string[]) =>
    (
      await client.query<{ pid: number }>('select pid from pg_stat_activity where datname = current_database() and application_name = any($1)', [names])
    ).rows.map((row) => row.pid);
  const source = await chooseSource(client);
  return {
    source,
    async read(pid, applicationNames) {
      const serverMs = processCpuMs(pid);
      if (source === 'proc') {
        const postgresMs = new Map<number, number>();
        for (const backend of await backendPids(applicationNames)) {
          const ms = processCpuMs(backend);
          if (ms !== null) postgresMs.set(backend, ms);
        }
        return { serverMs, postgresMs };
      }
      if (source === 'pg_stat_statements') {
        const total = await client.query<{ ms: number }>(
          'select coalesce(sum(total_exec_time + total_plan_time), 0)::float8 as ms from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())',
        );
        return { serverMs, postgresMs: new Map([[0, total.rows[0]?.ms ?? 0]]) };
      }
      return { serverMs, postgresMs: null };
    },
    close: () => client.end(),
  };
}

/** CPU spent between two readings. A backend that appeared in between counts whole (it started during the run). */
export function cpuSpent(before: CpuReading, after: CpuReading): CpuSpent {
  const serverMs = before.serverMs !== null && after.serverMs !== null ? after.serverMs - before.serverMs : null;
  let postgresMs: number | null = null;
  if (before.postgresMs && after.postgresMs) {
    postgresMs = 0;
    for (const [pid, ms] of after.postgresMs) postgresMs += ms - (before.postgresMs.get(pid) ?? 0);
  }
  return { serverMs, postgresMs };
}

/** /proc when this machine can read the backends' process times, else pg_stat_statements when it answers, else nothing. */
async function chooseSource(client: pg.Client): Promise<PostgresCpuSource> {
  const own = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
  if (isLocalPostgres(own.rows[0]?.pid ?? -1)) return 'proc';
  try {
    // Creating the extension succeeds without the library preloaded; reading the view then fails.
    await client.query('create extension if not exists pg_stat_statements');
    await client.query('select 1 from pg_stat_statements limit 1');
    return 'pg_stat_statements';
  } catch {
    return null;
  }
}

/** Whether `pid` (this probe's backend) is a PostgreSQL process on this machine, not a namesake pid of a remote server's. */
function isLocalPostgres(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('postgres') && processCpuMs(pid) !== null;
  } catch {
    return false;
  }
}
