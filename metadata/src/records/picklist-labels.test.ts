// resolvePicklistLabels for every picklist-like field type of the registry (the types whose fields
// carry `values`): api names stay, a unique label (zh exactly, en in any case) becomes its api name,
// a shared label is refused naming the candidates, an inactive value never rivals an active one.
import { describe, expect, it } from 'vitest';
import { normalise } from '../normalise/normalise.ts';
import { normaliseField } from '../normalise/normalise-field.ts';
import { FIELD_FIXTURES } from '../testing/fixtures.ts';
import { FIELD_TYPES, type FieldDef } from '../types.ts';
import { resolvePicklistLabels } from './picklist-labels.ts';

const PICKLIST_TYPES = FIELD_TYPES.filter((type) => 'values' in normaliseField('probe', FIELD_FIXTURES[type]));
const VALUES = [
  { apiName: 'new', labels: { en: 'New', zh: '新建' } },
  { apiName: 'Hot', labels: { en: 'Warm', zh: '温' } },
  { apiName: 'hot_a', labels: { en: 'Hot', zh: '热' } },
  { apiName: 'hot_b', labels: { en: 'HOT', zh: '热乙' } },
  { apiName: 'gone', labels: { en: 'New', zh: '旧' }, inactive: true },
  { apiName: 'retired', labels: { en: 'Retired', zh: '退役' }, inactive: true },
];

describe.each(PICKLIST_TYPES)('resolvePicklistLabels on a %s field', (type) => {
  const multi = type === 'multipicklist';
  const object = normalise({
    apiName: 'lead',
    labels: { en: 'Lead' },
    fields: [{ type, apiName: 'stage', labels: { en: 'Stage' }, values: VALUES } as FieldDef],
  });
  const write = (value: string) => (multi ? [value] : value);
  const resolve = (value: string) => resolvePicklistLabels(object, { stage: write(value) });

  it.each([
    ['an api name stays, even where it equals another value’s label', 'Hot', 'Hot'],
    ['an en label in another case (an inactive value with the same label is no rival)', 'nEw', 'new'],
    ['a zh label', '新建', 'new'],
    ['an inactive value matched by its label alone (the validator then says it is inactive)', '退役', 'retired'],
    ['a label of nothing stays for the validator to refuse', 'nope', 'nope'],
  ])('%s', (_name, written, stored) => {
    expect(resolve(written)).toEqual({ body: { stage: write(stored) }, problems: [] });
  });

  it('a label shared by several values is refused naming them', () => {
    const { problems } = resolve('hot');
    expect(problems).toEqual([expect.objectContaining({ path: multi ? '/stage/0' : '/stage', code: 'TSR405', allowed: ['hot_a', 'hot_b'] })]);
  });

  it('leaves other fields, nulls and non-objects alone', () => {
    expect(resolvePicklistLabels(object, { stage: null, other: 'New' })).toEqual({ body: { stage: null, other: 'New' }, problems: [] });
    expect(resolvePicklistLabels(object, [1])).toEqual({ body: [1], problems: [] });
  });
});
