// SQLSTATE → Tessera error. The one place that knows PostgreSQL's error codes; messages name
// metadata (object and field api names recovered from constraint names), never SQL internals.
import { ShareWaitTimeoutError } from '../db/connection-shares.ts';
import { ClientClosedError, currentRequestScope } from '../db/request-scope.ts';
import { ApiError } from './api-error.ts';

/** A 503 that tells the client when to retry (problem-response.ts writes Retry-After). */
class RetryableError extends ApiError {
  readonly retryAfter = 1;
}

interface PgLikeError {
  code?: string;
  constraint?: string;
  detail?: string;
  table?: string;
  column?: string;
}

/** `fieldOf` maps a constraint or index name to the field api name it guards (from the catalog). */
export function translateDatabaseError(error: unknown, fieldOf: (constraint: string) => string | undefined = () => undefined): ApiError | undefined {
  if (!error || typeof error !== 'object') return undefined;
  if (error instanceof ClientClosedError) return clientClosed();
  if (error instanceof ShareWaitTimeoutError) {
    return new RetryableError(
      'TSR904',
      `All database connections this tenant may hold are busy with its other requests (waited ${error.waitedMs} ms); retry shortly.`,
    );
  }
  const pgError = error as PgLikeError;
  switch (pgError.code) {
    case '23505':
      // The index behind blocking duplicate rules (rules/duplicate-keys.ts): e.g. restoring a record whose duplicate now exists.
      if (pgError.constraint === '_dup_keys_block') {
        return new ApiError('TSR510', 'A duplicate record exists; nothing was saved.', [
          { path: '', code: 'TSR510', message: 'a live record has the same values under a blocking duplicate rule' },
        ]);
      }
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
    case '22021':
    case '22P05':
      // Text with a NUL character (\u0000) is valid JSON but PostgreSQL text cannot hold it; that is
      // the client's input, so a 400 rather than a 500.
      return new ApiError('TSR100', 'Text values cannot contain the NUL character (\\u0000).');
    case '40001':
    case '40P01':
      return new ApiError('TSR902', 'The record was changed concurrently; retry the request.');
    case '55P03':
      return new ApiError('TSR901', 'A table lock could not be taken in time (other requests hold it); retry the change.', [], 503);
    case '57014': {
      // query_canceled: our cancel after the client left, or the request's statement_timeout.
      const scope = currentRequestScope();
      if (scope?.client.gone) return clientClosed();
      const limit = scope ? ` (${scope.statementTimeoutMs} ms for this kind of request)` : '';
      return new RetryableError('TSR903', `A database statement ran longer than allowed${limit} and was cancelled; narrow the filter or retry later.`);
    }
    case 'ECONNREFUSED':
    case '57P01':
    case '57P03':
    // The configured database no longer exists (dropped under a running server): an outage, not a bug.
    case '3D000':
      return unavailable();
    default:
      // Class 08, connection exceptions (e.g. 08006 connection_failure): the database went away.
      return pgError.code?.startsWith('08') ? unavailable() : undefined;
  }
}

const unavailable = () => new ApiError('TSR901', 'The database is unavailable.');
const clientClosed = () => new ApiError('TSR118', 'The client closed the connection before the answer was ready; the work was cancelled.');

function pointer(constraint: string | undefined, fieldOf: (constraint: string) => string | undefined): string {
  const field = constraint ? fieldOf(constraint) : undefined;
  return field ? `/${field}` : '';
}
