// The surface suites' generators (surface-*.test.ts) cover the registries: a sample generator per
// field type, a formula shape per return type, a roll-up aggregate per function. The suites then
// put one specimen field per case on every surface, so a new type joins by itself.
import { describe, expect, it } from 'vitest';
import { missingFormulaShapes } from './computed-fields.ts';
import { missingGenerators } from './value-samples.ts';

describe('the surface generators', () => {
  it('cover every field type, formula return type and roll-up function of the registries', () => {
    expect([...missingGenerators(), ...missingFormulaShapes()]).toEqual([]);
  });
});
