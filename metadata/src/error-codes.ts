// The one registry of Tessera's stable error codes. Groups: TSR1xx request, TSR2xx metadata,
// TSR3xx auth and tenants, TSR4xx record validation, TSR5xx rules/pipelines/approvals,
// TSR6xx packages, TSR9xx database and internal. A retired code is never reused: mark it
// retired in its title instead of deleting the line.

export const ERROR_CODES = {
  // TSR1xx: the request itself
  TSR100: { status: 400, title: 'Bad request' },
  TSR101: { status: 400, title: 'Body is not valid JSON' },
  TSR102: { status: 400, title: 'Invalid query parameter' },
  TSR103: { status: 400, title: 'Invalid filter' },
  TSR104: { status: 400, title: 'Invalid sort' },
  TSR105: { status: 400, title: 'Invalid cursor' },
  TSR106: { status: 400, title: 'Unknown field in projection or expand' },
  TSR107: { status: 404, title: 'Route not found' },
  TSR108: { status: 413, title: 'Request body too large' },
  TSR109: { status: 415, title: 'Unsupported media type' },
  TSR110: { status: 404, title: 'Object not found' },
  TSR111: { status: 404, title: 'Record not found' },
  TSR112: { status: 409, title: 'Version conflict' },
  TSR113: { status: 400, title: 'Invalid If-Match header' },
  TSR114: { status: 400, title: 'Invalid record id' },
  TSR115: { status: 400, title: 'Filter operand type mismatch' },
  TSR116: { status: 400, title: 'Unsupported filter operator' },

  // TSR2xx: metadata
  TSR200: { status: 422, title: 'Invalid metadata' },
  TSR201: { status: 422, title: 'Metadata does not match the metamodel schema' },
  TSR202: { status: 422, title: 'Duplicate api name' },
  TSR203: { status: 422, title: 'Reserved api name' },
  TSR204: { status: 422, title: 'Unknown lookup target' },
  TSR205: { status: 422, title: 'Invalid picklist default' },
  TSR206: { status: 422, title: 'Invalid default value' },
  TSR207: { status: 422, title: 'Invalid autonumber format' },
  TSR208: { status: 422, title: 'Unknown field in index' },
  TSR209: { status: 422, title: 'Change not supported yet' },
  TSR210: { status: 422, title: 'Inconsistent field limits' },
  TSR211: { status: 422, title: 'Unknown name field' },
  TSR212: { status: 422, title: 'Invalid lookup delete behaviour' },
  TSR213: { status: 409, title: 'Metadata changed concurrently' },
  TSR214: { status: 422, title: 'Duplicate picklist value' },
  TSR215: { status: 422, title: 'Duplicate index' },
  TSR216: { status: 422, title: 'Storage name collision' },

  // TSR3xx: authentication, tenants, permissions
  TSR300: { status: 401, title: 'Missing credentials' },
  TSR301: { status: 401, title: 'Invalid credentials' },
  TSR302: { status: 403, title: 'Forbidden' },
  TSR303: { status: 409, title: 'Tenant already exists' },
  TSR304: { status: 422, title: 'Invalid tenant slug' },
  TSR305: { status: 404, title: 'Tenant not found' },

  // TSR4xx: record validation
  TSR400: { status: 400, title: 'Record is invalid' },
  TSR401: { status: 400, title: 'Wrong value type' },
  TSR402: { status: 400, title: 'Required field is missing' },
  TSR403: { status: 400, title: 'Text length out of range' },
  TSR404: { status: 400, title: 'Number out of range' },
  TSR405: { status: 400, title: 'Not a picklist value' },
  TSR406: { status: 400, title: 'Inactive picklist value' },
  TSR407: { status: 400, title: 'Invalid format' },
  TSR408: { status: 400, title: 'Unknown field' },
  TSR409: { status: 400, title: 'Read-only field' },
  TSR410: { status: 409, title: 'Value is not unique' },
  TSR411: { status: 400, title: 'Referenced record does not exist' },
  TSR412: { status: 409, title: 'Record is still referenced' },
  TSR413: { status: 400, title: 'Too many digits' },

  // TSR9xx: database and internal
  TSR900: { status: 500, title: 'Internal error' },
  TSR901: { status: 503, title: 'Database unavailable' },
  TSR902: { status: 409, title: 'Concurrent update, retry' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** One offending place: a JSON pointer into the input (or a query parameter name), a code, a message. */
export interface ProblemDetail {
  path: string;
  code: ErrorCode;
  message: string;
}

/** Pure stages return every error at once instead of throwing. */
export type Result<T> = { ok: true; value: T } | { ok: false; errors: ProblemDetail[] };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(errors: ProblemDetail[]): Result<T> => ({ ok: false, errors });
export const problem = (path: string, code: ErrorCode, message: string): ProblemDetail => ({
  path,
  code,
  message,
});
