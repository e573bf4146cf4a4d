import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NormalisedObject } from '../normalised-types.ts';
import { normalise } from '../normalise/normalise.ts';
import { accountDef, opportunityDef } from '../testing/fixtures.ts';
import type { FieldDef, ObjectDef } from '../types.ts';
import { mergePackageUpgrade } from './merge-package-upgrade.ts';
import { toApplicableDef } from './to-applicable-def.ts';

const base = (): NormalisedObject[] => [normalise(accountDef()), normalise(opportunityDef())];
const edit = (objects: NormalisedObject[], object: string, change: (def: NormalisedObject & { fields: any[] }) => void): NormalisedObject[] => {
  const copy = structuredClone(objects) as (NormalisedObject & { fields: any[] })[];
  change(copy.find((candidate) => candidate.apiName === object) as NormalisedObject & { fields: any[] });
  return copy;
};
const field = (object: NormalisedObject | undefined, name: string): any => object?.fields.find((candidate) => candidate.apiName === name);
const merged = (outcome: ReturnType<typeof mergePackageUpgrade>) => {
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.conflicts));
  return outcome;
};

describe('mergePackageUpgrade', () => {
  it('keeps tenant-only changes and brings package-only changes', () => {
    const next = edit(base(), 'opportunity', (o) => {
      o.fields.push(
        normalise({ apiName: 'x', labels: { en: 'x' }, fields: [{ apiName: 'region', type: 'text', labels: { en: 'Region' } } as FieldDef] }).fields[0],
      );
      field(o, 'amount').labels.en = 'Amount (net)';
      field(o, 'stage').values.push({ apiName: 'negotiation', labels: { en: 'Negotiation' }, order: 9, default: false, inactive: false });
    });
    const current = edit(base(), 'opportunity', (o) => {
      o.fields.push(
        normalise({ apiName: 'x', labels: { en: 'x' }, fields: [{ apiName: 'custom_score', type: 'number', labels: { en: 'Score' } } as FieldDef] }).fields[0],
      );
      field(o, 'name').labels.en = 'Deal name';
      field(o, 'amount').labels.zh = '净额';
      field(o, 'stage').values.push({ apiName: 'tenant_value', labels: { en: 'Ours' }, order: 8, default: false, inactive: false });
    });
    const outcome = merged(mergePackageUpgrade(base(), next, current));
    const opportunity = outcome.objects.find((object) => object.apiName === 'opportunity');
    expect(field(opportunity, 'custom_score')).toBeDefined();
    expect(field(opportunity, 'region')).toBeDefined();
    expect(field(opportunity, 'name').labels.en).toBe('Deal name');
    expect(field(opportunity, 'amount').labels).toEqual({ en: 'Amount (net)', zh: '净额' });
    expect(field(opportunity, 'stage').values.map((value: any) => value.apiName)).toEqual([
      'prospecting',
      'closed_won',
      'legacy',
      'tenant_value',
      'negotiation',
    ]);
  });

  it('reports a conflict naming both sides, and takes the side a resolution names', () => {
    const next = edit(base(), 'account', (o) => (field(o, 'name').labels.en = 'Company name'));
    const current = edit(base(), 'account', (o) => (field(o, 'name').labels.en = 'Customer name'));
    const outcome = mergePackageUpgrade(base(), next, current);
    expect(outcome).toEqual({
      ok: false,
      conflicts: [
        { path: '/account/fields/name/labels/en', object: 'account', field: 'name', property: 'labels.en', package: 'Company name', tenant: 'Customer name' },
      ],
    });
    for (const take of ['package', 'tenant'] as const) {
      const resolved = merged(mergePackageUpgrade(base(), next, current, { resolutions: [{ path: '/account/fields/name/labels/en', take }] }));
      expect(field(resolved.objects[0], 'name').labels.en).toBe(take === 'package' ? 'Company name' : 'Customer name');
    }
  });

  it('deprecates a removed field that holds data, drops one that does not, keeps removed picklist values inactive', () => {
    const next = edit(base(), 'opportunity', (o) => {
      o.fields = o.fields.filter((f) => !['notes', 'website'].includes(f.apiName));
      field(o, 'stage').values = field(o, 'stage').values.filter((value: any) => value.apiName !== 'closed_won');
    });
    const outcome = merged(mergePackageUpgrade(base(), next, base(), { holdsData: (object, name) => object === 'opportunity' && name === 'notes' }));
    const opportunity = outcome.objects.find((object) => object.apiName === 'opportunity');
    expect(field(opportunity, 'notes')).toBeDefined();
    expect(field(opportunity, 'website')).toBeUndefined();
    expect(field(opportunity, 'stage').values.find((value: any) => value.apiName === 'closed_won')).toMatchObject({ inactive: true });
    expect(outcome.deprecated).toEqual(['/opportunity/fields/notes', '/opportunity/fields/stage/values/closed_won']);
  });

  it('merges layouts item by item: a field the tenant hid and one the package dropped both leave, a new one arrives', () => {
    const withLayout = (fields: string[]) =>
      normalise({
        ...accountDef(),
        fields: [
          ...accountDef().fields,
          { type: 'text', apiName: 'city', labels: { en: 'City' } },
          { type: 'text', apiName: 'phone', labels: { en: 'Phone' } },
        ],
        layouts: [{ apiName: 'main', labels: { en: 'Main' }, sections: [{ labels: { en: 'Details' }, fields: fields.map((field) => ({ field })) }] }],
      });
    const outcome = merged(
      mergePackageUpgrade([withLayout(['name', 'parent', 'city'])], [withLayout(['name', 'parent', 'phone'])], [withLayout(['name', 'city'])]),
    );
    expect(outcome.objects[0]?.layouts?.[0]?.sections[0]?.fields.map((item) => item.field)).toEqual(['name', 'phone']);
  });

  it('a merged object converts back to a definition that normalises to it', () => {
    for (const object of base()) expect(normalise(toApplicableDef(object))).toEqual(object);
  });
});

// The property: for random base/next/current derived from the fixtures by label and description
// edits, added fields and added picklist values, tenant-only changes always survive, package-only
// changes always arrive, and a conflict is reported iff both sides changed the same property differently.
type Edit = { field: number; property: 'labels.en' | 'labels.zh' | 'description'; value: string } | { add: string } | { pick: string };

const editArb = (fieldCount: number, side: string): fc.Arbitrary<Edit> =>
  fc.oneof(
    fc.record({
      field: fc.nat(fieldCount - 1),
      property: fc.constantFrom('labels.en' as const, 'labels.zh' as const, 'description' as const),
      value: fc.constantFrom('A', 'B', 'C'),
    }),
    fc.constantFrom('one', 'two').map((name) => ({ add: `${side}_${name}` })),
    fc.constantFrom('v1', 'v2').map((name) => ({ pick: `${side}_${name}` })),
  );

function applyEdits(objects: NormalisedObject[], edits: readonly Edit[]): NormalisedObject[] {
  return edit(objects, 'opportunity', (o) => {
    for (const change of edits) {
      if ('add' in change) {
        if (!field(o, change.add))
          o.fields.push(
            normalise({ apiName: 'x', labels: { en: 'x' }, fields: [{ apiName: change.add, type: 'text', labels: { en: change.add } }] }).fields[0],
          );
      } else if ('pick' in change) {
        const values = field(o, 'stage').values;
        if (!values.some((value: any) => value.apiName === change.pick))
          values.push({ apiName: change.pick, labels: { en: change.pick }, order: values.length, default: false, inactive: false });
      } else {
        const target = o.fields[change.field];
        if (change.property === 'description') target.description = change.value;
        else target.labels[change.property === 'labels.en' ? 'en' : 'zh'] = change.value;
      }
    }
  });
}

const read = (object: NormalisedObject | undefined, index: number, property: string): unknown => {
  const target = object?.fields[index] as any;
  return property === 'description' ? target?.description : target?.labels[property.slice(7)];
};

describe('mergePackageUpgrade property', () => {
  const fieldCount = base()[1]?.fields.length ?? 1;
  it('tenant-only changes survive, package-only changes arrive, conflicts iff both differ', () => {
    fc.assert(
      fc.property(
        fc.array(editArb(fieldCount, 'pkg'), { maxLength: 6 }),
        fc.array(editArb(fieldCount, 'ten'), { maxLength: 6 }),
        (packageEdits, tenantEdits) => {
          const b = base();
          const n = applyEdits(b, packageEdits);
          const c = applyEdits(b, tenantEdits);
          const outcome = mergePackageUpgrade(b, n, c);
          const [bo, no, co] = [b, n, c].map((objects) => objects.find((object) => object.apiName === 'opportunity'));
          const expectedConflicts: string[] = [];
          for (let index = 0; index < fieldCount; index++) {
            for (const property of ['labels.en', 'labels.zh', 'description']) {
              const [bv, nv, cv] = [bo, no, co].map((object) => read(object, index, property));
              if (bv !== nv && bv !== cv && nv !== cv) expectedConflicts.push(`${(bo?.fields[index] as { apiName: string } | undefined)?.apiName}.${property}`);
            }
          }
          const reported = outcome.ok ? [] : outcome.conflicts.map((conflict) => `${conflict.field}.${conflict.property}`);
          expect(reported.sort()).toEqual(expectedConflicts.sort());
          if (!outcome.ok) return;
          const mo = outcome.objects.find((object) => object.apiName === 'opportunity');
          for (let index = 0; index < fieldCount; index++) {
            for (const property of ['labels.en', 'labels.zh', 'description']) {
              const [bv, nv, cv, mv] = [bo, no, co, mo].map((object) => read(object, index, property));
              if (bv === nv) expect(mv).toBe(cv);
              if (bv === cv) expect(mv).toBe(nv);
            }
          }
          const names = new Set(mo?.fields.map((f) => f.apiName));
          for (const f of [...(no?.fields ?? []), ...(co?.fields ?? [])]) expect(names.has(f.apiName)).toBe(true);
          const values = new Set(field(mo, 'stage').values.map((value: any) => value.apiName));
          for (const value of [...field(no, 'stage').values, ...field(co, 'stage').values]) expect(values.has(value.apiName)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
