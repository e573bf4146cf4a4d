// The package manager's routes (administrators only): installed and available packages, the plan
// of an install, upgrade or uninstall, and the operations themselves (runtime/src/routes/package-routes.ts).
import type { ParameterObject, PathItemObject, SchemaObject } from './openapi-types.ts';
import { schemaRef } from './openapi-types.ts';
import { jsonResponse, problemResponses } from './problems.ts';
import { LABELS_SCHEMA } from './system-paths.ts';

export const PACKAGES_TAG = { name: 'Packages', description: 'Install, upgrade and uninstall metadata packages (administrators only).' };

const PLAN_STEP: SchemaObject = {
  type: 'object',
  required: ['step', 'kind', 'object', 'description', 'risk', 'rows'],
  properties: {
    step: { type: 'integer', minimum: 1 },
    kind: { type: 'string' },
    object: { type: 'string' },
    field: { type: 'string' },
    description: { type: 'string' },
    risk: { type: 'string', enum: ['safe', 'rewrites_table', 'touches_data', 'destructive'] },
    rows: { type: 'integer', minimum: 0 },
  },
};

const OPERATION_PHASES = ['metadata', 'security', 'sampleData', 'done', 'failed'];

/** Sent with install, upgrade and uninstall to follow their progress. */
const OPERATION_ID_HEADER: ParameterObject = {
  name: 'X-Operation-Id',
  in: 'header',
  description:
    'A new UUID per operation (e.g. `crypto.randomUUID()`): the operation reports its progress under it, read with GET /api/v1/packages/operations/{id} while the request runs.',
  schema: { type: 'string', format: 'uuid' },
};

export const PACKAGE_SCHEMAS: Record<string, SchemaObject> = {
  PackageSource: {
    description: 'Where the package comes from: an available package by name, an `npm pack` tarball (base64), or its files (path → JSON).',
    oneOf: [
      { type: 'object', required: ['kind', 'name'], properties: { kind: { const: 'available' }, name: { type: 'string' } } },
      { type: 'object', required: ['kind', 'base64'], properties: { kind: { const: 'tarball' }, base64: { type: 'string', contentEncoding: 'base64' } } },
      { type: 'object', required: ['kind', 'files'], properties: { kind: { const: 'bundle' }, files: { type: 'object', additionalProperties: true } } },
    ],
  },
  PackageResolution: {
    type: 'object',
    required: ['path', 'take'],
    properties: { path: { type: 'string', description: 'The `path` of a reported conflict.' }, take: { type: 'string', enum: ['package', 'tenant'] } },
  },
  PackageRequest: {
    type: 'object',
    additionalProperties: false,
    properties: {
      source: schemaRef('PackageSource'),
      uninstall: { type: 'string', description: 'Plan only: the namespace to uninstall (instead of `source`).' },
      purge: { type: 'boolean', description: 'Plan only, with `uninstall`: drop the package objects with their records.' },
      resolutions: { type: 'array', items: schemaRef('PackageResolution') },
      planHash: { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'The reviewed plan; required when a step is not safe.' },
      allowDestructive: { type: 'boolean' },
      sampleData: { type: 'boolean', description: 'Load the sample records on install (default true).' },
    },
  },
  PackagePlan: {
    type: 'object',
    required: [
      'operation',
      'namespace',
      'from',
      'to',
      'dependencies',
      'steps',
      'planHash',
      'requiresPlanHash',
      'destructive',
      'conflicts',
      'deprecated',
      'sampleData',
    ],
    properties: {
      operation: { type: 'string', enum: ['install', 'upgrade', 'uninstall'] },
      namespace: { type: 'string' },
      from: { type: ['string', 'null'] },
      to: { type: ['string', 'null'] },
      dependencies: {
        type: 'array',
        items: {
          type: 'object',
          required: ['namespace', 'range', 'installed', 'ok'],
          properties: { namespace: { type: 'string' }, range: { type: 'string' }, installed: { type: ['string', 'null'] }, ok: { type: 'boolean' } },
        },
      },
      steps: { type: 'array', items: PLAN_STEP },
      planHash: { type: 'string' },
      requiresPlanHash: { type: 'boolean' },
      destructive: { type: 'boolean' },
      conflicts: { type: 'array', items: { type: 'object' } },
      deprecated: { type: 'array', items: { type: 'string' }, description: 'Package components removed while holding data: kept, hidden from layouts.' },
      sampleData: { type: 'object', required: ['records'], properties: { records: { type: 'integer', minimum: 0 } } },
    },
  },
  PackageResult: {
    type: 'object',
    required: ['operation', 'namespace', 'version', 'revision', 'steps', 'records'],
    properties: {
      operation: { type: 'string', enum: ['install', 'upgrade', 'uninstall'] },
      namespace: { type: 'string' },
      version: { type: ['string', 'null'] },
      revision: { type: 'integer', minimum: 0 },
      steps: { type: 'array', items: PLAN_STEP },
      records: { type: 'integer', minimum: 0, description: 'Sample records created.' },
    },
  },
  PackageOperationProgress: {
    type: 'object',
    description: 'The progress of an install, upgrade or uninstall sent with `X-Operation-Id`, kept by the server process that runs it.',
    required: ['id', 'operation', 'namespace', 'phase', 'startedAt', 'endedAt', 'steps', 'sampleData', 'problem', 'events'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      operation: { type: 'string', enum: ['install', 'upgrade', 'uninstall'] },
      namespace: { type: ['string', 'null'] },
      phase: { type: 'string', enum: OPERATION_PHASES },
      startedAt: { type: 'string', format: 'date-time' },
      endedAt: { type: ['string', 'null'], format: 'date-time' },
      steps: {
        type: 'object',
        required: ['current', 'total', 'description', 'rows'],
        description: 'The migration step running (1-based; 0 before the first) of the plan that runs.',
        properties: {
          current: { type: 'integer', minimum: 0 },
          total: { type: ['integer', 'null'], minimum: 0 },
          description: { type: ['string', 'null'] },
          rows: { type: ['integer', 'null'], minimum: 0 },
        },
      },
      sampleData: {
        type: 'object',
        required: ['created', 'total'],
        properties: { created: { type: 'integer', minimum: 0 }, total: { type: 'integer', minimum: 0 } },
      },
      problem: {
        oneOf: [
          {
            type: 'object',
            required: ['status', 'code', 'detail'],
            properties: { status: { type: 'integer' }, code: { type: 'string' }, detail: { type: 'string' } },
          },
          { type: 'null' },
        ],
        description: 'Why a failed operation was refused (its response carries the full problem).',
      },
      events: {
        type: 'array',
        description: 'In order: one per migration step, the security phase, sample records created (at most about 100 events), then done or failed.',
        items: {
          type: 'object',
          required: ['at', 'phase'],
          properties: {
            at: { type: 'string', format: 'date-time' },
            phase: { type: 'string', enum: OPERATION_PHASES },
            step: { type: 'integer', minimum: 1 },
            total: { type: 'integer', minimum: 0 },
            description: { type: 'string' },
            rows: { type: 'integer', minimum: 0 },
            created: { type: 'integer', minimum: 0 },
            code: { type: 'string' },
          },
        },
      },
    },
  },
  InstalledPackage: {
    type: 'object',
    required: ['namespace', 'name', 'version', 'labels', 'installedAt', 'upgradedAt', 'dependencies', 'objects'],
    properties: {
      namespace: { type: 'string' },
      name: { type: 'string' },
      version: { type: 'string' },
      labels: LABELS_SCHEMA,
      description: { oneOf: [LABELS_SCHEMA, { type: 'null' }] },
      installedAt: { type: 'string', format: 'date-time' },
      upgradedAt: { type: ['string', 'null'], format: 'date-time' },
      dependencies: { type: 'object', additionalProperties: { type: 'string' } },
      objects: { type: 'array', items: { type: 'string' } },
      deprecated: { type: 'array', items: { type: 'string' } },
    },
  },
  AvailablePackage: {
    type: 'object',
    required: ['name', 'namespace', 'version', 'labels', 'source', 'installed'],
    properties: {
      name: { type: 'string' },
      namespace: { type: 'string' },
      version: { type: 'string' },
      labels: LABELS_SCHEMA,
      description: { oneOf: [LABELS_SCHEMA, { type: 'null' }] },
      source: { type: 'string', enum: ['bundled', 'node_modules'] },
      installed: { type: ['string', 'null'], description: 'The installed version, if any.' },
    },
  },
};

const list = (item: string): SchemaObject => ({ type: 'object', required: ['data'], properties: { data: { type: 'array', items: schemaRef(item) } } });
const body = { required: true, content: { 'application/json': { schema: schemaRef('PackageRequest') } } };
const refusals = {
  400: 'A bad body or an unreadable source (TSR100, TSR614).',
  404: 'No such available or installed package (TSR608).',
  409: 'Conflicts (TSR605), collisions (TSR607), downgrade (TSR604), already installed (TSR609), owned metadata, dependants (TSR610), data (TSR611).',
  422: 'An invalid package (TSR600, TSR615), a missing dependency (TSR601) or cycle (TSR603); `errors` lists every reason.',
};

export function packagePaths(): Record<string, PathItemObject> {
  const tags = [PACKAGES_TAG.name];
  const operation = (operationId: string, summary: string, description: string) => ({
    post: {
      operationId,
      tags,
      summary,
      description,
      parameters: [OPERATION_ID_HEADER],
      requestBody: body,
      responses: { 200: jsonResponse(schemaRef('PackageResult'), 'Applied in one transaction.'), ...problemResponses(refusals) },
    },
  });
  return {
    '/api/v1/packages': {
      get: {
        operationId: 'listPackages',
        tags,
        summary: 'List the installed packages',
        responses: { 200: jsonResponse(list('InstalledPackage'), 'By namespace.'), ...problemResponses({}) },
      },
    },
    '/api/v1/packages/available': {
      get: {
        operationId: 'listAvailablePackages',
        tags,
        summary: "List the packages this installation can install by name (the repository's packages/ and node_modules)",
        responses: { 200: jsonResponse(list('AvailablePackage'), 'By name.'), ...problemResponses({}) },
      },
    },
    '/api/v1/packages/plan': {
      post: {
        operationId: 'planPackage',
        tags,
        summary: 'Plan an install, upgrade or uninstall; nothing is written',
        description: 'The steps come from the same planner as metadata changes: risk, rows and the plan hash an unsafe operation must quote.',
        requestBody: body,
        responses: { 200: jsonResponse(schemaRef('PackagePlan'), 'The plan.'), ...problemResponses(refusals) },
      },
    },
    '/api/v1/packages/operations/{id}': {
      get: {
        operationId: 'getPackageOperation',
        tags,
        summary: 'Follow an install, upgrade or uninstall sent with X-Operation-Id',
        description:
          'Phase, migration step n of N with its description and rows, sample records created of the total, and a timestamped event log; kept a few minutes after the operation ends. Per server process: with several instances, live progress needs sticky routing (the result is always in the operation’s own response).',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
        responses: {
          200: jsonResponse(schemaRef('PackageOperationProgress'), 'The operation’s progress.'),
          ...problemResponses({ 404: 'No such operation in this tenant: unknown, expired, or run by another server process (TSR617).' }),
        },
      },
    },
    '/api/v1/packages/install': operation(
      'installPackage',
      'Install a package',
      'Metadata, roles, permission sets, sample data and the package record in one transaction.',
    ),
    '/api/v1/packages/upgrade': operation(
      'upgradePackage',
      'Upgrade a package (three-way merge with the tenant’s changes)',
      'Refused on a conflict unless `resolutions` picks a side.',
    ),
    '/api/v1/packages/{namespace}': {
      delete: {
        operationId: 'uninstallPackage',
        tags,
        summary: 'Uninstall a package',
        description: 'Refused while another package depends on it or its objects hold records, unless `purge=true` with the `planHash` of the purge plan.',
        parameters: [
          { name: 'namespace', in: 'path', required: true, schema: { type: 'string', pattern: '^[a-z][a-z0-9]{1,15}$' } },
          { name: 'purge', in: 'query', schema: { type: 'boolean' } },
          { name: 'planHash', in: 'query', schema: { type: 'string', pattern: '^[0-9a-f]{64}$' } },
          OPERATION_ID_HEADER,
        ],
        responses: { 200: jsonResponse(schemaRef('PackageResult'), 'Uninstalled.'), ...problemResponses(refusals) },
      },
    },
  };
}
