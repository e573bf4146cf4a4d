// timelineAt over every field type of the registry: date and datetime place an activity, every
// other type (and a missing field, or an object that is not an activity) is TSR250 at its path.
import { describe, expect, it } from 'vitest';
import { diffSnapshots } from '../diff/diff-snapshots.ts';
import { EMPTY_SNAPSHOT } from '../normalised-types.ts';
import { FIELD_TYPES, type FieldDef, type ObjectDef } from '../types.ts';
import { minimalField } from '../testing/minimal-field.ts';
import { validateDocument } from './validate-document.ts';

const labels = { en: 'X', zh: 'X' };
const minimal = (type: (typeof FIELD_TYPES)[number]): FieldDef | undefined => minimalField(type, 'when', 'call');
const call = (extra: Partial<ObjectDef>, field?: FieldDef): ObjectDef => ({
  apiName: 'call',
  labels,
  timeline: true,
  fields: [{ apiName: 'name', type: 'text', labels }, ...(field ? [field] : [])],
  ...extra,
});

describe('timelineAt', () => {
  for (const type of FIELD_TYPES) {
    const field = minimal(type);
    if (!field) continue;
    const placesActivities = type === 'date' || type === 'datetime';
    it(`${type}: ${placesActivities ? 'places activities' : 'refused with TSR250'}`, () => {
      const result = validateDocument(call({ timelineAt: 'when' }, field), EMPTY_SNAPSHOT);
      if (placesActivities) {
        expect(result.ok, JSON.stringify(result)).toBe(true);
        if (result.ok) expect(result.value[0]).toMatchObject({ timeline: true, timelineAt: 'when' });
      } else {
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.errors.filter((error) => error.code === 'TSR250').map((error) => error.path)).toEqual(['/timelineAt']);
      }
    });
  }

  it('refuses a field that does not exist, and timelineAt without timeline', () => {
    const missing = validateDocument(call({ timelineAt: 'nope' }), EMPTY_SNAPSHOT);
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.errors).toEqual([expect.objectContaining({ path: '/timelineAt', code: 'TSR250' })]);
    const notActivity = validateDocument(call({ timeline: false, timelineAt: 'when' }, { apiName: 'when', type: 'datetime', labels }), EMPTY_SNAPSHOT);
    expect(notActivity.ok).toBe(false);
    if (!notActivity.ok) expect(notActivity.errors).toEqual([expect.objectContaining({ path: '/timelineAt', code: 'TSR250' })]);
  });

  it('is a metadata-only change: setting it later plans no DDL', () => {
    const when: FieldDef = { apiName: 'when', type: 'datetime', labels };
    const before = validateDocument(call({}, when), EMPTY_SNAPSHOT);
    if (!before.ok) throw new Error(JSON.stringify(before.errors));
    const created = diffSnapshots(EMPTY_SNAPSHOT, before.value);
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    const after = validateDocument(call({ timelineAt: 'when' }, when), created.value.next);
    if (!after.ok) throw new Error(JSON.stringify(after.errors));
    const plan = diffSnapshots(created.value.next, after.value);
    if (!plan.ok) throw new Error(JSON.stringify(plan.errors));
    expect(plan.value.actions.map((action) => action.kind)).toEqual(['update_metadata']);
    expect(plan.value.next.objects.find((object) => object.apiName === 'call')).toMatchObject({ timelineAt: 'when' });
  });
});
