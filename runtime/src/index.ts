// Public surface of the runtime package: build the app, open databases, run the CLI pieces.
export { createApp, type AppOptions, type TesseraApp } from './http/create-app.ts';
export { createDatabase, runSystemMigrations, type Database, type DatabaseKind } from './db/index.ts';
export { createTestDatabase, testDriverKinds, postgresAvailable, type TestDatabase } from './db/test-database.ts';
export { TenantStore } from './tenants/tenant-store.ts';
export { applyMetadata } from './migrate/apply-metadata.ts';
