// One run of the stale-record job: every tenant whose model has stage time limits is scanned at
// the app's clock (pipelines/stale-records.ts), each tenant in its own transaction so one tenant's
// failure neither blocks nor rolls back another's.
import { sql } from 'kysely';
import { loadLatestRevision } from '../catalog/catalog-cache.ts';
import { hasTimeLimits, type StaleScanResult, scanStaleRecords } from '../pipelines/stale-records.ts';
import { tenantUpgraderFor } from '../tenants/tenant-migrations.ts';
import type { ObjectDb } from '../db/tenant-tables.ts';

export interface StaleScanRun extends StaleScanResult {
  tenants: number;
  failures: { tenant: string; message: string }[];
}

export async function runStaleScan(db: ObjectDb, now: Date): Promise<StaleScanRun> {
  const tenants = await sql<{ slug: string; schema_name: string }>`select slug, schema_name from tessera.tenants order by slug`.execute(db);
  const run: StaleScanRun = { tenants: 0, reminders: 0, reassigned: 0, failures: [] };
  for (const tenant of tenants.rows) {
    try {
      const { snapshot } = await loadLatestRevision(db, tenant.schema_name);
      if (!hasTimeLimits(snapshot)) continue;
      // A tenant nobody has used since an upgrade gets its system tables (the reminders) here.
      await tenantUpgraderFor(db).ensure(tenant.schema_name);
      const result = await db.transaction().execute((trx) => scanStaleRecords(trx, tenant.schema_name, snapshot, now));
      run.tenants += 1;
      run.reminders += result.reminders;
      run.reassigned += result.reassigned;
    } catch (error) {
      run.failures.push({ tenant: tenant.slug, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return run;
}
