// One run of the approvals job: for every tenant, escalate the approval steps past their time limit
// (approval-timeouts.ts) and deliver the due webhook deliveries (notifications/webhooks.ts), at the
// app's clock. Each tenant on its own, so one tenant's failure neither blocks nor undoes another's.
import { sql } from 'kysely';
import { loadLatestRevision } from '../catalog/catalog-cache.ts';
import { compileCatalog } from '../catalog/compile-catalog.ts';
import { deliverDueWebhooks } from '../notifications/webhooks.ts';
import type { Db } from './approval-context.ts';
import { processApprovalTimeouts, type TimeoutRun } from './approval-timeouts.ts';
import { tenantUpgraderFor } from '../tenants/tenant-migrations.ts';

export interface ApprovalJobRun extends TimeoutRun {
  delivered: number;
  retried: number;
  failed: number;
  failures: { tenant: string; message: string }[];
}

export async function runApprovalJob(db: Db, now: Date, options: { fetch?: typeof fetch } = {}): Promise<ApprovalJobRun> {
  const tenants = await sql<{ slug: string; schema_name: string }>`select slug, schema_name from tessera.tenants order by slug`.execute(db);
  const run: ApprovalJobRun = { reminded: 0, reassigned: 0, approved: 0, rejected: 0, delivered: 0, retried: 0, failed: 0, failures: [] };
  for (const tenant of tenants.rows) {
    const schema = tenant.schema_name;
    try {
      await tenantUpgraderFor(db).ensure(schema);
      const due = await sql<{ due: boolean }>`
        select exists (select 1 from ${sql.id(schema, '_approval_steps')} where status = 'pending' and escalated_at is null and due_at <= ${now.toISOString()}::timestamptz) as due`.execute(
        db,
      );
      if (due.rows[0]?.due) {
        const latest = await loadLatestRevision(db, schema);
        const catalog = compileCatalog({ tenant: tenant.slug, schema, revision: latest.revision, snapshot: latest.snapshot });
        const timeouts = await processApprovalTimeouts({ db, catalog, schema, tenant: tenant.slug, now: () => now }, now);
        run.reminded += timeouts.reminded;
        run.reassigned += timeouts.reassigned;
        run.approved += timeouts.approved;
        run.rejected += timeouts.rejected;
      }
      const deliveries = await deliverDueWebhooks(db, schema, now, options.fetch ? { fetch: options.fetch } : {});
      run.delivered += deliveries.delivered;
      run.retried += deliveries.retried;
      run.failed += deliveries.failed;
    } catch (error) {
      run.failures.push({ tenant: tenant.slug, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return run;
}
