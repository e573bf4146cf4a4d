// The one exception type of services and the HTTP edge alike. Pure stages return Result values;
// services and route handlers turn a failed Result into an ApiError, and app.onError renders it as problem+json.
import { ERROR_CODES, type ErrorCode, type ProblemDetail } from '@tessera/metadata';

export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly errors: ProblemDetail[] = [],
    status?: number,
  ) {
    super(detail);
    this.status = status ?? ERROR_CODES[code].status;
  }
}

/** Turns the errors of a failed pure stage into an ApiError under an umbrella code. */
export function errorsToApiError(code: ErrorCode, detail: string, errors: ProblemDetail[]): ApiError {
  // When every error shares one status (e.g. all 404), let it decide; else use the umbrella's.
  const statuses = new Set(errors.map((error) => ERROR_CODES[error.code].status));
  const only = statuses.size === 1 ? [...statuses][0] : undefined;
  const umbrella = ERROR_CODES[code].status;
  const status = only !== undefined && only !== umbrella && only >= 400 && only < 500 ? only : umbrella;
  return new ApiError(code, detail, errors, status);
}

export function unwrap<T>(result: { ok: true; value: T } | { ok: false; errors: ProblemDetail[] }, code: ErrorCode, detail: string): T {
  if (result.ok) return result.value;
  throw errorsToApiError(code, detail, result.errors);
}

/** An ApiError with RFC 9457 extension members rendered next to the standard ones. */
export class ApiErrorWithExtensions extends ApiError {
  constructor(
    code: ErrorCode,
    detail: string,
    errors: ProblemDetail[],
    readonly extensions: Record<string, unknown>,
    status?: number,
  ) {
    super(code, detail, errors, status);
  }
}
