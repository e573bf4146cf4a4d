// Kysely types for Tessera's own tables. Cross-tenant tables live in the `tessera` schema; each
// tenant's system tables (`_meta_revision`, …) live in its own schema next to its data.
import type { Generated } from 'kysely';
import type { TenantTables } from './tenant-tables.ts';

export interface TenantsTable {
  slug: string;
  schema_name: string;
  created_at: Generated<Date>;
}

export interface ApiTokensTable {
  /** sha256 hex of the token: tokens are 256-bit random, so a fast hash is as safe as a slow one. */
  token_hash: string;
  tenant_slug: string;
  label: string;
  created_at: Generated<Date>;
  revoked_at: Date | null;
}

export interface AdminTokensTable {
  token_hash: string;
  label: string;
  created_at: Generated<Date>;
}

export interface SystemDatabase {
  'tessera.tenants': TenantsTable;
  'tessera.api_tokens': ApiTokensTable;
  'tessera.admin_tokens': AdminTokensTable;
}

/** The tenant-scoped system tables (tenant-tables.ts); queries go through `db.withSchema(tenantSchema)`. */
export type TenantSystemDatabase = TenantTables;
