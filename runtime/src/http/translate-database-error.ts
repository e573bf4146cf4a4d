// SQLSTATE → Tessera error. The one place that knows PostgreSQL's error codes; messages name
// metadata (object and field api names recovered from constraint names), never SQL internals.
import { ApiError } from './api-error.ts';

interface PgLikeError {
  code?: string;
  constraint?: string;
  detail?: string;
  table?: string;
  column?: string;
}

/** `fieldOf` maps a constraint or index name to the field api name it guards (from the catalog). */
export function translateDatabaseError(
  error: unknown,
  fieldOf: (constraint: string) => string | undefined = () => undefined,
): ApiError | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const pgError = error as PgLikeError;
  switch (pgError.code) {
    case '23505':
      return new ApiError('TSR410', 'A record with the same value already exists.', [
        { path: pointer(pgError.constraint, fieldOf), code: 'TSR410', message: 'value is not unique' },
      ]);
    case '23503':
      // Insert/update of a lookup to a missing record, or a hard delete blocked by references.
      if (pgError.detail?.includes('is still referenced')) {
        return new ApiError('TSR412', 'The record is still referenced by other records.');
      }
      return new ApiError('TSR411', 'A lookup points at a record that does not exist.', [
        { path: pointer(pgError.constraint, fieldOf), code: 'TSR411', message: 'referenced record does not exist' },
      ]);
    case '40001':
    case '40P01':
      return new ApiError('TSR902', 'The record was changed concurrently; retry the request.');
    case '57014':
      return new ApiError('TSR901', 'The query took too long and was cancelled.', [], 503);
    case 'ECONNREFUSED':
    case '57P01':
    case '57P03':
      return new ApiError('TSR901', 'The database is unavailable.');
    default:
      return undefined;
  }
}

function pointer(constraint: string | undefined, fieldOf: (constraint: string) => string | undefined): string {
  const field = constraint ? fieldOf(constraint) : undefined;
  return field ? `/${field}` : '';
}
