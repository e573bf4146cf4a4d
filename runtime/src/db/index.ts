export { createDatabase, type Database, type DatabaseConfig, type DatabaseKind, isReachable } from './create-database.ts';
export { runSystemMigrations } from './system-migrations.ts';
export type { SystemDatabase, TenantSystemDatabase } from './system-schema.ts';
export type { ObjectDb, TenantDb, TenantTables } from './tenant-tables.ts';
