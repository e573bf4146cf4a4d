// Opaque keyset cursors: the sort signature plus the last row's sort-key values (as text, so
// numerics and instants round-trip exactly). A cursor from another sort is refused, not misread.
// A long text value (a textarea holds 32,768 characters) would make the cursor too long for a
// request line (Node answers 431 past 16 KiB), so such a key travels as "read it from the row
// the cursor's id names": the next page compares with that row's current value.
import { fail, ok, problem, type Result } from '@tessera/metadata';

/** Sort values up to this many characters travel in the cursor itself. */
export const INLINE_VALUE_LIMIT = 256;

export interface CursorPayload {
  sort: string;
  values: (string | null)[];
  /** Indexes of the keys whose value is read from the row of the id key (their `values` entry is null). */
  fromRow: number[];
}

export function encodeCursor(payload: Omit<CursorPayload, 'fromRow'>): string {
  const fromRow = payload.values.flatMap((value, i) => (value !== null && value.length > INLINE_VALUE_LIMIT ? [i] : []));
  const values = payload.values.map((value, i) => (fromRow.includes(i) ? null : value));
  const parts = fromRow.length > 0 ? [payload.sort, values, fromRow] : [payload.sort, values];
  return Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
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
  if (!Array.isArray(parsed) || (parsed.length !== 2 && parsed.length !== 3) || typeof parsed[0] !== 'string' || !Array.isArray(parsed[1])) {
    return invalid('cursor is not a value this API returned');
  }
  const [sort, values, fromRow = []] = parsed as [string, unknown[], unknown];
  if (sort !== expectedSort) return invalid(`cursor belongs to sort '${sort}', not '${expectedSort}'; start again without a cursor`);
  if (values.length !== keyCount || !values.every((value) => value === null || typeof value === 'string')) {
    return invalid('cursor is not a value this API returned');
  }
  const rowKey = (i: unknown) => Number.isInteger(i) && (i as number) >= 0 && (i as number) < keyCount && values[i as number] === null;
  if (!Array.isArray(fromRow) || !fromRow.every(rowKey) || new Set(fromRow).size !== fromRow.length) {
    return invalid('cursor is not a value this API returned');
  }
  return ok({ sort, values: values as (string | null)[], fromRow: fromRow as number[] });
}
