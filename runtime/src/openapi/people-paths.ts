// GET /people (runtime/src/people): colleagues' names for owners, approvers and pickers, open to
// every signed-in user of the tenant; the full user records stay under /security (admins).
import type { PathItemObject, SchemaObject } from './openapi-types.ts';
import { schemaRef } from './openapi-types.ts';
import { jsonResponse, problemResponses } from './problems.ts';

export const PEOPLE_TAG = { name: 'People', description: 'Names of the tenant’s users, for showing owners and approvers and for picking a colleague.' };

export const PEOPLE_SCHEMAS: Record<'Person', SchemaObject> = {
  Person: {
    type: 'object',
    required: ['id', 'name', 'email', 'active'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      name: { type: 'string' },
      email: { type: 'string' },
      active: { type: 'boolean', description: 'False for a deactivated user (still named on old records).' },
    },
  },
};

export function peoplePaths(): Record<string, PathItemObject> {
  return {
    '/api/v1/people': {
      get: {
        operationId: 'listPeople',
        tags: [PEOPLE_TAG.name],
        summary: 'Names of users, by id or by a text',
        description:
          'Give either `ids` (up to 100 user ids: deactivated users are named too) or `q` (a case-insensitive substring of the name or email: ' +
          'active users only, exact matches first, at most `limit`). Unknown ids are left out of the answer.',
        parameters: [
          { name: 'ids', in: 'query', description: 'Comma-separated user ids.', schema: { type: 'string' } },
          { name: 'q', in: 'query', description: 'Text to find in names and emails (at most 100 characters).', schema: { type: 'string', maxLength: 100 } },
          {
            name: 'limit',
            in: 'query',
            description: 'With q: at most this many people (1–50, default 20).',
            schema: { type: 'integer', minimum: 1, maximum: 50 },
          },
        ],
        responses: {
          200: jsonResponse({ type: 'object', required: ['data'], properties: { data: { type: 'array', items: schemaRef('Person') } } }, 'The people found.'),
          ...problemResponses({ 400: 'Neither or both of ids and q, a bad id, an empty or too long q, a bad limit (TSR102), each naming its parameter.' }),
        },
      },
    },
  };
}
