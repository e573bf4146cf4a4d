// The RFC 9457 error model as OpenAPI components: the Problem schema (codes from the one
// registry), shared headers, and one reusable response per error status.
import { ERROR_CODES, type ErrorCode } from '@tessera/metadata';
import type { HeaderObject, ReferenceObject, ResponseObject, SchemaObject } from './openapi-types.ts';
import { ref, schemaRef } from './openapi-types.ts';

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

const CODES = Object.keys(ERROR_CODES).sort() as ErrorCode[];

export const PROBLEM_SCHEMAS: Record<'Problem' | 'ProblemError', SchemaObject> = {
  Problem: {
    type: 'object',
    description: 'RFC 9457 problem details with a stable Tessera error code.',
    required: ['type', 'title', 'status', 'code'],
    properties: {
      type: { type: 'string', description: '`urn:tessera:problem:<code>`.', examples: ['urn:tessera:problem:TSR400'] },
      title: { type: 'string', description: 'Short, fixed summary of the code.' },
      status: { type: 'integer', minimum: 400, maximum: 599 },
      code: {
        type: 'string',
        enum: CODES,
        description: 'Stable error code: TSR1xx request, TSR2xx metadata, TSR3xx auth, TSR4xx record validation, TSR9xx internal.',
      },
      detail: { type: 'string' },
      instance: { type: 'string', description: 'Path of the request.' },
      requestId: { type: 'string', description: 'Also sent as `X-Request-Id`; quote it when reporting a problem.' },
      errors: { type: 'array', items: schemaRef('ProblemError'), description: 'Every offending place, not only the first.' },
    },
  },
  ProblemError: {
    type: 'object',
    required: ['path', 'code', 'message'],
    properties: {
      path: { type: 'string', description: 'JSON pointer into the request body (e.g. `/amount`), or a query parameter name.' },
      code: { type: 'string', enum: CODES },
      message: { type: 'string' },
      allowed: {
        type: 'array',
        items: { type: 'string' },
        description: "When a value was not one of a picklist's values (a write or a filter): the api names that are allowed there.",
      },
    },
  },
};

export const COMMON_HEADERS: Record<'X-Request-Id' | 'Server-Timing' | 'ETag' | 'Location', HeaderObject> = {
  'X-Request-Id': { description: 'Identifies the request in the server log.', schema: { type: 'string' } },
  'Server-Timing': {
    description: 'Time spent per stage: `parse;dur=…, plan;dur=…, db;dur=…, render;dur=…`.',
    schema: { type: 'string' },
  },
  ETag: { description: 'The record version in quotes (`"3"`); send it back as `If-Match`.', schema: { type: 'string' } },
  Location: { description: 'Path of the created record.', schema: { type: 'string' } },
};

/** Headers every response carries. */
export const traceHeaders = (): Record<string, ReferenceObject> => ({
  'X-Request-Id': ref('headers', 'X-Request-Id'),
  'Server-Timing': ref('headers', 'Server-Timing'),
});

/** A successful JSON response with the trace headers. */
export const jsonResponse = (schema: SchemaObject, description: string): ResponseObject => ({
  description,
  headers: traceHeaders(),
  content: { 'application/json': { schema } },
});

type ProblemStatus = 400 | 401 | 404 | 409 | 422;
const RESPONSE_NAMES: Record<ProblemStatus, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  404: 'NotFound',
  409: 'Conflict',
  422: 'UnprocessableContent',
};
const EXAMPLE_CODES: Record<ProblemStatus, ErrorCode> = { 400: 'TSR400', 401: 'TSR300', 404: 'TSR111', 409: 'TSR112', 422: 'TSR200' };

function problemResponse(description: string, exampleCode: ErrorCode): ResponseObject {
  const example = {
    type: `urn:tessera:problem:${exampleCode}`,
    title: ERROR_CODES[exampleCode].title,
    status: ERROR_CODES[exampleCode].status,
    code: exampleCode,
    detail: ERROR_CODES[exampleCode].title,
    instance: '/api/v1/…',
    requestId: '01J…',
    errors: [],
  };
  return { description, headers: traceHeaders(), content: { [PROBLEM_MEDIA_TYPE]: { schema: schemaRef('Problem'), example } } };
}

export const PROBLEM_RESPONSES: Record<string, ResponseObject> = {
  BadRequest: problemResponse('The request is invalid.', EXAMPLE_CODES[400]),
  Unauthorized: problemResponse('Missing (TSR300) or invalid (TSR301) bearer token.', EXAMPLE_CODES[401]),
  NotFound: problemResponse('Not found.', EXAMPLE_CODES[404]),
  Conflict: problemResponse('Conflicts with the current state.', EXAMPLE_CODES[409]),
  UnprocessableContent: problemResponse('The content is understood but invalid.', EXAMPLE_CODES[422]),
  Error: problemResponse('Any other error (413 TSR108, 415 TSR109, 500 TSR900, 503 TSR901, …).', 'TSR900'),
};

/** `'404': { $ref: '#/components/responses/NotFound', description: 'Record not found (TSR111).' }` */
export const problemRef = (status: ProblemStatus, description: string): ReferenceObject => ref('responses', RESPONSE_NAMES[status], description);

/** The error responses of an operation, plus 401 and a default. */
export function problemResponses(specific: Partial<Record<ProblemStatus, string>>, authenticated = true): Record<string, ReferenceObject> {
  const responses: Record<string, ReferenceObject> = {};
  for (const status of [400, 401, 404, 409, 422] as const) {
    const description = status === 401 && authenticated ? (specific[401] ?? 'Missing (TSR300) or invalid (TSR301) bearer token.') : specific[status];
    if (description !== undefined) responses[status] = problemRef(status, description);
  }
  responses.default = ref('responses', 'Error');
  return responses;
}
