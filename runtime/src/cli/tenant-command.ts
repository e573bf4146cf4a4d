// `tessera tenant create <slug>`: creates the tenant's schema and prints its first API token.
import { TenantStore } from '../tenants/tenant-store.ts';
import { openConfiguredDatabase, readConfig } from './runtime-config.ts';

export async function tenantCreateCommand(slug: string) {
  const database = await openConfiguredDatabase(readConfig());
  try {
    const created = await new TenantStore(database.system).createTenant(slug);
    return {
      summary: `Created tenant ${created.tenant.slug} (schema ${created.tenant.schema}).\nAPI token (shown once): ${created.token}`,
      data: { tenant: created.tenant.slug, schema: created.tenant.schema, token: created.token },
    };
  } finally {
    await database.close();
  }
}
