// Dependent picklists in the metamodel: the metadata checks (TSR235 at the offending JSON path),
// the record check (TSR415 with the allowed values), and the plan of a changed map (a data check
// the runtime assesses). Autonumber formats by record type: TSR236/TSR207 and the counters planned.
import { describe, expect, it } from 'vitest';
import { diffSnapshots } from '../diff/diff-snapshots.ts';
import { EMPTY_SNAPSHOT, type NormalisedObject } from '../normalised-types.ts';
import type { FieldDef, ObjectDef } from '../types.ts';
import { validateDocument } from '../validate/validate-document.ts';
import { allowedDependentValues, dependentValueProblems, isDependentField } from './dependent-values.ts';

const labels = { en: 'X', zh: 'X' };
const values = (...names: string[]) => names.map((apiName) => ({ apiName, labels }));
const category: FieldDef = { apiName: 'category', type: 'picklist', labels, values: values('hw', 'sw') };
const reason = (extra: Partial<FieldDef> = {}): FieldDef =>
  ({
    apiName: 'reason',
    type: 'picklist',
    labels,
    values: values('disk', 'bug'),
    controllingField: 'category',
    dependentValues: { hw: ['disk'], sw: ['bug'] },
    ...extra,
  }) as FieldDef;
const ticket = (...fields: FieldDef[]): ObjectDef => ({ apiName: 'ticket', labels, fields: [{ apiName: 'name', type: 'text', labels }, ...fields] });
const problems = (object: ObjectDef) => {
  const result = validateDocument(object, EMPTY_SNAPSHOT);
  return result.ok ? [] : result.errors.map((error) => `${error.code} ${error.path}`);
};
const valid = (object: ObjectDef): NormalisedObject => {
  const result = validateDocument(object, EMPTY_SNAPSHOT);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value[0] as NormalisedObject;
};

describe('dependent picklist metadata', () => {
  it('accepts a picklist controlled by a picklist and a multipicklist controlled by a boolean', () => {
    const boolean: FieldDef = { apiName: 'urgent', type: 'boolean', labels };
    const multi = {
      apiName: 'who',
      type: 'multipicklist',
      labels,
      values: values('a', 'b'),
      controllingField: 'urgent',
      dependentValues: { true: ['a', 'b'] },
    } as FieldDef;
    expect(problems(ticket(category, reason(), boolean, multi))).toEqual([]);
  });

  it.each([
    ['controller without a map', reason({ dependentValues: undefined }), 'TSR235 /fields/2/controllingField'],
    ['map without a controller', reason({ controllingField: undefined }), 'TSR235 /fields/2/dependentValues'],
    ['itself', reason({ controllingField: 'reason' }), 'TSR235 /fields/2/controllingField'],
    ['an unknown field', reason({ controllingField: 'nope' }), 'TSR235 /fields/2/controllingField'],
    ['a text controller', reason({ controllingField: 'name' }), 'TSR235 /fields/2/controllingField'],
    ['a key that is no controlling value', reason({ dependentValues: { hw: ['disk'], gadget: [] } }), 'TSR235 /fields/2/dependentValues/gadget'],
    ['a value that is no dependent value', reason({ dependentValues: { hw: ['disk', 'fan'] } }), 'TSR235 /fields/2/dependentValues/hw/1'],
  ])('refuses %s', (_name, field, expected) => {
    expect(problems(ticket(category, field))).toEqual([expected]);
  });

  it('refuses a boolean key other than true/false and a cycle of controllers', () => {
    const boolean: FieldDef = { apiName: 'urgent', type: 'boolean', labels };
    const wrongKey = { ...reason(), controllingField: 'urgent', dependentValues: { yes: ['disk'] } } as FieldDef;
    expect(problems(ticket(boolean, wrongKey))).toEqual(['TSR235 /fields/2/dependentValues/yes']);
    const a = { ...category, controllingField: 'reason', dependentValues: { disk: ['hw'] } } as FieldDef;
    expect(problems(ticket(a, reason()))).toEqual(['TSR235 /fields/1/controllingField', 'TSR235 /fields/2/controllingField']);
  });
});

describe('dependent values of a record', () => {
  const object = valid(ticket(category, reason()));
  const field = object.fields.find(isDependentField);

  it('allows only the mapped values; null or unmapped controllers allow none', () => {
    if (!field) throw new Error('no dependent field');
    expect(allowedDependentValues(field, 'hw')).toEqual(['disk']);
    expect(allowedDependentValues(field, null)).toEqual([]);
    expect(allowedDependentValues(field, 'constructor')).toEqual([]);
    expect(dependentValueProblems(object, { category: 'hw', reason: 'disk' })).toEqual([]);
    expect(dependentValueProblems(object, { category: null, reason: null })).toEqual([]);
    expect(dependentValueProblems(object, { category: 'hw', reason: 'bug' })).toEqual([
      expect.objectContaining({ path: '/reason', code: 'TSR415', allowed: ['disk'] }),
    ]);
    expect(dependentValueProblems(object, { category: null, reason: 'bug' })).toEqual([expect.objectContaining({ path: '/reason', allowed: [] })]);
  });

  it('a changed map plans a data check; an unchanged one plans nothing', () => {
    const live = { objects: [object] };
    const narrower = valid(ticket(category, reason({ dependentValues: { hw: [], sw: ['bug'] } })));
    const plan = diffSnapshots(live, [narrower]);
    expect(plan.ok && plan.value.actions).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'check_dependent_values', field: 'reason' })]));
    const same = diffSnapshots(live, [object]);
    expect(same.ok && same.value.actions.filter((action) => action.kind === 'check_dependent_values')).toEqual([]);
  });
});

describe('autonumber formats by record type', () => {
  const recordTypes = [
    { apiName: 'a', labels },
    { apiName: 'b', labels },
  ];
  const numbered = (formats: Record<string, string>): ObjectDef => ({
    ...ticket({ apiName: 'code', type: 'autonumber', labels, format: 'T-{000}', formatsByRecordType: formats } as FieldDef),
    recordTypes,
  });

  it('accepts one distinct format per record type and plans one counter per entry', () => {
    const object = valid(numbered({ a: 'A-{000}', b: 'B-{YYYY}-{0}' }));
    const plan = diffSnapshots(EMPTY_SNAPSHOT, [object]);
    const sequences = plan.ok ? plan.value.actions.filter((action) => action.kind === 'create_sequence') : [];
    expect(sequences).toHaveLength(3);
    expect(new Set(sequences.map((action) => action.kind === 'create_sequence' && action.sequenceName)).size).toBe(3);
  });

  it('refuses unknown record types, bad formats and repeated formats', () => {
    expect(problems(numbered({ c: 'C-{0}', a: 'A-{x}', b: 'T-{000}' }))).toEqual([
      'TSR236 /fields/1/formatsByRecordType/c',
      'TSR207 /fields/1/formatsByRecordType/a',
      'TSR236 /fields/1/formatsByRecordType/b',
    ]);
  });
});
