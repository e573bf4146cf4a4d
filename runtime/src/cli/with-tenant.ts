// What the tenant-scoped metadata commands share: open the configured database, find the tenant
// (TSR305 when it does not exist), run the work, close the database whatever happens.
import { ApiError } from '../core/api-error.ts';
import type { Database } from '../db/create-database.ts';
import { tenantUpgraderFor } from '../tenants/tenant-migrations.ts';
import { TenantStore, type TenantRef } from '../tenants/tenant-store.ts';
import { openConfiguredDatabase, readConfig } from './runtime-config.ts';

/** The flags that bind an apply to a reviewed plan (see ApplyOptions). */
export interface ChangeFlags {
  planHash?: string;
  allowDestructive?: boolean;
  ifMatch?: number;
}

export type CommandResult = { summary: string; data: Record<string, unknown> };

export async function withTenant(slug: string, work: (database: Database, tenant: TenantRef) => Promise<CommandResult>): Promise<CommandResult> {
  const database = await openConfiguredDatabase(readConfig());
  try {
    const tenant = await new TenantStore(database.system).findTenant(slug);
    if (!tenant) throw new ApiError('TSR305', `Tenant '${slug}' does not exist.`);
    // Its system tables come from the tenant migrations, as on a server's first request.
    await tenantUpgraderFor(database.db).ensure(tenant.schema);
    return await work(database, tenant);
  } finally {
    await database.close();
  }
}
