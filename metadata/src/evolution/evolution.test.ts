import { describe, expect, it } from 'vitest';
import { diffSnapshots } from '../diff/diff-snapshots.ts';
import { EMPTY_SNAPSHOT, type MetadataSnapshot, type NormalisedField } from '../normalised-types.ts';
import { normalise } from '../normalise/normalise.ts';
import { normaliseField } from '../normalise/normalise-field.ts';
import { accountDef, opportunityDef } from '../testing/fixtures.ts';
import type { FieldDef } from '../types.ts';
import { canonicalJson } from './canonical-json.ts';
import { revertDocument } from './revert-document.ts';
import { toObjectDef } from './to-object-def.ts';
import { conversionFor, rewritesTable } from './type-conversions.ts';

const f = (def: Partial<FieldDef> & { type: FieldDef['type'] }): NormalisedField =>
  normaliseField('x', { apiName: 'f', labels: { en: 'F' }, ...def } as FieldDef);

describe('type conversions', () => {
  it.each<[Partial<FieldDef> & { type: FieldDef['type'] }, Partial<FieldDef> & { type: FieldDef['type'] }, string | undefined, boolean]>([
    [{ type: 'text' }, { type: 'textarea' }, 'retype', false],
    [{ type: 'textarea' }, { type: 'text' }, 'retype', true],
    [{ type: 'text', maxLength: 40 }, { type: 'text', maxLength: 80 }, 'retype', false],
    [{ type: 'number', precision: 10, scale: 2 }, { type: 'currency', precision: 12, scale: 2 }, 'retype', false],
    [{ type: 'number' }, { type: 'percent' }, 'retype', true],
    [{ type: 'number' }, { type: 'text' }, 'to_text', true],
    [{ type: 'date' }, { type: 'textarea' }, 'to_text', true],
    [{ type: 'picklist', values: [{ apiName: 'a', labels: { en: 'A' } }] } as never, { type: 'text' }, 'retype', false],
    [{ type: 'text' }, { type: 'picklist', values: [{ apiName: 'a', labels: { en: 'A' } }] } as never, 'to_picklist', true],
    [
      { type: 'picklist', values: [{ apiName: 'a', labels: { en: 'A' } }] } as never,
      { type: 'multipicklist', values: [{ apiName: 'a', labels: { en: 'A' } }] } as never,
      'to_multipicklist',
      true,
    ],
    [{ type: 'time' }, { type: 'text' }, 'to_text', true],
    [{ type: 'textarea' }, { type: 'time' }, 'to_time', true],
    [{ type: 'time' }, { type: 'date' }, undefined, false],
    [{ type: 'text' }, { type: 'boolean' }, undefined, false],
    [{ type: 'lookup', target: 'x' } as never, { type: 'text' }, undefined, false],
    [{ type: 'email' }, { type: 'url' }, undefined, false],
  ])('%j → %j: %s', (from, to, conversion, rewrites) => {
    const kind = conversionFor(f(from), f(to));
    expect(kind).toBe(conversion);
    if (kind) expect(rewritesTable(f(from), f(to), kind)).toBe(rewrites);
  });
});

describe('revertDocument and toObjectDef', () => {
  const planOf = (live: MetadataSnapshot, document: { objects: unknown[] }) => {
    const result = diffSnapshots(
      live,
      (document.objects as never[]).map((def) => normalise(def)),
      undefined,
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result.value.next;
  };
  it('round-trips a normalised object through its document form', () => {
    for (const def of [accountDef(), opportunityDef()]) expect(normalise(toObjectDef(normalise(def)))).toEqual(normalise(def));
  });
  it('renames back the fields and values renamed since, and removes objects created since', () => {
    const target = planOf(EMPTY_SNAPSHOT, { objects: [accountDef(), opportunityDef()] });
    const live = {
      objects: [
        ...target.objects.map((object) =>
          object.apiName !== 'opportunity'
            ? object
            : { ...object, fields: object.fields.map((field) => (field.apiName === 'name' ? { ...field, apiName: 'title' } : field)) },
        ),
        normalise({ apiName: 'zz', labels: { en: 'Z' }, fields: [] }),
      ],
    };
    const document = revertDocument(target, live, [
      { kind: 'field', object: 'opportunity', from: 'name', to: 'heading' },
      { kind: 'field', object: 'opportunity', from: 'heading', to: 'title' },
      { kind: 'value', object: 'opportunity', field: 'title', from: 'x', to: 'y' },
    ]);
    expect(document.remove).toEqual(['zz']);
    const opportunity = document.objects.find((object) => object.apiName === 'opportunity');
    expect(opportunity?.fields.find((field) => field.apiName === 'name')?.renamedFrom).toBe('title');
  });
  it('writes each object back whole: its validation rules and approval flows survive a revert', () => {
    const account = {
      ...accountDef(),
      validationRules: [{ apiName: 'named', condition: { '!=': [{ var: 'name' }, null] }, message: { en: 'Needs a name' } }],
      approvalFlows: [
        {
          apiName: 'review',
          labels: { en: 'Review' },
          steps: [
            { apiName: 'lead', approvers: [{ type: 'manager' }] },
            { apiName: 'head', approvers: [{ type: 'role', role: 'head' }], mode: 'all' },
          ],
        },
      ],
    };
    const target = planOf(EMPTY_SNAPSHOT, { objects: [account] });
    const document = revertDocument(target, target, []);
    expect(document.objects.map((def) => normalise(def))).toEqual(target.objects);
  });
  it('hashes canonically, whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: undefined }] })).toBe('{"a":[{"d":2}],"b":1}');
  });
});
