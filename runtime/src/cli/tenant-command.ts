// `tessera tenant create <slug>`: creates the tenant's schema and prints its first API token;
// `tenant tokens|rotate-token|revoke-token`: the tenant's integration tokens (tenant-tokens.ts).
import { TenantStore } from '../tenants/tenant-store.ts';
import { listTenantTokens, revokeTenantToken, rotateTenantToken } from '../tenants/tenant-tokens.ts';
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

/** `tessera tenant tokens <slug>`: the tenant's integration tokens by fingerprint (never the token). */
export async function tenantTokensCommand(slug: string) {
  return withTenants(async (tenants) => {
    const tokens = await listTenantTokens(tenants, slug);
    const lines = tokens.map(
      (token) => `${token.fingerprint}  ${token.revokedAt ? `revoked ${token.revokedAt}` : 'active'}  ${token.createdAt}  ${token.label}`,
    );
    return { summary: lines.length > 0 ? lines.join('\n') : `Tenant ${slug} has no tokens.`, data: { tenant: slug, tokens } };
  });
}

/** `tessera tenant rotate-token <slug> <fingerprint>`: a new token (shown once) replaces the old one. */
export async function tenantRotateTokenCommand(slug: string, fingerprint: string) {
  return withTenants(async (tenants) => {
    const rotated = await rotateTenantToken(tenants, slug, fingerprint);
    return {
      summary: `Revoked ${fingerprint}; new token ${rotated.fingerprint} (shown once): ${rotated.token}`,
      data: { tenant: slug, revoked: fingerprint, ...rotated },
    };
  });
}

/** `tessera tenant revoke-token <slug> <fingerprint>` */
export async function tenantRevokeTokenCommand(slug: string, fingerprint: string) {
  return withTenants(async (tenants) => {
    await revokeTenantToken(tenants, slug, fingerprint);
    return { summary: `Revoked token ${fingerprint} of tenant ${slug}.`, data: { tenant: slug, revoked: fingerprint } };
  });
}

async function withTenants<T>(work: (tenants: TenantStore) => Promise<T>): Promise<T> {
  const database = await openConfiguredDatabase(readConfig());
  try {
    return await work(new TenantStore(database.system));
  } finally {
    await database.close();
  }
}
