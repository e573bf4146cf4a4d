// Builds the Hono app from its dependencies (never a module singleton), so tests inject the
// database and a second process builds its own. Also starts listening for metadata revisions.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { EMPTY_SNAPSHOT, validateDocument } from '@tessera/metadata';
import { Hono } from 'hono';
import { METADATA_CHANNEL, CatalogCache } from '../catalog/catalog-cache.ts';
import type { Database } from '../db/create-database.ts';
import { buildOpenApi } from '../openapi/index.ts';
import { adminRoutes } from '../routes/admin-routes.ts';
import { metadataRoutes } from '../routes/metadata-routes.ts';
import { bulkRoutes } from '../routes/bulk-routes.ts';
import { exportRoutes } from '../routes/export-routes.ts';
import { importRoutes } from '../routes/import-routes.ts';
import { recordRoutes } from '../routes/record-routes.ts';
import { viewRoutes } from '../routes/view-routes.ts';
import { totalsRoutes } from '../routes/totals-routes.ts';
import { lookupRoutes } from '../routes/lookup-routes.ts';
import { relatedRoutes } from '../routes/related-routes.ts';
import { linkRoutes } from '../routes/link-routes.ts';
import { peopleRoutes } from '../routes/people-routes.ts';
import { searchRoutes } from '../routes/search-routes.ts';
import { auditRoutes } from '../routes/audit-routes.ts';
import { authRoutes, publicAuthRoutes } from '../routes/auth-routes.ts';
import { formRoutes } from '../routes/form-routes.ts';
import { pipelineRoutes, reminderRoutes } from '../routes/pipeline-routes.ts';
import { approvalRoutes, notificationRoutes, recordApprovalRoutes } from '../routes/approval-routes.ts';
import { timelineRoutes } from '../routes/timeline-routes.ts';
import { failInterruptedImports } from '../import/interrupted-imports.ts';
import { type JobOptions, type RunningJobs, startJobs } from '../jobs/start-jobs.ts';
import { recordAccessRoutes } from '../routes/record-access-routes.ts';
import { securityRoutes } from '../routes/security-routes.ts';
import { packageRoutes } from '../routes/package-routes.ts';
import { fileRoutes } from '../routes/file-routes.ts';
import type { FileOptions } from '../files/file-storage.ts';
import { scannerFromEnv } from '../files/file-scan.ts';
import { MAX_FILE_SIZE_MB } from '@tessera/metadata';
import { openApiPermissions } from '../security/openapi-permissions.ts';
import { SECURITY_CHANNEL, SecurityRuntime, type SecurityOptions } from '../security/security-runtime.ts';
import { TenantStore } from '../tenants/tenant-store.ts';
import { ApiError } from '../core/api-error.ts';
import type { AppEnv } from './app-env.ts';
import { adminAuth, requestContext, requireAdmin, tenantAuth } from './middleware.ts';
import { problemResponse, type UnexpectedErrorHook } from './problem-response.ts';
import { bodyLimit, setBodyLimit } from './request-body.ts';
import { IMPORT_BODY_MAX_BYTES } from '../import/receive-file.ts';
import { QUEUED_GRACE_MS, sweepQueuedImports } from '../import/queued-imports.ts';
import { DEFAULT_REQUEST_LIMITS, type RequestLimits, requestBudget } from './request-budget.ts';
import { serveDesigner } from './serve-designer.ts';

export interface AppOptions {
  database: Database;
  /** Accepted in addition to admin tokens stored in the database. */
  adminToken?: string;
  /** Built designer to serve at `/`; omitted or missing → API only. */
  designerDir?: string;
  /** Safety-net interval for noticing revisions made by other processes (ms, default 5000). */
  revisionCheckMs?: number;
  /** Rate limit, sign-in lockout policy, proxy trust (security/security-runtime.ts). */
  security?: SecurityOptions;
  /** The clock rules, formulas and filters read for `$today` and `$now` (default: the system clock). */
  clock?: () => Date;
  /**
   * Background jobs (stale-record reminders): on pg-boss when `connectionString` is given, else on
   * an interval in this process (PGlite). Off unless set (`tessera serve` turns them on).
   */
  jobs?: Omit<JobOptions, 'db' | 'clock'>;
  /** Statement timeouts per request class (http/request-budget.ts; defaults 15 s and 60 s). */
  limits?: RequestLimits;
  /**
   * Files of file and image fields: the directory for their bytes (else the database) and the
   * virus-scan hook. Default: TESSERA_FILES_DIR and TESSERA_FILE_SCAN_COMMAND / _URL (files/file-scan.ts).
   */
  files?: FileOptions;
  /** Called for each unknown error (answered 500 TSR900, and logged as before): test servers count them. */
  onUnexpectedError?: UnexpectedErrorHook;
  /**
   * false: record writes run every step of the write pipeline on its own, without the compiled fast
   * path (records/write/write-context.ts `WriteStep.fold`). Default on; tests run both and compare.
   */
  fastPath?: boolean;
}

export interface TesseraApp {
  app: Hono<AppEnv>;
  tenants: TenantStore;
  catalogs: CatalogCache;
  close(): Promise<void>;
}

const SCHEMA_DIR = fileURLToPath(new URL('../../../metadata/schemas/', import.meta.url));
const PUBLISHED_SCHEMAS = new Set(['object.schema.json', 'document.schema.json', 'package.schema.json']);

export async function createApp(options: AppOptions): Promise<TesseraApp> {
  const { database } = options;
  // Compile the metamodel's validator now (~0.4 s), not inside the first metadata apply's
  // transaction, where it would hold the tenant's metadata lock and stretch a DDL change.
  validateDocument({}, EMPTY_SNAPSHOT);
  const tenants = new TenantStore(database.system);
  const catalogs = new CatalogCache(database.db);
  const security = new SecurityRuntime(database.db, tenants, options.security);
  const deps = { database, tenants, catalogs, security, ...(options.clock ? { clock: options.clock } : {}) };
  const openApiByRevision = new WeakMap<object, string>();

  const app = new Hono<AppEnv>();
  app.use('*', requestContext(requestBudget(options.limits ?? DEFAULT_REQUEST_LIMITS, database.shares)));
  if (options.fastPath === false)
    app.use('*', async (c, next) => {
      c.set('fullPipeline', true);
      await next();
    });
  app.onError((error, c) => problemResponse(c, error, options.onUnexpectedError));
  app.notFound((c) => problemResponse(c, new ApiError('TSR107', `No route for ${c.req.method} ${new URL(c.req.url).pathname}.`)));

  app.get('/api/v1/health', (c) => c.json({ status: 'ok' }));
  app.get('/api/v1/metadata/schemas/:file', async (c) => {
    const file = c.req.param('file');
    if (!PUBLISHED_SCHEMAS.has(file)) throw new ApiError('TSR107', `No schema named ${file}.`);
    return c.body(await readFile(`${SCHEMA_DIR}${file}`, 'utf8'), 200, { 'content-type': 'application/schema+json' });
  });

  app.use('/api/v1/admin/*', bodyLimit(64 * 1024), adminAuth(tenants, options.adminToken));
  app.route('/api/v1/admin', adminRoutes(deps));

  const tenantGuard = tenantAuth(catalogs, security);
  app.use('/api/v1/auth/*', bodyLimit(64 * 1024));
  app.route('/api/v1/auth', publicAuthRoutes(deps));
  app.use('/api/v1/auth/*', tenantGuard);
  app.route('/api/v1/auth', authRoutes(deps));
  app.use('/api/v1/security/*', bodyLimit(1024 * 1024), tenantGuard, requireAdmin);
  app.route('/api/v1/security', securityRoutes(deps));
  app.use('/api/v1/audit/*', bodyLimit(64 * 1024), tenantGuard, requireAdmin);
  app.route('/api/v1/audit', auditRoutes(deps));
  app.use('/api/v1/metadata/*', bodyLimit(10 * 1024 * 1024), tenantGuard);
  app.use('/api/v1/metadata', tenantGuard);
  app.use('/api/v1/metadata/apply', requireAdmin);
  app.use('/api/v1/metadata/validate', requireAdmin);
  // Plans and past revisions show the whole model (hidden objects and fields too): administrators only.
  app.use('/api/v1/metadata/plan', requireAdmin);
  app.use('/api/v1/metadata/calendars/*', requireAdmin);
  app.use('/api/v1/metadata/revisions', requireAdmin);
  app.use('/api/v1/metadata/revisions/*', requireAdmin);
  app.route('/api/v1/metadata', metadataRoutes(deps));
  app.route('/api/v1/packages', packageRoutes(deps));
  // A bulk request carries up to 2000 records (records/bulk/bulk-request.ts): 16 MiB, else 1 MiB.
  // One middleware for both (each layer is a dispatch and a promise on every record request).
  app.use('/api/v1/objects/*', (c, next) => {
    setBodyLimit(c, c.req.path.endsWith('/records/bulk') ? 16 * 1024 * 1024 : 1024 * 1024);
    return tenantGuard(c, next);
  });
  app.route('/api/v1/objects', recordAccessRoutes(deps));
  app.route('/api/v1/objects', bulkRoutes(deps));
  app.route('/api/v1/objects', exportRoutes(deps));
  app.route('/api/v1/objects', recordRoutes(deps));
  app.route('/api/v1/objects', viewRoutes(deps));
  app.route('/api/v1/objects', totalsRoutes(deps));
  app.route('/api/v1/objects', lookupRoutes(deps));
  app.route('/api/v1/objects', relatedRoutes(deps));
  app.route('/api/v1/objects', linkRoutes(deps));
  app.route('/api/v1/objects', pipelineRoutes(deps));
  app.route('/api/v1/objects', recordApprovalRoutes(deps));
  app.route('/api/v1/objects', timelineRoutes(deps));
  // Imports take whole files (import/receive-file.ts streams them to disk): their own, larger limit.
  app.use('/api/v1/imports', tenantGuard);
  app.use('/api/v1/imports/*', bodyLimit(IMPORT_BODY_MAX_BYTES), tenantGuard);
  app.route('/api/v1/imports', importRoutes(deps));
  // Uploads are streamed and cut at their field's limit (files/receive-upload.ts); this is only the ceiling.
  const files = options.files ?? { ...(process.env.TESSERA_FILES_DIR ? { dir: process.env.TESSERA_FILES_DIR } : {}), scanner: scannerFromEnv(process.env) };
  app.use('/api/v1/files', bodyLimit(MAX_FILE_SIZE_MB * 1024 * 1024), tenantGuard);
  app.use('/api/v1/files/*', bodyLimit(MAX_FILE_SIZE_MB * 1024 * 1024), tenantGuard);
  app.route('/api/v1/files', fileRoutes({ ...deps, files }));
  app.use('/api/v1/search', bodyLimit(64 * 1024), tenantGuard);
  app.route('/api/v1/search', searchRoutes(deps));
  app.use('/api/v1/people', bodyLimit(64 * 1024), tenantGuard);
  app.route('/api/v1/people', peopleRoutes(deps));
  app.use('/api/v1/approvals/*', bodyLimit(256 * 1024), tenantGuard);
  app.route('/api/v1/approvals', approvalRoutes(deps));
  app.use('/api/v1/notifications', bodyLimit(64 * 1024), tenantGuard);
  app.use('/api/v1/notifications/*', bodyLimit(64 * 1024), tenantGuard);
  app.route('/api/v1/notifications', notificationRoutes(deps));
  app.use('/api/v1/reminders', bodyLimit(64 * 1024), tenantGuard);
  app.use('/api/v1/reminders/*', bodyLimit(64 * 1024), tenantGuard);
  app.route('/api/v1/reminders', reminderRoutes(deps));
  app.use('/api/v1/forms/*', tenantGuard);
  app.route('/api/v1/forms', formRoutes(deps));
  app.use('/api/v1/openapi.json', tenantGuard);
  app.get('/api/v1/openapi.json', (c) => {
    const catalog = c.get('catalog');
    let text = openApiByRevision.get(catalog);
    if (!text) {
      const permissions = openApiPermissions(catalog);
      text = JSON.stringify(
        buildOpenApi({
          snapshot: catalog.snapshot,
          revision: catalog.revision,
          tenant: catalog.tenant,
          serverUrl: new URL(c.req.url).origin,
          ...(permissions ? { permissions } : {}),
        }),
      );
      openApiByRevision.set(catalog, text);
    }
    return c.body(text, 200, { 'content-type': 'application/json; charset=utf-8' });
  });
  app.all('/api/*', (c) => problemResponse(c, new ApiError('TSR107', `No route for ${c.req.method} ${new URL(c.req.url).pathname}.`)));

  if (options.designerDir && existsSync(options.designerDir)) app.get('*', serveDesigner(options.designerDir));

  // Revisions made by other processes: NOTIFY for speed, a periodic check as the safety net.
  const unlisten = await database.listen(METADATA_CHANNEL, (payload) => {
    const [slug, revision] = payload.split(':');
    if (slug && revision) catalogs.markStale(slug, Number(revision));
  });
  const unlistenSecurity = await database.listen(SECURITY_CHANNEL, (payload) => {
    const [slug, revision] = payload.split(':');
    if (slug && revision) security.markStale(slug, Number(revision));
  });
  const checker = setInterval(() => {
    void checkRevisions(database, catalogs);
    void security.checkRevisions();
  }, options.revisionCheckMs ?? 5000);
  checker.unref();
  // A served runtime (one with jobs) first fails the imports a previous process left `running`.
  if (options.jobs) await failInterruptedImports(database.db);
  // Then runs (or fails, with the reason) the imports a previous process queued but never started,
  // now and on every jobs tick (import/queued-imports.ts).
  const graceMs = Number(process.env.TESSERA_IMPORT_QUEUE_GRACE_MS ?? QUEUED_GRACE_MS);
  const sweepImports = () => sweepQueuedImports({ db: database.db, catalogs, security, connections: database.kind === 'pglite' ? 'one' : 'many', graceMs });
  if (options.jobs) void sweepImports().catch((error: unknown) => console.error('tessera queued imports:', error));
  const jobs: RunningJobs | undefined = options.jobs
    ? await startJobs({
        ...options.jobs,
        db: database.db,
        sweepImports,
        ...(options.clock ? { clock: options.clock } : {}),
        ...(files.dir ? { filesDir: files.dir } : {}),
      })
    : undefined;

  return {
    app,
    tenants,
    catalogs,
    async close() {
      clearInterval(checker);
      await jobs?.stop();
      await unlisten();
      await unlistenSecurity();
    },
  };
}

async function checkRevisions(database: Database, catalogs: CatalogCache): Promise<void> {
  for (const cached of catalogs.cachedTenants()) {
    try {
      const result = await database.db
        .withSchema(`t_${cached.slug}`)
        .selectFrom('_meta_revision')
        .select((eb) => eb.fn.max('revision').as('revision'))
        .executeTakeFirst();
      const latest = Number(result?.revision ?? 0);
      if (latest > cached.revision) catalogs.markStale(cached.slug, latest);
    } catch {
      // The next request reloads or reports; the check itself must never crash the process.
    }
  }
}
