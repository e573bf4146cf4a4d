// Optimistic checks for permission sets and roles: the row's version is its ETag; a change sent
// with `If-Match` applies only to the version the admin read (else 412 TSR314, nothing changed).
// Checked inside the security change's transaction, after the tenant's security lock.
import type { Context } from 'hono';
import { ApiError } from '../core/api-error.ts';
import { parseIfMatch } from '../http/if-match.ts';

export const etag = (version: number): string => `"${version}"`;

/** The version `If-Match` names, or undefined without the header (400 TSR113 when malformed). */
export function expectedVersion(c: Context): number | undefined {
  return parseIfMatch(c.req.header('if-match'));
}

export function assertVersion(what: string, current: number, expected: number | undefined): void {
  if (expected === undefined || expected === current) return;
  throw new ApiError('TSR314', `${what} is at version ${current}, not ${expected}: someone changed it since you read it; reload and apply your change again.`, [
    { path: 'If-Match', code: 'TSR314', message: `current version is ${current}` },
  ]);
}
