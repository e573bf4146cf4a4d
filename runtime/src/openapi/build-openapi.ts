// MetadataSnapshot (+ revision, tenant) → OpenAPI 3.1 document. Pure and deterministic: objects
// are visited in api-name order and nothing reads the clock, so equal input gives equal output
// and the runtime can cache the document per revision. The record JSON Schemas come from
// @tessera/metadata (the same builders behind ajv and the forms), so the document cannot drift
// from what the server accepts.
import { buildRecordOutputSchema, buildRecordSchema, type MetadataSnapshot, type NormalisedObject } from '@tessera/metadata';
import { embedRecordSchema, USER_REF_SCHEMAS } from './embed-record-schema.ts';
import { SHARED_LIST_PARAMETERS } from './list-parameters.ts';
import { assignObjectNames, compareText, labelText } from './object-names.ts';
import type { OpenApiDocument, PathItemObject, SchemaObject, TagObject } from './openapi-types.ts';
import { schemaRef } from './openapi-types.ts';
import { COMMON_HEADERS, PROBLEM_RESPONSES, PROBLEM_SCHEMAS } from './problems.ts';
import { NOTIFICATION_SCHEMAS, NOTIFICATIONS_TAG, notificationPaths } from './notification-paths.ts';
import { PIPELINE_SCHEMAS, pipelinePaths } from './pipeline-paths.ts';
import { BULK_SCHEMAS, BULK_TAG, bulkPaths } from './bulk-paths.ts';
import { IMPORT_SCHEMAS, IMPORT_TAG, importPaths } from './import-paths.ts';
import { FILE_SCHEMAS, FILES_TAG, filePaths, hasFileFields } from './file-paths.ts';
import { recordPaths } from './record-paths.ts';
import { PACKAGE_SCHEMAS, PACKAGES_TAG, packagePaths } from './package-paths.ts';
import { PEOPLE_SCHEMAS, PEOPLE_TAG, peoplePaths } from './people-paths.ts';
import { SEARCH_SCHEMAS, SEARCH_TAG, searchPaths } from './search-paths.ts';
import { SYSTEM_SCHEMAS, systemPaths } from './system-paths.ts';
import { VIEW_SCHEMAS, VIEWS_TAG, viewPaths } from './view-paths.ts';
import { totalsPaths } from './totals-paths.ts';

export interface BuildOpenApiInput {
  snapshot: MetadataSnapshot;
  revision: number;
  tenant: string;
  /** Absolute origin the API is served from, e.g. `https://acme.example.com`. Default: relative. */
  serverUrl?: string;
  /**
   * What the reader may do, when not everything: the snapshot then holds only the objects and
   * fields they may read, and this narrows operations and request bodies further.
   */
  permissions?: OpenApiPermissions;
}

export interface OpenApiPermissions {
  objects: Readonly<Record<string, { create: boolean; update: boolean; delete: boolean; writable: readonly string[] }>>;
  /** Metadata apply and validate. */
  manageMetadata: boolean;
}

export function buildOpenApi(input: BuildOpenApiInput): OpenApiDocument {
  const objects = [...input.snapshot.objects].sort((a, b) => compareText(a.apiName, b.apiName));
  const byApiName = new Map(objects.map((object) => [object.apiName, object]));
  const names = assignObjectNames(objects);

  const schemas: Record<string, SchemaObject> = {
    ...PROBLEM_SCHEMAS,
    ...SYSTEM_SCHEMAS,
    ...NOTIFICATION_SCHEMAS,
    ...PACKAGE_SCHEMAS,
    ...PEOPLE_SCHEMAS,
    ...VIEW_SCHEMAS,
    ...BULK_SCHEMAS,
    ...IMPORT_SCHEMAS,
    ...USER_REF_SCHEMAS,
  };
  if (objects.some((object) => object.pipelines?.length)) Object.assign(schemas, PIPELINE_SCHEMAS);
  if (objects.length > 0) Object.assign(schemas, SEARCH_SCHEMAS);
  if (hasFileFields(objects)) Object.assign(schemas, FILE_SCHEMAS);
  const paths: Record<string, PathItemObject> = {
    ...systemPaths(objects.map((object) => object.apiName)),
    ...viewPaths(objects.map((object) => object.apiName)),
    ...bulkPaths(objects),
    ...importPaths(objects),
    ...totalsPaths(objects.map((object) => object.apiName)),
    ...notificationPaths(),
    ...packagePaths(),
    ...peoplePaths(),
    ...searchPaths(objects),
    ...filePaths(objects),
  };
  const tags: TagObject[] = [
    { name: 'System', description: 'Health and this document.' },
    { name: 'Metadata', description: 'Read, validate and apply the metadata that defines the objects below.' },
    NOTIFICATIONS_TAG,
    PACKAGES_TAG,
    PEOPLE_TAG,
    ...(objects.length > 0 ? [VIEWS_TAG, SEARCH_TAG, BULK_TAG, IMPORT_TAG] : []),
    ...(hasFileFields(objects) ? [FILES_TAG] : []),
  ];

  for (const objectNames of names.values()) {
    const { object } = objectNames;
    const embed = (name: string, source: SchemaObject, expandable = false) =>
      embedRecordSchema(name, source, object, byApiName, expandable ? (target) => names.get(target)?.base : undefined);
    schemas[objectNames.base] = embed(objectNames.base, buildRecordOutputSchema(object), true);
    const allowed = input.permissions?.objects[object.apiName];
    const writable = allowed ? new Set(allowed.writable) : undefined;
    const writeObject = writable ? { ...object, fields: object.fields.filter((field) => writable.has(field.apiName)) } : object;
    schemas[objectNames.create] = withoutOwner(embed(objectNames.create, buildRecordSchema(writeObject, 'create')), writable);
    schemas[objectNames.patch] = withoutOwner(embed(objectNames.patch, buildRecordSchema(writeObject, 'patch')), writable);
    schemas[objectNames.list] = {
      type: 'object',
      description: `A page of ${labelText(object.pluralLabels, object.apiName)} records.`,
      required: ['data', 'nextCursor'],
      properties: {
        data: { type: 'array', items: schemaRef(objectNames.base) },
        nextCursor: { type: ['string', 'null'], description: 'Pass as `cursor` for the next page; null on the last page.' },
      },
    };
    tags.push({
      name: objectNames.tag,
      description: [labelText(object.labels, object.apiName), `\`${object.apiName}\``, object.description].filter(Boolean).join(' · '),
    });
    const objectPaths = {
      ...recordPaths({ object, names: objectNames, referrers: referrersOf(object.apiName, objects) }),
      ...pipelinePaths(object, objectNames),
    };
    if (allowed) removeForbiddenOperations(objectPaths, allowed);
    Object.assign(paths, objectPaths);
  }
  if (input.permissions && !input.permissions.manageMetadata) {
    delete paths['/api/v1/metadata/apply'];
    delete paths['/api/v1/metadata/validate'];
    for (const path of Object.keys(paths)) if (path.startsWith('/api/v1/packages')) delete paths[path];
  }

  const document: OpenApiDocument = {
    openapi: '3.1.0',
    info: {
      title: `Tessera API — ${input.tenant}`,
      version: `1.0.0+rev${input.revision}`,
      summary: `Records and metadata of tenant ${input.tenant} at metadata revision ${input.revision}.`,
      description:
        'Generated from the live metadata: every object has list, create, get, update, delete and restore routes; ' +
        'an object with pipelines also has stage moves, stage history, board, funnel and forecast. ' +
        'Errors are RFC 9457 `application/problem+json` with a stable `code` and every offending place in `errors`.',
    },
    ...(input.serverUrl === undefined ? {} : { servers: [{ url: input.serverUrl }] }),
    security: [{ bearerAuth: [] }],
    tags,
    paths,
    components: {
      schemas,
      parameters: {
        ...SHARED_LIST_PARAMETERS,
        RecordId: { name: 'id', in: 'path', required: true, description: 'Record id (UUIDv7).', schema: { type: 'string', format: 'uuid' } },
        IfMatch: {
          name: 'If-Match',
          in: 'header',
          description: 'The version you read, quoted as in `ETag`; a stale version is refused with 409 TSR112.',
          schema: { type: 'string', pattern: '^"[0-9]+"$' },
          example: '"1"',
        },
      },
      headers: { ...COMMON_HEADERS },
      responses: { ...PROBLEM_RESPONSES },
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'A tenant token (`tsr_…`); it selects the tenant.' },
      },
    },
  };
  // The shared constants above must not leak into (and be mutated through) a cached document.
  return structuredClone(document);
}

/** owner_id is in every body schema; a reader who may not reassign records does not see it. */
function withoutOwner(schema: SchemaObject, writable: ReadonlySet<string> | undefined): SchemaObject {
  if (!writable || writable.has('owner_id')) return schema;
  const properties = { ...(schema.properties as Record<string, SchemaObject> | undefined) };
  delete properties.owner_id;
  return { ...schema, properties };
}

function removeForbiddenOperations(objectPaths: Record<string, PathItemObject>, allowed: { create: boolean; update: boolean; delete: boolean }): void {
  for (const [path, item] of Object.entries(objectPaths)) {
    if (!allowed.create && path.endsWith('/records')) delete item.post;
    if (!allowed.update) {
      delete item.patch;
      if (path.endsWith('/stage')) delete objectPaths[path]; // a stage move is an update
    }
    if (!allowed.delete) {
      delete item.delete;
      if (path.endsWith('/restore')) delete objectPaths[path];
    }
  }
}

function referrersOf(target: string, objects: readonly NormalisedObject[]) {
  return objects.flatMap((object) =>
    object.fields.flatMap((field) =>
      field.type === 'lookup' && field.target === target ? [{ object: object.apiName, field: field.apiName, onDelete: field.onDelete }] : [],
    ),
  );
}
