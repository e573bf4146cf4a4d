import { describe, expect, it } from 'vitest';
import type { NormalisedAutonumberField, NormalisedLookupField, NormalisedPicklistField } from '../normalised-types.ts';
import { accountDef, opportunityDef } from '../testing/fixtures.ts';
import type { ObjectDef } from '../types.ts';
import { normalise } from './normalise.ts';

const field = (object: ReturnType<typeof normalise>, apiName: string) => object.fields.find((f) => f.apiName === apiName);

describe('normalise', () => {
  it('fills every default', () => {
    const def: ObjectDef = {
      apiName: 'thing',
      labels: { zh: '东西' },
      fields: [
        { type: 'text', apiName: 'title', labels: { en: 'Title' } },
        { type: 'textarea', apiName: 'body', labels: { en: 'Body' } },
        { type: 'email', apiName: 'mail', labels: { en: 'Mail' } },
        { type: 'phone', apiName: 'tel', labels: { en: 'Tel' } },
        { type: 'url', apiName: 'link', labels: { en: 'Link' } },
        { type: 'number', apiName: 'n', labels: { en: 'N' } },
        { type: 'currency', apiName: 'c', labels: { en: 'C' } },
        { type: 'percent', apiName: 'p', labels: { en: 'P' } },
        { type: 'boolean', apiName: 'b', labels: { en: 'B' } },
        { type: 'lookup', apiName: 'parent', labels: { en: 'Parent' }, target: 'thing' },
        { type: 'lookup', apiName: 'owner', labels: { en: 'Owner' }, target: 'thing', required: true },
        { type: 'autonumber', apiName: 'code', labels: { en: 'Code' }, format: '{000}' },
      ],
    };
    const result = normalise(def);
    expect(result.pluralLabels).toEqual({ zh: '东西' });
    expect(result.nameField).toBe('title');
    expect(result.indexes).toEqual([]);
    expect(result.fields.map((f) => ('maxLength' in f ? f.maxLength : null))).toEqual([255, 32768, 254, 40, 2048, null, null, null, null, null, null, null]);
    expect(result.fields.slice(5, 8).map((f) => ('precision' in f ? [f.precision, f.scale] : null))).toEqual([
      [18, 0],
      [18, 2],
      [18, 2],
    ]);
    expect(result.fields.every((f) => f.required === (f.apiName === 'owner') && f.unique === false)).toBe(true);
    const parent = field(result, 'parent') as NormalisedLookupField;
    expect(parent.onDelete).toBe('setNull');
    expect(parent.constraintName).toBe('fk_thing_parent');
    expect((field(result, 'owner') as NormalisedLookupField).onDelete).toBe('restrict');
    const code = field(result, 'code') as NormalisedAutonumberField;
    expect(code.startAt).toBe(1);
    expect(code.sequenceName).toBe('thing_code_seq');
  });

  it('keeps explicit values and sorts picklist values by order', () => {
    const def = opportunityDef();
    const stage = def.fields.find((f) => f.apiName === 'stage');
    if (stage?.type !== 'picklist') throw new Error('fixture');
    const first = stage.values[0];
    if (first) first.order = 5;
    const result = normalise(def);
    expect(result.labels).toEqual({ en: 'Opportunity', zh: '商机' });
    expect(result.nameField).toBe('name');
    const values = (field(result, 'stage') as NormalisedPicklistField).values;
    expect(values.map((v) => [v.apiName, v.order, v.default, v.inactive])).toEqual([
      ['closed_won', 1, false, false],
      ['legacy', 2, false, true],
      ['prospecting', 5, true, false],
    ]);
    expect((field(result, 'code') as NormalisedAutonumberField).startAt).toBe(100);
    expect(result.indexes).toEqual([
      {
        name: 'ix_opportunity_stage_amount',
        columns: [
          { field: 'stage', descending: false },
          { field: 'amount', descending: true },
        ],
        unique: false,
      },
      { name: 'ux_opportunity_code', columns: [{ field: 'code', descending: false }], unique: true },
    ]);
  });

  it('uses a name field called name, an explicit one, or null', () => {
    expect(normalise(accountDef()).nameField).toBe('name');
    expect(normalise({ ...accountDef(), nameField: 'parent' }).nameField).toBe('parent');
    expect(normalise({ apiName: 'x', labels: { en: 'X' }, fields: [] }).nameField).toBeNull();
  });

  it('does not mutate its input', () => {
    const def = opportunityDef();
    const copy = structuredClone(def);
    normalise(def);
    expect(def).toEqual(copy);
  });
});
