// Bulk writes, upsert by external id and export (issue #20): per object, with the object as a path
// parameter (its enum: the objects of the document). Upsert by external id is listed for objects
// with an `externalId` field only.
import type { NormalisedObject } from '@tessera/metadata';
import type { PathItemObject, SchemaObject } from './openapi-types.ts';
import { schemaRef } from './openapi-types.ts';
import { jsonResponse, problemResponses } from './problems.ts';

export const BULK_TAG = { name: 'Data in and out', description: 'Bulk writes (≤ 2000 records per request), upsert by external id, CSV/XLSX export.' };

const STATUS = { type: 'string', enum: ['created', 'updated', 'deleted', 'failed'] } as const;

const BULK_ONLY_SCHEMAS: Record<'BulkRequest' | 'BulkResult', SchemaObject> = {
  BulkRequest: {
    type: 'object',
    additionalProperties: false,
    required: ['operation', 'records'],
    properties: {
      operation: { type: 'string', enum: ['create', 'update', 'upsert', 'delete'] },
      mode: {
        type: 'string',
        enum: ['all-or-nothing', 'partial'],
        default: 'all-or-nothing',
        description: 'all-or-nothing: one failing record refuses the request (422 TSR141, nothing written). partial: the good records land.',
      },
      externalIdField: { type: 'string', description: 'upsert: the external id field records are matched on (default: the object’s only one).' },
      records: {
        type: 'array',
        minItems: 1,
        maxItems: 2000,
        items: { type: 'object' },
        description:
          'create: record bodies as for a single create; update: bodies with `id` (and optionally `version`); upsert: bodies with the external id; delete: `{"id": …}`. ' +
          'A lookup may be given by its target’s external id: `{"account": {"code": "A-1"}}`.',
      },
    },
  },
  BulkResult: {
    type: 'object',
    required: ['results', 'counts'],
    properties: {
      results: {
        type: 'array',
        items: {
          type: 'object',
          required: ['index', 'id', 'status', 'errors'],
          properties: {
            index: { type: 'integer' },
            id: { type: ['string', 'null'], format: 'uuid' },
            status: STATUS,
            errors: { type: 'array', items: schemaRef('ProblemError'), description: 'Paths start with `/records/<index>`.' },
          },
        },
      },
      counts: {
        type: 'object',
        required: ['created', 'updated', 'deleted', 'failed'],
        properties: { created: { type: 'integer' }, updated: { type: 'integer' }, deleted: { type: 'integer' }, failed: { type: 'integer' } },
      },
    },
  },
};

const MASS_SCHEMAS: Record<'MassRequest' | 'MassResult', SchemaObject> = {
  MassRequest: {
    type: 'object',
    additionalProperties: false,
    required: ['action'],
    description: 'Choose the records by `ids` or by `filter` (not both).',
    properties: {
      action: { type: 'string', enum: ['update', 'transfer', 'delete'] },
      ids: { type: 'array', minItems: 1, maxItems: 2000, items: { type: 'string', format: 'uuid' } },
      filter: {
        description: 'A JsonLogic rule as for the list: every record the caller can see that matches (at most 2000, else 413 TSR140).',
        oneOf: [{ type: 'object' }, { type: 'string' }],
      },
      values: { type: 'object', description: 'update: the field values every chosen record gets.' },
      owner: {
        description: 'transfer: the new owner, as a user id, `{"email": …}` or `{"name": …}`.',
        oneOf: [{ type: 'string', format: 'uuid' }, { type: 'object' }],
      },
      related: {
        type: 'array',
        description:
          'transfer: child objects whose records follow, each by its lookup to this object. A child record follows when the chosen record’s previous owner also owns it.',
        items: {
          type: 'object',
          required: ['object', 'field'],
          additionalProperties: false,
          properties: { object: { type: 'string' }, field: { type: 'string' } },
        },
      },
      mode: { type: 'string', enum: ['all-or-nothing', 'partial'], default: 'all-or-nothing' },
    },
  },
  MassResult: {
    allOf: [
      schemaRef('BulkResult'),
      {
        type: 'object',
        required: ['action', 'related'],
        properties: {
          action: { type: 'string', enum: ['update', 'transfer', 'delete'] },
          related: {
            type: 'array',
            items: { allOf: [schemaRef('BulkResult'), { type: 'object', properties: { object: { type: 'string' }, field: { type: 'string' } } }] },
          },
        },
      },
    ],
  },
};

export const BULK_SCHEMAS: Record<'BulkRequest' | 'BulkResult' | 'MassRequest' | 'MassResult', SchemaObject> = { ...BULK_ONLY_SCHEMAS, ...MASS_SCHEMAS };

const hasExternalId = (object: NormalisedObject) => object.fields.some((field) => 'externalId' in field && field.externalId === true);

export function bulkPaths(objects: readonly NormalisedObject[]): Record<string, PathItemObject> {
  if (objects.length === 0) return {};
  const tags = [BULK_TAG.name];
  const objectParameter = (names: string[]) => ({ name: 'object', in: 'path' as const, required: true, schema: { type: 'string' as const, enum: names } });
  const all = objects.map((object) => object.apiName);
  const keyed = objects.filter(hasExternalId);
  const query = (name: string, description: string, schema: SchemaObject = { type: 'string' }) => ({
    name,
    in: 'query' as const,
    required: false,
    description,
    schema,
  });
  const paths: Record<string, PathItemObject> = {
    '/api/v1/objects/{object}/records/bulk': {
      post: {
        operationId: 'bulkWriteRecords',
        tags,
        summary: 'Create, update, upsert or delete up to 2000 records',
        description:
          'Runs the same validation, rules, duplicate checks, history, roll-ups and security as single writes, set-based (multi-row statements) in one transaction. ' +
          'Send `X-Confirm-Duplicates: true` to save records that only match warning duplicate rules.',
        parameters: [objectParameter(all)],
        requestBody: { required: true, content: { 'application/json': { schema: schemaRef('BulkRequest') } } },
        responses: {
          200: jsonResponse(schemaRef('BulkResult'), 'Per-record results (in partial mode some may have failed).'),
          ...problemResponses({
            400: 'An invalid request body (TSR100), each problem with its path.',
            404: 'Unknown object (TSR110).',
            422: 'all-or-nothing: some records failed (TSR141); `errors` names each with its `/records/<index>/…` path and `failed` lists the indexes. Nothing was written.',
          }),
        },
      },
    },
    '/api/v1/objects/{object}/records/mass': {
      post: {
        operationId: 'massActionRecords',
        tags,
        summary: 'Mass update, transfer or delete the records chosen by ids or a filter',
        description:
          'Each chosen record goes through the write pipeline (validation, rules, history, roll-ups, row and field security) in one transaction, as a bulk write; ' +
          'a transfer also moves the related records the previous owner owned. One audit entry (`records.mass_<action>`) records the action. ' +
          'More than 2000 chosen records answer 413 TSR140.',
        parameters: [objectParameter(all)],
        requestBody: { required: true, content: { 'application/json': { schema: schemaRef('MassRequest') } } },
        responses: {
          200: jsonResponse(schemaRef('MassResult'), 'Per-record results (in partial mode some may have failed); `related` for a transfer.'),
          ...problemResponses({
            400: 'An invalid request (TSR100) or filter (the list’s codes), each problem with its path.',
            404: 'Unknown object (TSR110).',
            422: 'all-or-nothing: some records failed (TSR141), each named by its `/records/<index>/…` path (`/related/<n>/records/…` for a transfer’s related records); or the filter chose no record (TSR145). Nothing was changed.',
          }),
        },
      },
    },
    '/api/v1/objects/{object}/export': {
      get: {
        operationId: 'exportRecords',
        tags,
        summary: 'Export the list as CSV or XLSX',
        description:
          'Streams every record the list would return (filter, sort, fields, saved view; the caller’s row and field security). CSV is UTF-8 with a BOM and CRLF line ends. ' +
          'Headers and picklist values are labels in `lang`, lookups are the target’s name, booleans 是/否 or Yes/No.',
        parameters: [
          objectParameter(all),
          query('format', 'csv (default) or xlsx.', { type: 'string', enum: ['csv', 'xlsx'] }),
          query('lang', 'Language of headers and labels.', { type: 'string', enum: ['en', 'zh-CN'] }),
          query('fields', 'Comma-separated field api names (default: id and every readable field).'),
          query('filter', 'A JsonLogic rule, as for the list.'),
          query('sort', 'As for the list, e.g. `-amount,name`.'),
          query('view', 'A saved list view id: its filter, sort and fields under the request’s own.'),
        ],
        responses: {
          200: {
            description: 'The file (Content-Disposition: attachment).',
            content: {
              'text/csv': { schema: { type: 'string' } },
              'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } },
            },
          },
          ...problemResponses({
            400: 'Invalid parameter (TSR144), filter, sort or fields (the list’s codes), each with its parameter as path.',
            404: 'Unknown object (TSR110) or view (TSR121).',
          }),
        },
      },
    },
  };
  if (keyed.length > 0) {
    paths['/api/v1/objects/{object}/records/by/{field}/{value}'] = {
      put: {
        operationId: 'upsertRecordByExternalId',
        tags,
        summary: 'Create or update one record by an external id',
        description: 'Updates the live record whose external id field `field` equals `value` (200), or creates one with that value (201).',
        parameters: [
          objectParameter(keyed.map((object) => object.apiName)),
          { name: 'field', in: 'path', required: true, schema: { type: 'string' }, description: 'A field with `externalId: true`.' },
          { name: 'value', in: 'path', required: true, schema: { type: 'string' } },
        ],
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } },
        responses: {
          200: jsonResponse({ type: 'object' }, 'The updated record.'),
          201: jsonResponse({ type: 'object' }, 'The created record.'),
          ...problemResponses({
            400: 'Not an external id field (TSR143), a bad value, or a body whose key differs from the path (TSR100).',
            404: 'Unknown object (TSR110), or the matching record is not visible (TSR111).',
            409: 'Stale If-Match version (TSR112) or a duplicate (TSR510).',
            422: 'The record is invalid (TSR4xx, TSR500).',
          }),
        },
      },
    };
  }
  return paths;
}
