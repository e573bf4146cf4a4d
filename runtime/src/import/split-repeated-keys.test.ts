// A chunk is cut before each row whose external id an earlier row of its part holds; cell errors and
// pending lookups go with their rows (lookup positions counted from the part's first row).
import { describe, expect, it } from 'vitest';
import type { CompiledObject } from '../catalog/catalog-types.ts';
import type { CoercedChunk, Column } from './prepare-rows.ts';
import { splitAtRepeatedKeys } from './split-repeated-keys.ts';

const object = { columns: new Map([['code', { field: { type: 'text' } }]]) } as unknown as CompiledObject;
const column = { index: 2, header: 'Company', field: { apiName: 'company' } } as unknown as Column;
const chunk = (codes: Array<string | undefined>): CoercedChunk => ({
  rows: codes.map((code, position) => ({ row: position + 2, record: code === undefined ? {} : { code }, cells: [], bad: code === undefined })),
  errors: codes.flatMap((code, position) => (code === undefined ? [{ row: position + 2, column: 'Code', value: '', reason: 'bad' }] : [])),
  lookups: codes.map((_, position) => ({ position, column, text: `company ${position}` })),
});

describe('splitAtRepeatedKeys', () => {
  it('leaves a chunk whole when no key repeats, or without a key field', () => {
    const whole = chunk(['A', 'B', undefined, 'C']);
    expect(splitAtRepeatedKeys(object, whole, 'code')).toEqual([{ chunk: whole, keys: new Set(['A', 'B', 'C']) }]);
    expect(splitAtRepeatedKeys(object, chunk(['A', 'A']), undefined)).toEqual([{ chunk: chunk(['A', 'A']), keys: new Set() }]);
  });

  it('cuts before each repeat, in file order, with its rows, errors and lookups', () => {
    const keyed = splitAtRepeatedKeys(object, chunk(['A', 'B', undefined, 'A', 'C', 'B', 'A']), 'code');
    expect(keyed.map((part) => [...part.keys])).toEqual([['A', 'B'], ['A', 'C', 'B'], ['A']]);
    const parts = keyed.map((part) => part.chunk);
    expect(parts.map((part) => part.rows.map((row) => row.record.code ?? '-'))).toEqual([['A', 'B', '-'], ['A', 'C', 'B'], ['A']]);
    expect(parts.map((part) => part.errors.map((error) => error.row))).toEqual([[4], [], []]);
    expect(parts[1]?.lookups.map((lookup) => [lookup.position, lookup.text])).toEqual([
      [0, 'company 3'],
      [1, 'company 4'],
      [2, 'company 5'],
    ]);
    expect(parts.flatMap((part) => part.rows.map((row) => row.row))).toEqual([2, 3, 4, 5, 6, 7, 8]);
  });
});
