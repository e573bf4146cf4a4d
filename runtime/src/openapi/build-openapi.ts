// MetadataSnapshot (+ revision, tenant) → OpenAPI 3.1 document. Pure and deterministic: objects
// are visited in api-name order and nothing reads the clock, so equal input gives equal output
// and the runtime can cache the document per revision. The record JSON Schemas come from
// @tessera/metadata (the same builders behind ajv and the forms), so the document cannot drift
// from what the server accepts.
import {
  buildRecordOutputSchema,
  buildRecordSchema,
  type MetadataSnapshot,
  type NormalisedObject,
} from '@tessera/metadata';
import { embedRecordSchema } from './embed-record-schema.ts';
import { SHARED_LIST_PARAMETERS } from './list-parameters.ts';
import { assignObjectNames, compareText, labelText } from './object-names.ts';
import type { OpenApiDocument, PathItemObject, SchemaObject, TagObject } from './openapi-types.ts';
import { schemaRef } from './openapi-types.ts';
import { COMMON_HEADERS, PROBLEM_RESPONSES, PROBLEM_SCHEMAS } from './problems.ts';
import { recordPaths } from './record-paths.ts';
import { SYSTEM_SCHEMAS, systemPaths } from './system-paths.ts';

export interface BuildOpenApiInput {
  snapshot: MetadataSnapshot;
  revision: number;
  tenant: string;
  /** Absolute origin the API is served from, e.g. `https://acme.example.com`. Default: relative. */
  serverUrl?: string;
}

export function buildOpenApi(input: BuildOpenApiInput): OpenApiDocument {
  const objects = [...input.snapshot.objects].sort((a, b) => compareText(a.apiName, b.apiName));
  const byApiName = new Map(objects.map((object) => [object.apiName, object]));
  const names = assignObjectNames(objects);

  const schemas: Record<string, SchemaObject> = { ...PROBLEM_SCHEMAS, ...SYSTEM_SCHEMAS };
  const paths: Record<string, PathItemObject> = systemPaths(objects.map((object) => object.apiName));
  const tags: TagObject[] = [
    { name: 'System', description: 'Health and this document.' },
    { name: 'Metadata', description: 'Read, validate and apply the metadata that defines the objects below.' },
  ];

  for (const objectNames of names.values()) {
    const { object } = objectNames;
    const embed = (name: string, source: SchemaObject, expandable = false) =>
      embedRecordSchema(name, source, object, byApiName, expandable ? (target) => names.get(target)?.base : undefined);
    schemas[objectNames.base] = embed(objectNames.base, buildRecordOutputSchema(object), true);
    schemas[objectNames.create] = embed(objectNames.create, buildRecordSchema(object, 'create'));
    schemas[objectNames.patch] = embed(objectNames.patch, buildRecordSchema(object, 'patch'));
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
    Object.assign(paths, recordPaths({ object, names: objectNames, referrers: referrersOf(object.apiName, objects) }));
  }

  const document: OpenApiDocument = {
    openapi: '3.1.0',
    info: {
      title: `Tessera API — ${input.tenant}`,
      version: `1.0.0+rev${input.revision}`,
      summary: `Records and metadata of tenant ${input.tenant} at metadata revision ${input.revision}.`,
      description:
        'Generated from the live metadata: every object has list, create, get, update, delete and restore routes. ' +
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

function referrersOf(target: string, objects: readonly NormalisedObject[]) {
  return objects.flatMap((object) =>
    object.fields.flatMap((field) =>
      field.type === 'lookup' && field.target === target ? [{ object: object.apiName, field: field.apiName, onDelete: field.onDelete }] : [],
    ),
  );
}
