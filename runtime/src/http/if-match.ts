import { ApiError } from '../core/api-error.ts';

/** `If-Match: "3"` (or W/"3", or 3) → 3; absent → undefined; anything else → 400. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match)
    throw new ApiError('TSR113', `If-Match must be a record version such as "3", not ${header.slice(0, 40)}.`, [
      { path: 'If-Match', code: 'TSR113', message: 'not a version' },
    ]);
  return Number(match[1]);
}
