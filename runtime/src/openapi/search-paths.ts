// Global search (runtime/src/search) and related lists (runtime/src/related): one search across
// the objects the caller may read, and each record's lists of the records that look it up.
import type { NormalisedObject } from '@tessera/metadata';
import type { PathItemObject, SchemaObject } from './openapi-types.ts';
import { schemaRef } from './openapi-types.ts';
import { jsonResponse, problemResponses } from './problems.ts';

export const SEARCH_TAG = { name: 'Search', description: 'Global search across objects, and the related lists of a record.' };

export const SEARCH_SCHEMAS: Record<'SearchResults' | 'RelatedLists', SchemaObject> = {
  SearchResults: {
    type: 'object',
    required: ['q', 'data'],
    properties: {
      q: { type: 'string', description: 'The search text, trimmed.' },
      data: {
        type: 'array',
        description: 'One group per object with a match; the group with the best match first.',
        items: {
          type: 'object',
          required: ['object', 'records', 'hasMore'],
          properties: {
            object: { type: 'string' },
            hasMore: { type: 'boolean', description: 'More records of this object match than `limit`.' },
            records: {
              type: 'array',
              items: {
                type: 'object',
                required: ['id', 'name', 'matchedField', 'matchedValue', 'rank'],
                properties: {
                  id: { type: 'string', format: 'uuid' },
                  name: { type: ['string', 'null'], description: 'The name field, null when the caller may not read it.' },
                  matchedField: { type: 'string', description: 'The field that matched best (the name field wins a tie).' },
                  matchedValue: { type: 'string', description: 'Its value, cut to 200 characters.' },
                  rank: { type: 'integer', enum: [0, 1, 2], description: '0 exact, 1 prefix, 2 substring (case-insensitive).' },
                },
              },
            },
          },
        },
      },
    },
  },
  RelatedLists: {
    type: 'object',
    required: ['data'],
    properties: {
      data: {
        type: 'array',
        items: {
          type: 'object',
          required: ['object', 'field', 'count', 'columns', 'records', 'pipeline'],
          properties: {
            object: { type: 'string', description: 'The child object.' },
            field: { type: 'string', description: 'Its lookup field pointing at this record.' },
            count: { type: 'integer', description: 'Child records the caller may read.' },
            columns: { type: 'array', items: { type: 'string' }, description: 'The fields each record carries: the name, then up to three short ones.' },
            records: { type: 'array', items: { type: 'object' }, description: 'The newest `limit` children, with `id` and `columns`.' },
            pipeline: { type: ['string', 'null'], description: 'The child’s first pipeline: stage totals come from its board with the lookup as filter.' },
          },
        },
      },
    },
  },
};

export function searchPaths(objects: readonly NormalisedObject[]): Record<string, PathItemObject> {
  if (objects.length === 0) return {};
  const tags = [SEARCH_TAG.name];
  const parents = objects.filter((parent) => objects.some((child) => child.fields.some((field) => field.type === 'lookup' && field.target === parent.apiName)));
  const inPath = (name: string, values?: string[]) => ({
    name,
    in: 'path' as const,
    required: true,
    schema: values ? { type: 'string' as const, enum: values } : { type: 'string' as const },
  });
  const query = (name: string, schema: SchemaObject, description: string, required = false) => ({ name, in: 'query' as const, required, schema, description });
  const paths: Record<string, PathItemObject> = {
    '/api/v1/search': {
      get: {
        operationId: 'search',
        tags,
        summary: 'Search every object I may read',
        description:
          'Case-insensitive substring match (Chinese too: 华为 finds 华为技术有限公司) over each object’s name field and its text, textarea, email, phone, url, autonumber and text formula fields that the caller may read; row security applies. Exact matches rank before prefixes, prefixes before other substrings.',
        parameters: [
          query('q', { type: 'string', minLength: 1, maxLength: 200 }, 'The text to find.', true),
          query('objects', { type: 'string' }, 'Comma-separated api names to search (default: every object I may read).'),
          query('limit', { type: 'integer', minimum: 1, maximum: 50, default: 5 }, 'Records per object.'),
        ],
        responses: {
          200: jsonResponse(schemaRef('SearchResults'), 'Matches grouped by object.'),
          ...problemResponses({ 400: 'Empty or too long `q`, an unknown object in `objects`, a bad `limit` (TSR102), each with its parameter as path.' }),
        },
      },
    },
  };
  if (parents.length === 0) return paths;
  const object = inPath(
    'object',
    parents.map((parent) => parent.apiName),
  );
  const id = { name: 'id', in: 'path' as const, required: true, schema: { type: 'string' as const, format: 'uuid' } };
  const notFound = 'No such object (TSR110) or no record I may read (TSR111).';
  paths['/api/v1/objects/{object}/records/{id}/related'] = {
    get: {
      operationId: 'listRelatedLists',
      tags,
      summary: 'A record’s related lists',
      description: 'Every lookup to this object on an object whose lookup field I may read, with the count of children I may read and the newest of them.',
      parameters: [object, id, query('limit', { type: 'integer', minimum: 1, maximum: 20, default: 5 }, 'Records per list.')],
      responses: { 200: jsonResponse(schemaRef('RelatedLists'), 'The related lists.'), ...problemResponses({ 400: 'Bad `limit` (TSR102).', 404: notFound }) },
    },
  };
  paths['/api/v1/objects/{object}/records/{id}/related/{childObject}/{lookupField}'] = {
    get: {
      operationId: 'listRelatedRecords',
      tags,
      summary: 'Page one related list',
      description:
        'The record list of `childObject` filtered by `lookupField` = this record: `limit`, `cursor`, `sort` (default `-created_at`), `fields`, `expand` as on the record list.',
      parameters: [
        object,
        id,
        inPath('childObject'),
        inPath('lookupField'),
        { $ref: '#/components/parameters/Limit' },
        { $ref: '#/components/parameters/Cursor' },
      ],
      responses: {
        200: jsonResponse(
          {
            type: 'object',
            required: ['data', 'nextCursor'],
            properties: { data: { type: 'array', items: { type: 'object' } }, nextCursor: { type: ['string', 'null'] } },
          },
          'A page of related records.',
        ),
        ...problemResponses({ 400: 'A bad list parameter, with its own code and path.', 404: `${notFound} No such related list (TSR107).` }),
      },
    },
  };
  return paths;
}
