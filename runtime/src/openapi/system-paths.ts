// The routes that do not depend on the tenant's objects: health, this document, the published
// metamodel schemas, and metadata read / validate / apply, with the schemas they return.
import { FIELD_TYPES, type MigrationActionKind } from '@tessera/metadata';
import type { OperationObject, PathItemObject, SchemaObject } from './openapi-types.ts';
import { schemaRef } from './openapi-types.ts';
import { jsonResponse, problemResponses } from './problems.ts';

/** Where the metamodel JSON Schema is published; apply and validate take documents it accepts. */
export const DOCUMENT_SCHEMA_URL = 'https://tessera.dev/schemas/v1/document.schema.json';

// A Record over the kind union, so a new migration action fails type-checking until listed here.
const ACTION_KINDS: Record<MigrationActionKind, true> = {
  add_column: true,
  update_calendar: true,
  add_foreign_key: true,
  add_unique: true,
  alter_column_type: true,
  alter_foreign_key: true,
  create_index: true,
  create_link_table: true,
  drop_link_table: true,
  move_links_to_junction: true,
  create_sequence: true,
  create_table: true,
  drop_column: true,
  drop_index: true,
  drop_table: true,
  drop_unique: true,
  remap_picklist_values: true,
  remove_picklist_values: true,
  check_dependent_values: true,
  rename_column: true,
  rename_index: true,
  restore_column: true,
  restore_table: true,
  set_default: true,
  set_required: true,
  update_metadata: true,
  sync_rollup_triggers: true,
  backfill_rollup: true,
  sync_duplicate_trigger: true,
  backfill_duplicate_keys: true,
};

/** Labels per language, as every labelled thing of the metamodel carries them. */
export const LABELS_SCHEMA: SchemaObject = {
  type: 'object',
  properties: { en: { type: 'string' }, zh: { type: 'string' } },
  description: 'Labels per language; `en` is the fallback.',
};

export const SYSTEM_SCHEMAS: Record<string, SchemaObject> = {
  Health: { type: 'object', required: ['status'], properties: { status: { const: 'ok' } } },
  // The metamodel schema is referenced, not inlined: it is large, versioned on its own, and
  // OpenAPI tools resolve an external `$ref` inconsistently. Editors validate against the URL.
  MetadataDocument: {
    description: `One object definition or a bundle \`{"objects": [...]}\`, as described by ${DOCUMENT_SCHEMA_URL}.`,
    externalDocs: { description: 'Tessera metamodel (JSON Schema 2020-12)', url: DOCUMENT_SCHEMA_URL },
    oneOf: [
      { type: 'object', title: 'ObjectDef', required: ['apiName', 'labels', 'fields'] },
      { type: 'object', title: 'Bundle', required: ['objects'], properties: { objects: { type: 'array', items: { type: 'object' } } } },
    ],
  },
  NormalisedObject: {
    type: 'object',
    description: 'An object definition with every default filled in.',
    required: ['apiName', 'labels', 'pluralLabels', 'nameField', 'fields', 'indexes'],
    properties: {
      apiName: { type: 'string' },
      labels: LABELS_SCHEMA,
      pluralLabels: LABELS_SCHEMA,
      description: { type: 'string' },
      nameField: { type: ['string', 'null'] },
      fields: {
        type: 'array',
        items: {
          type: 'object',
          required: ['apiName', 'type', 'labels', 'required', 'unique'],
          properties: {
            apiName: { type: 'string' },
            type: { type: 'string', enum: [...FIELD_TYPES] },
            labels: LABELS_SCHEMA,
            required: { type: 'boolean' },
            unique: { type: 'boolean' },
          },
        },
      },
      indexes: { type: 'array', items: { type: 'object' } },
    },
  },
  MetadataSnapshot: {
    type: 'object',
    required: ['revision', 'objects'],
    properties: { revision: { type: 'integer', minimum: 0 }, objects: { type: 'array', items: schemaRef('NormalisedObject') } },
  },
  MigrationAction: {
    type: 'object',
    description: 'One step of a migration plan, in the order it runs.',
    required: ['kind', 'object'],
    properties: { kind: { type: 'string', enum: Object.keys(ACTION_KINDS) }, object: { type: 'string' } },
  },
  ApplyResult: {
    type: 'object',
    required: ['revision', 'changed', 'actions'],
    properties: {
      revision: { type: 'integer', minimum: 0 },
      changed: { type: 'boolean', description: 'False when the model was already identical (no new revision).' },
      actions: { type: 'array', items: schemaRef('MigrationAction') },
    },
  },
  ValidateResult: {
    type: 'object',
    required: ['valid', 'actions'],
    properties: { valid: { const: true }, actions: { type: 'array', items: schemaRef('MigrationAction') } },
  },
};

const PUBLIC: Pick<OperationObject, 'security'> = { security: [] };
const invalidMetadata = { 422: 'The metadata is invalid (TSR200–TSR215); `errors` lists every problem with a JSON pointer.' };
const metadataBody = { required: true, content: { 'application/json': { schema: schemaRef('MetadataDocument') } } };

export function systemPaths(objectApiNames: readonly string[]): Record<string, PathItemObject> {
  const schemaFile = (name: string, operationId: string): PathItemObject => ({
    get: {
      operationId,
      tags: ['Metadata'],
      summary: `Get the ${name} metamodel JSON Schema`,
      ...PUBLIC,
      responses: { 200: jsonResponse({ type: 'object' }, 'A JSON Schema (draft 2020-12).'), default: { $ref: '#/components/responses/Error' } },
    },
  });
  return {
    '/api/v1/health': {
      get: {
        operationId: 'getHealth',
        tags: ['System'],
        summary: 'Readiness check',
        ...PUBLIC,
        responses: { 200: jsonResponse(schemaRef('Health'), 'The runtime is ready.'), default: { $ref: '#/components/responses/Error' } },
      },
    },
    '/api/v1/openapi.json': {
      get: {
        operationId: 'getOpenApi',
        tags: ['System'],
        summary: "This document: OpenAPI 3.1 of the tenant's live metadata",
        responses: { 200: jsonResponse({ type: 'object' }, 'An OpenAPI 3.1 document.'), ...problemResponses({}) },
      },
    },
    '/api/v1/metadata/schemas/object.schema.json': schemaFile('object', 'getObjectSchema'),
    '/api/v1/metadata/schemas/document.schema.json': schemaFile('document', 'getDocumentSchema'),
    '/api/v1/metadata/schemas/package.schema.json': schemaFile('package manifest (tessera.json)', 'getPackageSchema'),
    '/api/v1/metadata': {
      get: {
        operationId: 'getMetadata',
        tags: ['Metadata'],
        summary: 'Read the live metadata: revision and every object',
        responses: { 200: jsonResponse(schemaRef('MetadataSnapshot'), 'Objects sorted by api name.'), ...problemResponses({}) },
      },
    },
    '/api/v1/metadata/objects/{object}': {
      get: {
        operationId: 'getMetadataObject',
        tags: ['Metadata'],
        summary: 'Read one object definition',
        parameters: [
          {
            name: 'object',
            in: 'path',
            required: true,
            description: 'Object api name.',
            schema: objectApiNames.length > 0 ? { type: 'string', enum: [...objectApiNames] } : { type: 'string' },
          },
          {
            name: 'as',
            in: 'query',
            required: false,
            description: "'definition': the object as metadata/apply takes it (read, change, send back); absent: the normalised form.",
            schema: { type: 'string', enum: ['definition'] },
          },
        ],
        responses: {
          200: jsonResponse(
            {
              anyOf: [
                schemaRef('NormalisedObject'),
                { type: 'object', description: 'With as=definition: an ObjectDef (metadata/schemas/object.schema.json).' },
              ],
            },
            'The normalised definition, or with as=definition the applicable one.',
          ),
          ...problemResponses({ 400: "Unknown 'as' (TSR102).", 404: 'Unknown object (TSR110).' }),
        },
      },
    },
    '/api/v1/metadata/apply': {
      post: {
        operationId: 'applyMetadata',
        tags: ['Metadata'],
        summary: 'Apply metadata: migrate the tables and store a new revision',
        description: 'Runs every migration action in one transaction. An identical model changes nothing and keeps the revision.',
        requestBody: metadataBody,
        responses: {
          200: jsonResponse(schemaRef('ApplyResult'), 'Applied, or already identical (`changed: false`).'),
          ...problemResponses({ 400: 'The body is not JSON (TSR101).', 409: 'Another apply landed first (TSR213); read and retry.', ...invalidMetadata }),
        },
      },
    },
    '/api/v1/metadata/validate': {
      post: {
        operationId: 'validateMetadata',
        tags: ['Metadata'],
        summary: 'Validate metadata and plan its migration without applying it (dry run)',
        requestBody: metadataBody,
        responses: {
          200: jsonResponse(schemaRef('ValidateResult'), 'Valid; `actions` is what apply would run.'),
          ...problemResponses({ 400: 'The body is not JSON (TSR101).', ...invalidMetadata }),
        },
      },
    },
    '/api/v1/metadata/calendars/preview': {
      post: {
        operationId: 'previewCalendar',
        tags: ['Metadata'],
        summary: 'What add_business_hours answers on a draft calendar (administrators; nothing is saved)',
        description: 'Body: `{calendar, from, hours}`. Runs the SQL a formula compiles to, so the answer is what a formula would store.',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['calendar', 'from', 'hours'],
                properties: {
                  calendar: { type: 'object', description: 'A calendar as the metadata document holds it.' },
                  from: { type: 'string', description: 'An ISO instant (2026-09-30T09:00:00Z) or a date.' },
                  hours: { type: 'number', minimum: 0 },
                },
              },
            },
          },
        },
        responses: {
          200: jsonResponse(
            { type: 'object', properties: { due: { type: ['string', 'null'], format: 'date-time' } } },
            "The instant, or null beyond the operators' ten-year horizon.",
          ),
          ...problemResponses({ 400: 'A bad start or hour count (TSR240) or body (TSR101).', 422: 'The draft calendar is invalid (TSR237 at /calendar/…).' }),
        },
      },
    },
  };
}
