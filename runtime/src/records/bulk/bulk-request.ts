// POST /objects/:object/records/bulk body → a checked bulk request: the operation, the records
// (at most BULK_LIMIT; more is 413 TSR140 naming the limit), the mode and, for upsert, the
// external id field (the object's only one when not named). Pure: no database.
import type { ProblemDetail } from '@tessera/metadata';
import type { CompiledObject } from '../../catalog/catalog-types.ts';
import { ApiError, errorsToApiError } from '../../core/api-error.ts';
import { externalIdFields } from './external-refs.ts';

/** Records per bulk request: large enough for an import batch, small enough for one transaction. */
export const BULK_LIMIT = 2000;
export const BULK_OPERATIONS = ['create', 'update', 'upsert', 'delete'] as const;
export type BulkOperation = (typeof BULK_OPERATIONS)[number];
export type BulkMode = 'all-or-nothing' | 'partial';

export interface BulkRequest {
  operation: BulkOperation;
  mode: BulkMode;
  records: readonly unknown[];
  /** Upsert: the external id field records are matched on. */
  externalIdField?: string;
}

const KEYS = new Set(['operation', 'mode', 'records', 'externalIdField']);

export function parseBulkRequest(object: CompiledObject, body: unknown): BulkRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiError('TSR100', 'Send {"operation": "create|update|upsert|delete", "records": [...]}.', [
      { path: '', code: 'TSR100', message: 'must be an object' },
    ]);
  }
  const input = body as Record<string, unknown>;
  const errors: ProblemDetail[] = [];
  for (const key of Object.keys(input)) if (!KEYS.has(key)) errors.push({ path: `/${key}`, code: 'TSR100', message: 'unknown property' });
  const operation = input.operation as BulkOperation;
  if (!BULK_OPERATIONS.includes(operation)) errors.push({ path: '/operation', code: 'TSR100', message: `must be one of ${BULK_OPERATIONS.join(', ')}` });
  const mode = (input.mode ?? 'all-or-nothing') as BulkMode;
  if (mode !== 'all-or-nothing' && mode !== 'partial') errors.push({ path: '/mode', code: 'TSR100', message: 'must be all-or-nothing or partial' });
  const records = input.records;
  if (!Array.isArray(records) || records.length === 0) errors.push({ path: '/records', code: 'TSR100', message: 'must be a non-empty array' });
  else if (records.length > BULK_LIMIT) {
    throw new ApiError('TSR140', `A bulk request takes at most ${BULK_LIMIT} records; this one has ${records.length}. Split it into several requests.`, [
      { path: '/records', code: 'TSR140', message: `at most ${BULK_LIMIT} records` },
    ]);
  }
  let externalIdField: string | undefined;
  if (operation === 'upsert') {
    const candidates = externalIdFields(object);
    const named = input.externalIdField;
    if (named !== undefined && (typeof named !== 'string' || !candidates.includes(named))) {
      errors.push({
        path: '/externalIdField',
        code: 'TSR143',
        message: `not an external id field of ${object.apiName} (external ids: ${candidates.join(', ') || 'none'})`,
      });
    } else if (named === undefined && candidates.length !== 1) {
      errors.push({
        path: '/externalIdField',
        code: 'TSR143',
        message: candidates.length === 0 ? `${object.apiName} has no external id field to upsert by` : `name one of ${candidates.join(', ')}`,
      });
    } else externalIdField = (named as string | undefined) ?? candidates[0];
  } else if (input.externalIdField !== undefined) errors.push({ path: '/externalIdField', code: 'TSR100', message: 'only for upsert' });
  if (errors.length > 0) throw errorsToApiError('TSR100', 'The bulk request is invalid; nothing was saved.', errors);
  return { operation, mode, records: records as unknown[], ...(externalIdField === undefined ? {} : { externalIdField }) };
}
