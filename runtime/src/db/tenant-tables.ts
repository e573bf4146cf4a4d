// One Kysely database type for every system table in a tenant's schema, and the two handle types the
// runtime uses: TenantDb for the typed system tables (always through `.withSchema(tenant.schema)`)
// and ObjectDb for the tenant's object tables, whose names and columns come from metadata at run
// time and so cannot be typed here. Each table is created by a step of tenants/tenant-migrations.ts;
// tests/tenants/tenant-tables.test.ts compares this type with what a new tenant holds.
import type { Kysely } from 'kysely';
import type { ApprovalTables } from './tables/approval-tables.ts';
import type { AuditTables } from './tables/audit-tables.ts';
import type { FileTables } from './tables/file-tables.ts';
import type { ImportTables } from './tables/import-tables.ts';
import type { MetadataTables } from './tables/metadata-tables.ts';
import type { NotificationTables } from './tables/notification-tables.ts';
import type { PipelineTables } from './tables/pipeline-tables.ts';
import type { SecurityTables } from './tables/security-tables.ts';
import type { ViewTables } from './tables/view-tables.ts';

export interface TenantTables
  extends SecurityTables,
    AuditTables,
    ApprovalTables,
    NotificationTables,
    PipelineTables,
    MetadataTables,
    ViewTables,
    ImportTables,
    FileTables {}

/** A handle whose queries name tenant system tables: use it as `db.withSchema(schema)`. */
export type TenantDb = Kysely<TenantTables>;

/** A handle for the tenant's object tables (metadata-defined, untyped) and raw `sql` statements. */
// biome-ignore lint/suspicious/noExplicitAny: object tables are defined by metadata at run time
export type ObjectDb = Kysely<any>;

/** The typed view of an untyped handle: same connection or transaction, system tables typed. */
export const tenantTables = (db: ObjectDb, schema: string): Kysely<TenantTables> => (db as TenantDb).withSchema(schema);

export type { ApprovalTables, AuditTables, FileTables, ImportTables, MetadataTables, NotificationTables, PipelineTables, SecurityTables, ViewTables };
