// Opaque keyset cursors: the sort signature plus the last row's sort-key values (as text, so
// numerics and instants round-trip exactly). A cursor from another sort is refused, not misread.
import { fail, ok, problem, type Result } from '@tessera/metadata';

export interface CursorPayload {
  sort: string;
  values: (string | null)[];
}

export function encodeCursor(payload: CursorPayload): string {
  return Buffer.from(JSON.stringify([payload.sort, payload.values]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, expectedSort: string, keyCount: number): Result<CursorPayload> {
  const invalid = (message: string) => fail<CursorPayload>([problem('cursor', 'TSR105', message)]);
  if (!/^[A-Za-z0-9_-]{1,4096}$/.test(cursor)) return invalid('cursor is not a value this API returned');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return invalid('cursor is not a value this API returned');
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || typeof parsed[0] !== 'string' || !Array.isArray(parsed[1])) {
    return invalid('cursor is not a value this API returned');
  }
  const [sort, values] = parsed as [string, unknown[]];
  if (sort !== expectedSort) return invalid(`cursor belongs to sort '${sort}', not '${expectedSort}'; start again without a cursor`);
  if (values.length !== keyCount || !values.every((value) => value === null || typeof value === 'string')) {
    return invalid('cursor is not a value this API returned');
  }
  return ok({ sort, values: values as (string | null)[] });
}
