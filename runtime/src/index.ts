// Public surface of the runtime package: build the app, open databases, run the CLI pieces.
export { createApp, type AppOptions, type TesseraApp } from './http/create-app.ts';
export { createDatabase, runSystemMigrations, type Database, type DatabaseKind } from './db/index.ts';
export { createTestDatabase, testDriverKinds, postgresAvailable, type TestDatabase } from './db/test-database.ts';
export { TenantStore } from './tenants/tenant-store.ts';
export { applyChange, applyMetadata, planMetadata, type ApplyOptions, type ApplyOutcome } from './migrate/apply-metadata.ts';
export { purgeDropped } from './migrate/purge-dropped.ts';
export { startJobs, STALE_SCAN_QUEUE, type JobOptions, type RunningJobs } from './jobs/start-jobs.ts';
export { runStaleScan, type StaleScanRun } from './jobs/stale-scan-job.ts';
export { runApprovalJob, processApprovalTimeouts, type ApprovalJobRun } from './approvals/index.ts';
export { deliverDueWebhooks } from './notifications/webhooks.ts';
export { scanStaleRecords } from './pipelines/stale-records.ts';
export { listStatement, type ListStatementInput } from './records/read/list-statement.ts';
export { sweepTenantFiles, runFileSweep } from './files/sweep-files.ts';
export { commandScanner, httpScanner, type FileScanner } from './files/file-scan.ts';
export type { FileOptions } from './files/file-storage.ts';
