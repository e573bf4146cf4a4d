// The Setup editor's junction choices against the server's rule: for generated sets of objects
// (0–2 lookups from each to the field's object and its target, required or not), the editor lists
// exactly the objects with one required lookup to each end: what the metadata diff accepts.
import { normalise, type NormalisedObject } from '@tessera/metadata';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { junctionCandidates } from '../../designer/src/setup/fields/junction-candidates.ts';

const labels = { en: 'x' };
const lookups = (prefix: string, target: string) =>
  fc.array(fc.boolean(), { maxLength: 2 }).map((flags) =>
    flags.map((required, index) => ({
      apiName: `${prefix}${index}`,
      type: 'lookup' as const,
      target,
      required,
      onDelete: required ? ('cascade' as const) : ('setNull' as const),
      labels,
    })),
  );
const object = (apiName: string) =>
  fc.tuple(lookups('deal', 'deal'), lookups('person', 'person')).map(([a, b]) => normalise({ apiName, labels, fields: [...a, ...b] }));

describe('junctionCandidates', () => {
  it('lists exactly the objects with one required lookup to each end', () => {
    fc.assert(
      fc.property(fc.array(object('j'), { minLength: 1, maxLength: 4 }), (shapes) => {
        const objects: NormalisedObject[] = [
          normalise({ apiName: 'deal', labels, fields: [] }),
          normalise({ apiName: 'person', labels, fields: [] }),
          ...shapes.map((shape, index) => ({ ...shape, apiName: `j${index}` })),
        ];
        const listed = junctionCandidates('deal', 'person', objects).map((candidate) => candidate.apiName);
        // The rule, independently: exactly one lookup to each end, and it is required.
        const oneRequired = (candidate: NormalisedObject, target: string) => {
          const to = candidate.fields.filter((field) => field.type === 'lookup' && field.target === target);
          return to.length === 1 && to[0]?.required === true;
        };
        const accepted = objects
          .filter((candidate) => oneRequired(candidate, 'deal') && oneRequired(candidate, 'person'))
          .map((candidate) => candidate.apiName);
        expect(listed).toEqual(accepted);
        // Never the field's own object or target, whatever their lookups.
        expect(listed).not.toContain('deal');
        expect(listed).not.toContain('person');
      }),
    );
  });

  it('lists nothing before a target is chosen', () => {
    expect(junctionCandidates('deal', '', [normalise({ apiName: 'j', labels, fields: [] })])).toEqual([]);
  });
});
