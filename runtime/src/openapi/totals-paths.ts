// GET /objects/{object}/totals (runtime/src/totals): a list's count and sums, under the Views tag
// beside the saved views whose filters it totals.
import type { PathItemObject } from './openapi-types.ts';
import { jsonResponse, problemResponses } from './problems.ts';
import { VIEWS_TAG } from './view-paths.ts';

export function totalsPaths(objectApiNames: readonly string[]): Record<string, PathItemObject> {
  if (objectApiNames.length === 0) return {};
  const query = (name: string, description: string, format?: string) => ({
    name,
    in: 'query' as const,
    description,
    schema: { type: 'string' as const, ...(format ? { format } : {}) },
  });
  return {
    '/api/v1/objects/{object}/totals': {
      get: {
        operationId: 'listTotals',
        tags: [VIEWS_TAG.name],
        summary: 'Count and sum the records a list would return',
        description:
          'Takes the list’s `filter`, `view` and `deleted` (other list parameters are ignored) and applies the caller’s row access, ' +
          'so the totals cover exactly the rows the list pages through. `sum` names number, currency or percent fields the caller may read; ' +
          'a hidden or unknown field is refused with TSR106, another type with TSR102.',
        parameters: [
          { name: 'object', in: 'path', required: true, schema: { type: 'string', enum: [...objectApiNames] } },
          query('filter', 'A JsonLogic rule, as on the list.'),
          query('view', 'A saved list view whose filter applies (404 TSR121 when not visible).', 'uuid'),
          { name: 'deleted', in: 'query', schema: { type: 'string', enum: ['exclude', 'only', 'include'] } },
          query('sum', 'Comma-separated numeric fields to sum (at most 10), e.g. `amount`.'),
        ],
        responses: {
          200: jsonResponse(
            {
              type: 'object',
              required: ['count', 'sums'],
              properties: {
                count: { type: 'integer', minimum: 0 },
                sums: { type: 'object', additionalProperties: { type: ['number', 'null'] }, description: 'Per summed field; null when no row has a value.' },
              },
            },
            'The totals.',
          ),
          ...problemResponses({
            400: 'A bad filter (the list’s codes) or `sum` (TSR102/TSR106), each problem with its path.',
            404: 'Unknown object or view (TSR110, TSR121).',
          }),
        },
      },
    },
  };
}
