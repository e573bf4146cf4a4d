// /packages…: the installed and available packages, and the plan, install, upgrade and uninstall
// of one (administrators only). Each operation is one transaction (packages/package-operations.ts);
// a refusal is a problem listing every reason, and leaves schema, data and metadata as they were.
// With `X-Operation-Id: <uuid>` an operation reports its progress, read with GET /operations/:id
// while it runs (packages/operation-progress.ts: in this process only, kept a few minutes).
import type { MergeResolution } from '@tessera/metadata/packages';
import { type Context, Hono } from 'hono';
import { auditActor } from '../audit/audit-actor.ts';
import { ApiError } from '../core/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import { requireAdmin, tenantAuth } from '../http/middleware.ts';
import { readJsonBody } from '../http/read-json-body.ts';
import { bodyLimit } from '../http/request-body.ts';
import {
  type AppliedPackage,
  applyPackage,
  listAvailable,
  listInstalled,
  loadPackageBundle,
  type PackageRequest,
  parseSource,
  OperationRegistry,
  type OperationTracker,
  planPackage,
} from '../packages/index.ts';
import type { RouteDeps } from './route-deps.ts';

/** A base64 tarball or a bundle of files can be large: 32 MiB. */
const PACKAGE_BODY_LIMIT = 32 * 1024 * 1024;
const OPERATION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BODY_KEYS = ['source', 'resolutions', 'purge', 'uninstall', 'planHash', 'allowDestructive', 'sampleData'];

interface PackageBody {
  source?: unknown;
  uninstall?: string;
  resolutions?: MergeResolution[];
  purge?: boolean;
  planHash?: string;
  allowDestructive?: boolean;
  sampleData?: boolean;
}

function parseBody(body: unknown): PackageBody {
  const problems: { path: string; code: 'TSR100'; message: string }[] = [];
  const add = (path: string, message: string) => problems.push({ path, code: 'TSR100', message });
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw new ApiError('TSR100', 'The body must be a JSON object.', [{ path: '', code: 'TSR100', message: 'must be an object' }]);
  const value = body as Record<string, unknown>;
  for (const key of Object.keys(value)) if (!BODY_KEYS.includes(key)) add(`/${key}`, `unknown property '${key}'`);
  if (value.uninstall !== undefined && (typeof value.uninstall !== 'string' || value.uninstall === '')) add('/uninstall', 'must be a namespace');
  if (value.uninstall === undefined && value.source === undefined) add('/source', 'is required');
  for (const key of ['purge', 'allowDestructive', 'sampleData'])
    if (value[key] !== undefined && typeof value[key] !== 'boolean') add(`/${key}`, 'must be true or false');
  if (value.planHash !== undefined && !(typeof value.planHash === 'string' && /^[0-9a-f]{64}$/.test(value.planHash)))
    add('/planHash', 'must be the 64-character planHash of POST /packages/plan');
  if (value.resolutions !== undefined) {
    if (!Array.isArray(value.resolutions)) add('/resolutions', 'must be an array of {path, take}');
    else
      value.resolutions.forEach((resolution, index) => {
        const { path, take } = (resolution ?? {}) as { path?: unknown; take?: unknown };
        if (typeof path !== 'string' || (take !== 'package' && take !== 'tenant'))
          add(`/resolutions/${index}`, 'must be {"path": "<conflict path>", "take": "package" | "tenant"}');
      });
  }
  if (problems.length > 0) throw new ApiError('TSR100', 'The package request is invalid.', problems);
  return value as PackageBody;
}

async function requestOf(body: PackageBody, operation: 'install' | 'upgrade' | 'auto'): Promise<PackageRequest> {
  if (body.uninstall !== undefined) return { operation: 'uninstall', namespace: body.uninstall, purge: body.purge === true };
  const bundle = await loadPackageBundle(parseSource(body.source));
  return { operation, bundle, resolutions: body.resolutions ?? [] };
}

/** The operation to report progress into, when the client named one (`X-Operation-Id`). */
function trackerOf(c: Context<AppEnv>, operations: OperationRegistry, operation: 'install' | 'upgrade' | 'uninstall'): OperationTracker | undefined {
  const id = c.req.header('x-operation-id')?.toLowerCase();
  if (id === undefined) return undefined;
  const tenant = c.get('tenant').slug;
  if (!OPERATION_ID.test(id))
    throw new ApiError('TSR100', 'X-Operation-Id must be a UUID.', [{ path: 'X-Operation-Id', code: 'TSR100', message: 'must be a UUID' }]);
  if (operations.has(tenant, id))
    throw new ApiError('TSR100', `Operation ${id} exists already; send a new X-Operation-Id per operation.`, [
      { path: 'X-Operation-Id', code: 'TSR100', message: 'already used' },
    ]);
  return operations.start(tenant, id, operation);
}

/** Runs an operation, ending its progress as done or failed (with the problem's code; internals never). */
async function tracked(tracker: OperationTracker | undefined, work: () => Promise<Response>): Promise<Response> {
  try {
    const response = await work();
    tracker?.done();
    return response;
  } catch (error) {
    tracker?.failed(
      error instanceof ApiError ? { status: error.status, code: error.code, detail: error.detail } : { status: 500, code: 'TSR900', detail: 'Internal error' },
    );
    throw error;
  }
}

export function packageRoutes(deps: RouteDeps) {
  const routes = new Hono<AppEnv>();
  const operations = new OperationRegistry(deps.clock);
  routes.use('*', bodyLimit(PACKAGE_BODY_LIMIT), tenantAuth(deps.catalogs, deps.security), requireAdmin);

  routes.get('/operations/:id', (c) => {
    const id = c.req.param('id').toLowerCase();
    const progress = operations.get(c.get('tenant').slug, id);
    if (!progress)
      throw new ApiError('TSR617', `No package operation ${id} in this tenant (unknown, expired, or running on another server instance).`, [
        { path: '/id', code: 'TSR617', message: 'not found' },
      ]);
    return c.json(progress);
  });

  routes.get('/', async (c) => {
    const rows = await c.get('timer').time('db', () => listInstalled(deps.database.db, c.get('tenant').schema));
    return c.json({
      data: rows.map((row) => ({
        namespace: row.namespace,
        name: row.name,
        version: row.version,
        labels: row.manifest.labels,
        description: row.manifest.description ?? null,
        installedAt: row.installedAt,
        upgradedAt: row.upgradedAt,
        dependencies: row.manifest.dependencies ?? {},
        objects: row.base.map((object) => object.apiName),
        deprecated: row.deprecated,
      })),
    });
  });

  routes.get('/available', async (c) => {
    const installed = new Map((await listInstalled(deps.database.db, c.get('tenant').schema)).map((row) => [row.namespace, row.version]));
    const available = await listAvailable();
    return c.json({ data: available.map(({ folder: _folder, ...entry }) => ({ ...entry, installed: installed.get(entry.namespace) ?? null })) });
  });

  routes.post('/plan', async (c) => {
    const body = parseBody(await c.get('timer').time('parse', () => readJsonBody(c)));
    const request = await requestOf(body, 'auto');
    return c.json(
      await c
        .get('timer')
        .time('db', () =>
          planPackage(deps.database.db, c.get('tenant'), request, { ...(body.sampleData === undefined ? {} : { sampleData: body.sampleData }) }),
        ),
    );
  });

  const apply = async (c: Context<AppEnv>, request: PackageRequest, body: PackageBody, tracker: OperationTracker | undefined) => {
    tracker?.namespace(request.operation === 'uninstall' ? request.namespace : request.bundle.manifest.namespace);
    const applied = await c.get('timer').time('db', () =>
      applyPackage(deps.database.changes, c.get('tenant'), request, {
        actor: auditActor(c.get('access')),
        requestId: c.get('requestId'),
        ...(tracker ? { progress: tracker } : {}),
        ...(body.planHash === undefined ? {} : { planHash: body.planHash }),
        ...(body.allowDestructive ? { allowDestructive: true } : {}),
        ...(body.sampleData === undefined ? {} : { sampleData: body.sampleData }),
      }),
    );
    install(c, applied);
    return c.json({
      operation: applied.operation,
      namespace: applied.namespace,
      version: applied.version,
      revision: applied.revision,
      steps: applied.steps,
      records: applied.records,
    });
  };

  /** The new revision's catalog serves this process at once (others hear the NOTIFY); security is re-read. */
  const install = (c: Context<AppEnv>, applied: AppliedPackage) => {
    const tenant = c.get('tenant');
    const { outcome } = applied;
    if (outcome.changed) deps.catalogs.installApplied(tenant, outcome);
    deps.security.invalidate(tenant.slug);
  };

  for (const operation of ['install', 'upgrade'] as const)
    routes.post(`/${operation}`, (c) => {
      const tracker = trackerOf(c, operations, operation);
      return tracked(tracker, async () => {
        const body = parseBody(await c.get('timer').time('parse', () => readJsonBody(c)));
        if (body.uninstall !== undefined)
          throw new ApiError('TSR100', 'Uninstall with DELETE /packages/{namespace}.', [{ path: '/uninstall', code: 'TSR100', message: 'not accepted here' }]);
        return apply(c, await requestOf(body, operation), body, tracker);
      });
    });

  routes.delete('/:namespace', (c) => {
    const tracker = trackerOf(c, operations, 'uninstall');
    return tracked(tracker, () => uninstall(c, tracker));
  });

  const uninstall = async (c: Context<AppEnv>, tracker: OperationTracker | undefined) => {
    const purge = c.req.query('purge');
    const planHash = c.req.query('planHash');
    const allowDestructive = c.req.query('allowDestructive');
    const body = parseBody({
      uninstall: c.req.param('namespace'),
      ...(purge === undefined ? {} : { purge: purge === 'true' }),
      ...(planHash === undefined ? {} : { planHash }),
      // Purging drops data: the plan hash of the reviewed purge plan confirms it.
      ...(allowDestructive === 'false' ? {} : purge === 'true' && planHash !== undefined ? { allowDestructive: true } : {}),
    });
    return apply(c, await requestOf(body, 'install'), body, tracker);
  };

  return routes;
}
