// An import chunk's creates go in as one insert when every row writes the same columns, each with an
// array type; rows of different shapes are a VALUES list, cut into slices under PostgreSQL's
// 65,535 bound parameters.
import { describe, expect, it } from 'vitest';
import type { CompiledObject } from '../catalog/catalog-types.ts';
import type { BulkItem } from '../records/bulk/bulk-items.ts';
import { insertSlices } from './write-chunk.ts';

// Only standard columns: unnestType knows their types without a field.
const object = { columns: new Map() } as unknown as CompiledObject;
const item = (index: number, values: Record<string, unknown>): BulkItem => ({ index, kind: 'create', item: { values } });

describe('insertSlices', () => {
  it('keeps 5,000 rows of one shape as one insert', () => {
    const group = Array.from({ length: 5000 }, (_, index) => item(index, { owner_id: 'u', created_by: 'u' }));
    expect(insertSlices(object, 'create', group).map((slice) => slice.length)).toEqual([5000]);
  });

  it('cuts rows of different shapes into slices whose parameters stay under 65,535', () => {
    const group = Array.from({ length: 5000 }, (_, index) => item(index, index % 2 === 0 ? { owner_id: 'u', created_by: 'u' } : { owner_id: 'u' }));
    const slices = insertSlices(object, 'create', group);
    expect(slices.length).toBeGreaterThan(1);
    expect(slices.flat().map((member) => member.index)).toEqual(group.map((member) => member.index));
    for (const slice of slices) expect(slice.length * (2 + 12)).toBeLessThan(65_535);
  });

  it('takes the same columns in any order as one shape, and as many columns of other names as another', () => {
    const reordered = Array.from({ length: 5000 }, (_, index) =>
      item(index, index % 2 ? { owner_id: 'u', created_by: 'u' } : { created_by: 'u', owner_id: 'u' }),
    );
    expect(insertSlices(object, 'create', reordered)).toHaveLength(1);
    const renamed = Array.from({ length: 5000 }, (_, index) =>
      item(index, index === 4999 ? { owner_id: 'u', updated_by: 'u' } : { owner_id: 'u', created_by: 'u' }),
    );
    expect(insertSlices(object, 'create', renamed).length).toBeGreaterThan(1);
  });

  it('cuts rows with a column that has no array type', () => {
    const group = Array.from({ length: 5000 }, (_, index) => item(index, { owner_id: 'u', mystery: 1 }));
    expect(insertSlices(object, 'create', group).length).toBeGreaterThan(1);
  });

  it('leaves updates whole (each is its own statement)', () => {
    const group = Array.from({ length: 3000 }, (_, index) => ({ ...item(index, index % 2 ? { a: 1 } : {}), kind: 'patch' as const }));
    expect(insertSlices(object, 'patch', group)).toHaveLength(1);
  });
});
