// Background jobs of a runtime process. On PostgreSQL they run on pg-boss, a PostgreSQL-backed job
// queue: a cron schedule (every minute by default) puts one job per firing on the queue, however
// many runtime processes share the database, and one worker runs it. PGlite is a single-connection
// embedded database that pg-boss cannot share, so there the same job runs on a plain interval in
// the one process PGlite allows.
import { sql } from 'kysely';
import { runFileSweep } from '../files/sweep-files.ts';
import { runStaleScan, type StaleScanRun } from './stale-scan-job.ts';
import { type ApprovalJobRun, runApprovalJob } from '../approvals/approval-job.ts';
import type { ObjectDb } from '../db/tenant-tables.ts';
import { sweepKeptFiles } from '../import/import-files.ts';
import { failInterruptedImports } from '../import/interrupted-imports.ts';

export const STALE_SCAN_QUEUE = 'tessera-stale-records';
/** Any constant shared by every process; distinct from the system-migration lock. */
const JOBS_SETUP_LOCK = 727274002;

export interface JobOptions {
  db: ObjectDb;
  /** PostgreSQL URL: jobs run on pg-boss. Absent (PGlite): on an interval in this process. */
  connectionString?: string;
  /** The app's clock: what "now" is for the stale scan. */
  clock?: () => Date;
  /** Cron of the stale scan on pg-boss (default every minute). */
  cron?: string;
  /** Interval of the stale scan without pg-boss (ms, default 60 000). */
  intervalMs?: number;
  /** pg-boss's schedule checks (seconds, default 30 and 5); tests lower them to see a firing quickly. */
  cronMonitorIntervalSeconds?: number;
  cronWorkerIntervalSeconds?: number;
  /** Sees every finished scan (logging, tests). */
  onScan?: (run: StaleScanRun) => void;
  /** Sees every finished approvals run (escalations, webhook deliveries). */
  onApprovals?: (run: ApprovalJobRun) => void;
  onError?: (error: unknown) => void;
  /** Runs or fails imports queued but never started (import/queued-imports.ts); set by createApp. */
  sweepImports?: () => Promise<unknown>;
  /** TESSERA_FILES_DIR, for the files sweep (files/sweep-files.ts). */
  filesDir?: string;
}

/** The files sweep runs on the minute tick at most once an hour. */
const FILE_SWEEP_EVERY_MS = 60 * 60 * 1000;

export interface RunningJobs {
  kind: 'pg-boss' | 'interval';
  stop(): Promise<void>;
}

export async function startJobs(options: JobOptions): Promise<RunningJobs> {
  const clock = options.clock ?? (() => new Date());
  const onError = options.onError ?? ((error: unknown) => console.error('tessera jobs:', error));
  const scan = async () => {
    const run = await runStaleScan(options.db, clock());
    options.onScan?.(run);
    return run;
  };
  const approvals = async () => {
    const run = await runApprovalJob(options.db, clock());
    options.onApprovals?.(run);
  };
  let lastSweep = 0;
  const files = async () => {
    const now = clock();
    if (now.getTime() - lastSweep < FILE_SWEEP_EVERY_MS) return;
    lastSweep = now.getTime();
    await runFileSweep(options.db, now, options.filesDir, onError);
    await sweepKeptFiles(now);
  };
  if (!options.connectionString) {
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      const imports = options.sweepImports?.().catch(onError);
      Promise.allSettled([scan().catch(onError), approvals().catch(onError), files().catch(onError), imports]).finally(() => {
        running = false;
      });
    }, options.intervalMs ?? 60_000);
    timer.unref();
    return { kind: 'interval', stop: async () => clearInterval(timer) };
  }
  // Only PostgreSQL's jobs need pg-boss: the embedded database's interval never loads it.
  const { default: PgBoss } = await import('pg-boss');
  const boss = new PgBoss({
    connectionString: options.connectionString,
    max: 2,
    application_name: 'tessera-jobs',
    ...(options.cronMonitorIntervalSeconds ? { cronMonitorIntervalSeconds: options.cronMonitorIntervalSeconds } : {}),
    ...(options.cronWorkerIntervalSeconds ? { cronWorkerIntervalSeconds: options.cronWorkerIntervalSeconds } : {}),
  });
  boss.on('error', onError);
  // Several runtime processes starting together would race in pg-boss's install and queue
  // creation (createQueue adds a partition: two at once deadlock), so they take turns under a
  // session advisory lock held on one of our own connections.
  await options.db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${JOBS_SETUP_LOCK})`.execute(connection);
    try {
      await boss.start();
      if (!(await boss.getQueue(STALE_SCAN_QUEUE))) await boss.createQueue(STALE_SCAN_QUEUE);
      await boss.schedule(STALE_SCAN_QUEUE, options.cron ?? '* * * * *', {}, { tz: 'UTC' });
    } finally {
      await sql`select pg_advisory_unlock(${JOBS_SETUP_LOCK})`.execute(connection);
    }
  });
  await boss.work(STALE_SCAN_QUEUE, { pollingIntervalSeconds: options.cronWorkerIntervalSeconds ?? 2 }, async () => {
    // The same minute tick runs the approvals job (time limits, webhook retries); its failure is
    // reported without failing the scan's job, whose failure pg-boss still sees.
    // Imports left `running` by a process that went away (PostgreSQL only: see interrupted-imports.ts).
    // Then imports queued by a process that never started them are run (queued-imports.ts).
    const interrupted = failInterruptedImports(options.db)
      .then(() => options.sweepImports?.())
      .catch(onError);
    const [scanned, approved] = await Promise.allSettled([scan(), approvals(), files().catch(onError), interrupted]);
    if (approved.status === 'rejected') onError(approved.reason);
    if (scanned.status === 'rejected') throw scanned.reason;
  });
  return { kind: 'pg-boss', stop: () => boss.stop({ graceful: true, wait: true, timeout: 10_000 }) };
}
