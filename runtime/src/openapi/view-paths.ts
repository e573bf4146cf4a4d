// Saved list views (runtime/src/views): per object, personal or shared with roles, applied to the
// record list with `?view=`.
import type { PathItemObject, SchemaObject } from './openapi-types.ts';
import { schemaRef } from './openapi-types.ts';
import { jsonResponse, problemResponses } from './problems.ts';

export const VIEWS_TAG = { name: 'Views', description: 'Saved list views: filter, sort, columns and page size per object, personal or shared with roles.' };

const definition: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  description: 'What the list API takes; checked against the caller’s view of the object exactly as the list checks it.',
  properties: {
    filter: { description: 'A JsonLogic rule (as the `filter` parameter, but as JSON, not text).' },
    sort: { type: 'string', description: 'As the `sort` parameter, e.g. `-amount,name`.' },
    fields: { type: 'array', items: { type: 'string' } },
    pageSize: { type: 'integer', minimum: 1, maximum: 200 },
  },
};
const labels: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  properties: { en: { type: 'string', maxLength: 120 }, zh: { type: 'string', maxLength: 120 } },
};

export const VIEW_SCHEMAS: Record<'ListView' | 'ListViewInput', SchemaObject> = {
  ListView: {
    type: 'object',
    required: ['id', 'object', 'labels', 'shared', 'roleIds', 'definition', 'default', 'editable', 'version', 'createdAt', 'updatedAt'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      object: { type: 'string' },
      labels,
      shared: { type: 'boolean', description: 'Made by an administrator; shown to `roleIds` (everybody when empty).' },
      roleIds: { type: 'array', items: { type: 'string', format: 'uuid' } },
      definition,
      default: { type: 'boolean', description: 'One default per owner (or among shared views) and object.' },
      editable: { type: 'boolean', description: 'Whether the caller may change or delete it.' },
      version: { type: 'integer' },
      createdAt: { type: 'string', format: 'date-time' },
      updatedAt: { type: 'string', format: 'date-time' },
    },
  },
  ListViewInput: {
    type: 'object',
    additionalProperties: false,
    properties: {
      labels,
      definition,
      shared: { type: 'boolean' },
      roleIds: { type: 'array', items: { type: 'string', format: 'uuid' } },
      default: { type: 'boolean' },
      version: { type: 'integer' },
    },
  },
};

export function viewPaths(objectApiNames: readonly string[]): Record<string, PathItemObject> {
  if (objectApiNames.length === 0) return {};
  const tags = [VIEWS_TAG.name];
  const object = { name: 'object', in: 'path' as const, required: true, schema: { type: 'string' as const, enum: [...objectApiNames] } };
  const id = { name: 'id', in: 'path' as const, required: true, schema: { type: 'string' as const, format: 'uuid' } };
  const body = { required: true, content: { 'application/json': { schema: schemaRef('ListViewInput') } } };
  const invalid = { 400: 'An invalid view (TSR122) or definition (the list’s own codes), each problem with its path; nothing saved.' };
  return {
    '/api/v1/objects/{object}/views': {
      get: {
        operationId: 'listViews',
        tags,
        summary: 'List the views I may use',
        parameters: [object],
        responses: {
          200: jsonResponse(
            { type: 'object', required: ['data'], properties: { data: { type: 'array', items: schemaRef('ListView') } } },
            'My views, then shared ones.',
          ),
          ...problemResponses({}),
        },
      },
      post: {
        operationId: 'createView',
        tags,
        summary: 'Save a list view',
        description: 'Personal by default; `shared: true` (administrators only, else 403 TSR123) shows it to `roleIds`.',
        parameters: [object],
        requestBody: body,
        responses: {
          201: jsonResponse(schemaRef('ListView'), 'The saved view.'),
          ...problemResponses(invalid),
        },
      },
    },
    '/api/v1/objects/{object}/views/{id}': {
      get: {
        operationId: 'getView',
        tags,
        summary: 'Read a list view',
        parameters: [object, id],
        responses: { 200: jsonResponse(schemaRef('ListView'), 'The view.'), ...problemResponses({ 404: 'No such view for me (TSR121).' }) },
      },
      patch: {
        operationId: 'updateView',
        tags,
        summary: 'Change a list view',
        description:
          'The owner changes a personal view, an administrator a shared one (else 403 TSR123). `If-Match` or `version` guards against lost updates (409 TSR112).',
        parameters: [object, id],
        requestBody: body,
        responses: {
          200: jsonResponse(schemaRef('ListView'), 'The view as changed.'),
          ...problemResponses({ ...invalid, 404: 'No such view (TSR121).', 409: 'Stale version (TSR112).' }),
        },
      },
      delete: {
        operationId: 'deleteView',
        tags,
        summary: 'Delete a list view',
        parameters: [object, id],
        responses: { 204: { description: 'Deleted.' }, ...problemResponses({ 404: 'No such view (TSR121).' }) },
      },
    },
  };
}
