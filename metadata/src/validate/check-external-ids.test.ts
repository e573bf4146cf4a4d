// externalId: allowed on text-like, number and autonumber fields, implies unique, contradicts
// `unique: false`; adding it to a live field plans the unique index (the evolution assesses data).
import { describe, expect, it } from 'vitest';
import { diffSnapshots } from '../diff/diff-snapshots.ts';
import { EMPTY_SNAPSHOT, type MetadataSnapshot } from '../normalised-types.ts';
import { EXTERNAL_ID_TYPES } from '../schemas/field-schemas.ts';
import { FIELD_TYPES, type FieldDef, type ObjectDef } from '../types.ts';
import { minimalField } from '../testing/minimal-field.ts';
import { validateDocument } from './validate-document.ts';

const labels = { en: 'X', zh: 'X' };
/** The smallest valid field of each type (the registry's types, so a new type must be listed). */
const minimal = (type: (typeof FIELD_TYPES)[number]): FieldDef | undefined => minimalField(type, 'f', 'thing');
const thing = (field: FieldDef): ObjectDef => ({ apiName: 'thing', labels, fields: [{ apiName: 'name', type: 'text', labels }, field] });

describe('externalId field flag', () => {
  for (const type of FIELD_TYPES) {
    const field = minimal(type);
    if (!field) continue;
    it(`${type}: ${EXTERNAL_ID_TYPES.has(type) ? 'accepted and unique' : 'refused by the schema'}`, () => {
      const result = validateDocument(thing({ ...field, externalId: true } as FieldDef), EMPTY_SNAPSHOT);
      if (EXTERNAL_ID_TYPES.has(type)) {
        expect(result.ok, JSON.stringify(result)).toBe(true);
        if (result.ok) expect(result.value[0]?.fields[1]).toMatchObject({ externalId: true, unique: true });
      } else {
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.errors.map((error) => error.path)).toContain('/fields/1/externalId');
      }
    });
  }

  it('refuses externalId with unique: false, naming the path', () => {
    const result = validateDocument(thing({ apiName: 'code', type: 'text', labels, externalId: true, unique: false }), EMPTY_SNAPSHOT);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toEqual([expect.objectContaining({ path: '/fields/1/unique', code: 'TSR234' })]);
  });

  it('adding the flag to a live field plans a unique index, removing it drops the index', () => {
    const before = validateDocument(thing({ apiName: 'code', type: 'text', labels }), EMPTY_SNAPSHOT);
    if (!before.ok) throw new Error('fixture');
    const live: MetadataSnapshot = { objects: before.value };
    const after = validateDocument(thing({ apiName: 'code', type: 'text', labels, externalId: true }), live);
    if (!after.ok) throw new Error(JSON.stringify(after.errors));
    const added = diffSnapshots(live, after.value);
    expect(JSON.stringify(added)).toContain('add_unique');
    const removed = diffSnapshots({ objects: after.value }, before.value);
    expect(JSON.stringify(removed)).toContain('drop_unique');
  });
});
