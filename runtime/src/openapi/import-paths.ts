// Import of CSV and XLSX files (issue #20): upload with options in the query, dry run, job status,
// errors CSV, undo, run again, history and saved mappings. The file is the request body or the
// `file` part of multipart/form-data (its own 100 MB limit).
import type { NormalisedObject } from '@tessera/metadata';
import type { PathItemObject, SchemaObject } from './openapi-types.ts';
import { schemaRef } from './openapi-types.ts';
import { jsonResponse, problemResponses } from './problems.ts';

export const IMPORT_TAG = { name: 'Import', description: 'CSV and XLSX import: column mapping, dry run, job with progress, undo.' };

const MAPPING: SchemaObject = { type: 'object', additionalProperties: { type: ['string', 'null'] }, description: '{"column header": "field api name" | null}' };

/** What an import's view and its history entry both say. */
const SUMMARY: Record<string, SchemaObject> = {
  id: { type: 'string', format: 'uuid' },
  object: { type: 'string' },
  fileName: { type: 'string' },
  status: { type: 'string', enum: ['queued', 'running', 'dry-run', 'done', 'failed', 'undone'] },
  dryRun: { type: 'boolean' },
  processed: { type: 'integer', description: 'Rows read so far (progress).' },
  total: { type: ['integer', 'null'] },
  counts: {
    type: ['object', 'null'],
    properties: { create: { type: 'integer' }, update: { type: 'integer' }, skip: { type: 'integer' }, error: { type: 'integer' } },
  },
  errorCount: { type: 'integer' },
  failure: { type: ['string', 'null'], description: 'Why a run stopped other than by its rows’ errors.' },
  createdAt: { type: 'string', format: 'date-time' },
  finishedAt: { type: ['string', 'null'], format: 'date-time' },
  undoneAt: { type: ['string', 'null'], format: 'date-time' },
  interrupted: { type: 'boolean', description: 'The run was stopped by a restart, or never started: nothing was written.' },
  canRerun: { type: 'boolean', description: 'POST …/rerun can run its kept file again.' },
};

export const IMPORT_SCHEMAS: Record<'Import' | 'ImportHistoryEntry' | 'ImportPreview', SchemaObject> = {
  Import: {
    type: 'object',
    required: ['id', 'object', 'status', 'dryRun', 'processed', 'counts', 'errorCount', 'errors'],
    properties: {
      ...SUMMARY,
      errors: {
        type: 'array',
        description: 'The first 100 errors; …/errors.csv has up to 10,000.',
        items: {
          type: 'object',
          properties: {
            row: { type: 'integer', description: 'The header is row 1.' },
            column: { type: 'string' },
            value: { type: 'string' },
            reason: { type: 'string' },
          },
        },
      },
      mapping: { ...MAPPING, type: ['object', 'null'] },
      options: { type: 'object' },
    },
  },
  ImportHistoryEntry: {
    type: 'object',
    required: ['id', 'object', 'fileName', 'status', 'createdAt', 'interrupted', 'canRerun', 'undo'],
    properties: {
      ...SUMMARY,
      createdBy: { type: ['object', 'null'], properties: { id: { type: 'string' }, name: { type: 'string' } } },
      undo: {
        type: 'object',
        properties: {
          available: { type: 'boolean' },
          blockedBy: { type: ['string', 'null'], enum: ['dry-run', 'not-finished', 'failed', 'undone', null] },
        },
      },
    },
  },
  ImportPreview: {
    type: 'object',
    required: ['columns', 'mapping', 'rows'],
    properties: {
      columns: { type: 'array', items: { type: 'string' } },
      mapping: MAPPING,
      rows: { type: 'array', items: { type: 'array', items: { type: 'string' } } },
    },
  },
};

const OPTION_FIELDS = [
  'dryRun',
  'mode',
  'duplicates',
  'matchField',
  'mapping',
  'savedMapping',
  'saveMapping',
  'dateOrder',
  'lang',
  'wait',
  'format',
  'fileName',
];

const FILE_BODY = {
  required: true,
  description:
    'The file itself (at most 100 MB) as the body, or multipart/form-data with one `file` part and the options (the query parameters) as text fields or one ' +
    '`options` field holding a JSON object; fields win over the query. Multipart refusals: no `file` part, two files or a file part of another name ' +
    '(400 TSR422, path /file or the part’s name), an `options` part that is not a JSON object (400 TSR422, /options), not CSV/XLSX (415 TSR152, /file), ' +
    'over 100 MB (413 TSR151, /file; refused as it arrives).',
  content: {
    'text/csv': { schema: { type: 'string' } },
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } },
    'multipart/form-data': {
      schema: {
        type: 'object',
        required: ['file'],
        properties: {
          file: {
            type: 'string',
            contentMediaType: 'application/octet-stream',
            description: 'The CSV or XLSX file (type from the part’s content type or its .csv/.xlsx name).',
          },
          options: { type: 'string', contentMediaType: 'application/json', description: 'A JSON object of options (`mapping` may be an object).' },
          ...Object.fromEntries(OPTION_FIELDS.map((name) => [name, { type: 'string', description: `As the ${name} query parameter.` }])),
        },
      },
    },
  },
} as const;

export function importPaths(objects: readonly NormalisedObject[]): Record<string, PathItemObject> {
  if (objects.length === 0) return {};
  const tags = [IMPORT_TAG.name];
  const object = {
    name: 'object',
    in: 'path' as const,
    required: true,
    schema: { type: 'string' as const, enum: objects.map((candidate) => candidate.apiName) },
  };
  const id = { name: 'id', in: 'path' as const, required: true, schema: { type: 'string' as const, format: 'uuid' } };
  const query = (name: string, description: string, schema: SchemaObject = { type: 'string' }) => ({
    name,
    in: 'query' as const,
    required: false,
    description,
    schema,
  });
  const importView = jsonResponse(schemaRef('Import'), 'The import: status, progress, counts and the first errors.');
  return {
    '/api/v1/imports': {
      get: {
        operationId: 'listImports',
        tags,
        summary: 'Import history: past imports of the objects you may see, newest first',
        parameters: [
          query('object', 'Only this object’s imports.', { type: 'string', enum: objects.map((candidate) => candidate.apiName) }),
          query('dryRuns', 'true: include dry runs.', { type: 'boolean' }),
          query('limit', 'At most this many (1-200, default 50).', { type: 'integer', minimum: 1, maximum: 200 }),
        ],
        responses: {
          200: jsonResponse({ type: 'object', properties: { data: { type: 'array', items: schemaRef('ImportHistoryEntry') } } }, 'The imports.'),
          ...problemResponses({ 400: 'Invalid limit, object or dryRuns (TSR150).' }),
        },
      },
    },
    '/api/v1/imports/{id}/rerun': {
      post: {
        operationId: 'rerunImport',
        tags,
        summary: 'Run an interrupted import again',
        description:
          'For an import that a restart interrupted, that never started, or that stopped for another reason than its rows: a new import of the kept file with the same ' +
          'options and mapping, checked against your rights now. 202 (or 200 with wait=true) like POST /imports/{object}.',
        parameters: [id, query('wait', 'true: answer when the run has finished (200) instead of 202.', { type: 'boolean' })],
        responses: {
          200: importView,
          202: { ...importView, description: 'The run started as a job: poll the Location.' },
          ...problemResponses({
            404: 'Unknown import (TSR156).',
            409: 'Cannot run again (TSR421): not a failed run, failed on its rows, or its file is no longer kept. A mapped field you may no longer edit is 403 TSR153 (default response).',
          }),
        },
      },
    },
    '/api/v1/imports/{object}': {
      post: {
        operationId: 'importFile',
        tags,
        summary: 'Import a CSV or XLSX file (dry run or run)',
        description:
          'Columns map to fields by api name or en/zh label unless `mapping` or `savedMapping` says otherwise. A dry run performs every write (rules, duplicate checks) in a transaction ' +
          'that is rolled back, so its counts are the run’s. The file is the body or a multipart `file` part. Errors are 403 TSR153 (a mapped field you may not edit), ' +
          '413 TSR151 (file too large), 415 TSR152 (not CSV/XLSX), 400 TSR422 (a multipart body without one `file` part).',
        parameters: [
          object,
          query('dryRun', 'true: report only, nothing written (200).', { type: 'boolean' }),
          query('mode', 'all-or-nothing (default: any bad row → nothing written) or skip-bad-rows.', {
            type: 'string',
            enum: ['all-or-nothing', 'skip-bad-rows'],
          }),
          query('duplicates', 'Rows matching an existing record: skip (default), update (upsert by matchField), create (even where a duplicate rule warns).', {
            type: 'string',
            enum: ['skip', 'update', 'create'],
          }),
          query('matchField', 'An external id or unique field rows are matched on (default for skip and update: the object’s external id).'),
          query('mapping', 'JSON {"column": "field" | null}.'),
          query('savedMapping', 'The name of a saved mapping to start from.'),
          query('saveMapping', 'Save the mapping used under this name.'),
          query('dateOrder', 'How 1/2/2026 is read: MDY (default) or DMY.', { type: 'string', enum: ['MDY', 'DMY'] }),
          query('lang', 'Language of the reasons: en or zh (default: Accept-Language).'),
          query('wait', 'true: answer when the run has finished (200) instead of 202.', { type: 'boolean' }),
          query('format', 'csv or xlsx when the content type does not say.', { type: 'string', enum: ['csv', 'xlsx'] }),
          query('fileName', 'The file’s name, shown in the import’s history.'),
        ],
        requestBody: FILE_BODY,
        responses: {
          200: importView,
          202: { ...importView, description: 'The run started as a job: poll the Location.' },
          ...problemResponses({
            400: 'Invalid option or mapping (TSR150) or multipart body (TSR422), each with its path.',
            404: 'Unknown object (TSR110).',
          }),
        },
      },
    },
    '/api/v1/imports/{object}/preview': {
      post: {
        operationId: 'previewImport',
        tags,
        summary: 'The file’s columns, the automatic mapping and the first rows',
        parameters: [object, query('format', 'csv or xlsx when the content type does not say.', { type: 'string', enum: ['csv', 'xlsx'] })],
        requestBody: FILE_BODY,
        responses: {
          200: jsonResponse(schemaRef('ImportPreview'), 'Columns, mapping and up to 5 rows.'),
          ...problemResponses({ 404: 'Unknown object (TSR110).' }),
        },
      },
    },
    '/api/v1/imports/{object}/mappings': {
      get: {
        operationId: 'listImportMappings',
        tags,
        summary: 'Saved column mappings of an object',
        parameters: [object],
        responses: {
          200: jsonResponse({ type: 'object', properties: { data: { type: 'array', items: { type: 'object' } } } }, 'The mappings.'),
          ...problemResponses({}),
        },
      },
    },
    '/api/v1/imports/{object}/mappings/{name}': {
      put: {
        operationId: 'saveImportMapping',
        tags,
        summary: 'Save a column mapping for reuse',
        parameters: [object, { name: 'name', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { type: 'object', required: ['mapping'], properties: { mapping: MAPPING } } } },
        },
        responses: { 200: jsonResponse({ type: 'object' }, 'Saved.'), ...problemResponses({ 400: 'Invalid mapping (TSR150).' }) },
      },
    },
    '/api/v1/imports/{id}': {
      get: {
        operationId: 'getImport',
        tags,
        summary: 'An import’s status and progress',
        parameters: [id],
        responses: { 200: importView, ...problemResponses({ 404: 'Unknown import (TSR156).' }) },
      },
    },
    '/api/v1/imports/{id}/errors.csv': {
      get: {
        operationId: 'getImportErrors',
        tags,
        summary: 'The import’s errors as CSV (row, column, value, reason)',
        parameters: [id, query('lang', 'Language of the header row.')],
        responses: {
          200: { description: 'UTF-8 CSV with a BOM.', content: { 'text/csv': { schema: { type: 'string' } } } },
          ...problemResponses({ 404: 'Unknown import (TSR156).' }),
        },
      },
    },
    '/api/v1/imports/{id}/undo': {
      post: {
        operationId: 'undoImport',
        tags,
        summary: 'Undo an import',
        description: 'In one transaction: created records deleted (recycle bin), updated ones restored to their previous values.',
        parameters: [id],
        responses: {
          200: jsonResponse(
            { type: 'object', properties: { deleted: { type: 'integer' }, restored: { type: 'integer' }, import: schemaRef('Import') } },
            'Undone.',
          ),
          ...problemResponses({
            404: 'Unknown import (TSR156).',
            409: 'Not undoable (TSR155): not a finished run, already undone, or records changed since — `errors` names each record.',
          }),
        },
      },
    },
  };
}
