// A file that names one external id twice is applied in file order, as a row-by-row import would:
// the later row updates (or, with duplicates=skip, skips) the record the earlier row wrote. A chunk
// is one set-based write that only sees records stored before it (and the bulk layer refuses a key
// named twice in one set), so a chunk is cut before each row whose key an earlier row of the same
// part holds, and the parts are written one after the other. Where the chunk boundaries fall then
// no longer changes what an import does (tests/property/import-pipelined.property.test.ts).
import type { CompiledObject } from '../catalog/catalog-types.ts';
import { externalIdValue } from '../records/upsert-match.ts';
import type { CoercedChunk } from './prepare-rows.ts';

/** A chunk to write and the external ids its rows name (none without a key field). */
export interface KeyedChunk {
  chunk: CoercedChunk;
  keys: ReadonlySet<string>;
}

export function splitAtRepeatedKeys(object: CompiledObject, chunk: CoercedChunk, field: string | undefined): KeyedChunk[] {
  if (!field) return [{ chunk, keys: new Set() }];
  const starts: number[] = [0];
  const partKeys: Set<string>[] = [new Set()];
  for (const [position, row] of chunk.rows.entries()) {
    const value = externalIdValue(object, field, row.record[field]);
    if (value === undefined) continue;
    const key = String(value);
    if (partKeys.at(-1)?.has(key)) {
      starts.push(position);
      partKeys.push(new Set());
    }
    partKeys.at(-1)?.add(key);
  }
  if (starts.length === 1) return [{ chunk, keys: partKeys[0] as Set<string> }];
  return starts.map((start, index) => {
    const end = starts[index + 1] ?? chunk.rows.length;
    const rows = chunk.rows.slice(start, end);
    const numbers = new Set(rows.map((row) => row.row));
    const part: CoercedChunk = {
      rows,
      errors: chunk.errors.filter((error) => numbers.has(error.row)),
      lookups: chunk.lookups
        .filter((lookup) => lookup.position >= start && lookup.position < end)
        .map((lookup) => ({ ...lookup, position: lookup.position - start })),
    };
    return { chunk: part, keys: partKeys[index] as Set<string> };
  });
}
