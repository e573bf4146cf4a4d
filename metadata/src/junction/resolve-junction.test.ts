// resolveJunction over the space of junction shapes: 0–2 lookups to each end, each required or not,
// with and without junctionFields. It resolves exactly when each end has one lookup chosen (by
// name, or the only one) and that lookup is required; otherwise TSR252 at the offending path.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NormalisedManyToManyField, NormalisedObject } from '../normalised-types.ts';
import { normalise } from '../normalise/normalise.ts';
import { normaliseField } from '../normalise/normalise-field.ts';
import { resolveJunction } from './resolve-junction.ts';

const labels = { en: 'x' };
const lookup = (apiName: string, target: string, required: boolean) =>
  ({ apiName, type: 'lookup', target, required, onDelete: required ? 'cascade' : 'setNull', labels }) as const;

const junctionWith = (toSource: boolean[], toTarget: boolean[]): NormalisedObject =>
  normalise({
    apiName: 'deal_role',
    labels,
    fields: [
      ...toSource.map((required, index) => lookup(`deal${index}`, 'deal', required)),
      ...toTarget.map((required, index) => lookup(`person${index}`, 'person', required)),
    ],
  });

const field = (junctionFields?: { source: string; target: string }): NormalisedManyToManyField =>
  normaliseField('deal', {
    apiName: 'people',
    type: 'manytomany',
    target: 'person',
    labels,
    junction: 'deal_role',
    ...(junctionFields ? { junctionFields } : {}),
  }) as NormalisedManyToManyField;

describe('resolveJunction', () => {
  it('resolves exactly the shapes with one required lookup chosen per end', () => {
    const ends = fc.array(fc.boolean(), { maxLength: 2 });
    fc.assert(
      fc.property(ends, ends, fc.boolean(), (toSource, toTarget, named) => {
        const junction = junctionWith(toSource, toTarget);
        const names = named && toSource.length > 0 && toTarget.length > 0 ? { source: 'deal0', target: 'person0' } : undefined;
        const resolved = resolveJunction('deal', field(names), (name) => (name === 'deal_role' ? junction : undefined), '/objects/0/fields/0');
        const chosen = (flags: boolean[]) => (names ? flags.slice(0, 1) : flags.length === 1 ? flags : []);
        const expected = chosen(toSource)[0] === true && chosen(toTarget)[0] === true;
        expect(resolved.ok).toBe(expected);
        if (resolved.ok) expect(resolved.value).toEqual({ object: 'deal_role', source: names?.source ?? 'deal0', target: names?.target ?? 'person0' });
        else for (const error of resolved.errors) expect(error.code).toBe('TSR252');
      }),
    );
  });

  it('refuses an unknown junction object with TSR251 at the field', () => {
    const resolved = resolveJunction('deal', field(), () => undefined, '/objects/0/fields/0');
    expect(resolved).toEqual({ ok: false, errors: [expect.objectContaining({ code: 'TSR251', path: '/objects/0/fields/0/junction' })] });
  });
});
