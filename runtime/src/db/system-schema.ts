// Kysely types for Tessera's own tables. Cross-tenant tables live in the `tessera` schema; each
// tenant's system tables (`_meta_revision`, …) live in its own schema next to its data.
import type { ColumnType, Generated } from 'kysely';

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

export interface MetaRevisionTable {
  revision: number;
  created_at: Generated<Date>;
  author: string;
  /** The whole normalised model after this revision (MetadataSnapshot). */
  snapshot: ColumnType<unknown, string, string>;
  /** The migration actions this revision ran. */
  actions: ColumnType<unknown, string, string>;
  /** sha256 of the canonical snapshot JSON: applying an identical model is a no-op. */
  snapshot_hash: string;
}

export interface SystemDatabase {
  'tessera.tenants': TenantsTable;
  'tessera.api_tokens': ApiTokensTable;
  'tessera.admin_tokens': AdminTokensTable;
}

/** The tenant-scoped system tables; queries go through `db.withSchema(tenantSchema)`. */
export interface TenantSystemDatabase {
  _meta_revision: MetaRevisionTable;
}
