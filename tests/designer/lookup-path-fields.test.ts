// Issue #21 in the designer: the lookup paths offered as list columns, sort keys, filter fields and
// formula operands. Checked with the designer's own code on metadata normalised by the metamodel,
// and against the metamodel's resolveLookupPath, so the designer never offers a path the server refuses.
import { normalise, type NormalisedObject, type ObjectDef, resolveLookupPath } from '@tessera/metadata';
import { describe, expect, it } from 'vitest';
import { conditionFieldsOf } from '../../designer/src/conditions/condition-fields.ts';
import { columnOrder, visibleFields } from '../../designer/src/app/list/list-state.ts';
import { isSortableType, lookupPathFields, pathLookupOf } from '../../designer/src/paths/lookup-path-fields.ts';
import { insertVar } from '../../designer/src/setup/fields/insert-var.ts';
import { validateDraft } from '../../designer/src/setup/problems.ts';
import type { ObjectDefinition } from '../../designer/src/api/index.ts';

const text = (apiName: string, en: string, zh: string) => ({ apiName, labels: { en, zh } });

const account: ObjectDef = {
  ...text('account', 'Account', '客户'),
  fields: [
    { type: 'text', ...text('name', 'Name', '名称'), required: true },
    { type: 'picklist', ...text('region', 'Region', '地区'), values: [text('east', 'East', '华东'), text('south', 'South', '华南')] },
    { type: 'multipicklist', ...text('tags', 'Tags', '标签'), values: [text('vip', 'VIP', '重要')] },
    { type: 'lookup', ...text('parent', 'Parent', '上级客户'), target: 'account' },
    { type: 'formula', ...text('name_len', 'Name length', '名称长度'), returns: 'number', expression: { length: [{ var: 'name' }] } },
    { type: 'number', apiName: 'score', labels: { en: 'Score' } },
  ],
} as ObjectDef;

const opportunity: ObjectDef = {
  ...text('opportunity', 'Opportunity', '商机'),
  fields: [
    { type: 'text', ...text('name', 'Name', '名称'), required: true },
    { type: 'lookup', ...text('account', 'Account', '客户'), target: 'account' },
    { type: 'currency', ...text('amount', 'Amount', '金额'), currencyCode: 'CNY' },
  ],
} as ObjectDef;

const objects: NormalisedObject[] = [account, opportunity].map((def) => normalise(def));
const named = (name: string) => objects.find((object) => object.apiName === name) as NormalisedObject;

describe('lookupPathFields', () => {
  it('offers one hop under each lookup, labelled in both languages, typed as the target field', () => {
    const paths = lookupPathFields(named('opportunity'), objects, { formulas: true });
    expect(paths.map((path) => path.apiName)).toEqual(['account.name', 'account.region', 'account.tags', 'account.name_len', 'account.score']);
    const region = paths.find((path) => path.apiName === 'account.region');
    expect(region?.labels).toEqual({ en: 'Account › Region', zh: '客户 › 地区' });
    expect(region?.type).toBe('picklist');
    // A label missing in one language falls back to the api name, not to the other language.
    expect(paths.find((path) => path.apiName === 'account.score')?.labels).toEqual({ en: 'Account › Score', zh: '客户 › score' });
  });

  it('offers only paths the metamodel resolves (formulas: no path ends at a parent formula)', () => {
    for (const formulas of [true, false]) {
      const paths = lookupPathFields(named('opportunity'), objects, { formulas });
      expect(paths.some((path) => path.type === 'formula')).toBe(formulas);
      for (const path of paths) expect(resolveLookupPath(named, named('opportunity'), path.apiName, { formulas }).ok, path.apiName).toBe(true);
    }
  });

  it('skips what the reader cannot read: a field absent from their metadata is not offered', () => {
    const withoutRegion = objects.map((object) =>
      object.apiName === 'account' ? { ...object, fields: object.fields.filter((field) => field.apiName !== 'region') } : object,
    );
    const paths = lookupPathFields(named('opportunity'), withoutRegion, { formulas: true });
    expect(paths.map((path) => path.apiName)).not.toContain('account.region');
    // A lookup whose target object the reader cannot see offers nothing.
    expect(lookupPathFields(named('opportunity'), [named('opportunity')], { formulas: true })).toEqual([]);
  });

  it('self-lookups stop at one level and never end at a lookup (its value would be a bare id)', () => {
    const paths = lookupPathFields(named('account'), objects, { formulas: true }).map((path) => path.apiName);
    expect(paths).toContain('parent.region');
    expect(paths).not.toContain('parent.parent');
    expect(paths.every((path) => path.split('.').length === 2)).toBe(true);
  });
});

describe('the list with path columns', () => {
  const opp = named('opportunity') as unknown as ObjectDefinition;
  const paths = lookupPathFields(opp, objects as unknown as ObjectDefinition[], { formulas: true });

  it('orders path columns under their lookup and keeps a saved path column', () => {
    expect(columnOrder(opp, paths).map((field) => field.apiName)).toEqual([
      'name',
      'account',
      'account.name',
      'account.region',
      'account.tags',
      'account.name_len',
      'account.score',
      'amount',
    ]);
    expect(visibleFields(opp, ['name', 'account.region', 'gone.field'], paths).map((field) => field.apiName)).toEqual(['name', 'account.region']);
    expect(pathLookupOf('account.region')).toBe('account');
    expect(pathLookupOf('amount')).toBeUndefined();
  });

  it('sorts where the target sorts', () => {
    expect(paths.filter((path) => isSortableType(path.type)).map((path) => path.apiName)).not.toContain('account.tags');
    expect(isSortableType('picklist')).toBe(true);
  });

  it('gives the condition builder a picklist path with its values in the UI language', () => {
    const fields = conditionFieldsOf([...opp.fields, ...paths], 'zh');
    expect(fields.find((field) => field.apiName === 'account.region')).toEqual({
      apiName: 'account.region',
      label: '客户 › 地区',
      kind: 'picklist',
      values: [
        { name: 'east', label: '华东' },
        { name: 'south', label: '华南' },
      ],
    });
    expect(fields.find((field) => field.apiName === 'account.tags')?.kind).toBe('multipicklist');
  });
});

describe('the formula editor', () => {
  it('inserts {"var": path} at the caret, or as the whole expression when blank', () => {
    expect(insertVar('', 'account.region', 0, 0)).toEqual({ text: '{"var": "account.region"}', caret: 25 });
    const before = '{"==": [, "east"]}';
    const at = before.indexOf(',');
    const inserted = insertVar(before, 'account.region', at, at);
    expect(JSON.parse(inserted.text)).toEqual({ '==': [{ var: 'account.region' }, 'east'] });
    expect(inserted.text.slice(inserted.caret)).toBe(', "east"]}');
    // A selection is replaced; positions past the end are clamped.
    expect(insertVar('{"var": "x"}', 'name', 0, 99).text).toBe('{"var": "name"}');
  });

  it('has the metamodel report a bad path inline, at the expression', () => {
    const formula = (expression: unknown) => ({
      objects: [
        {
          ...opportunity,
          fields: [...opportunity.fields, { type: 'formula', ...text('where', 'Where', '地区'), returns: 'text', expression }],
        },
      ],
    });
    expect(validateDraft(formula({ var: 'account.region' }), objects, 'en')).toEqual([]);
    const problems = validateDraft(formula({ var: 'account.nowhere' }), objects, 'zh');
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.some((problem) => problem.path.includes('/expression') && problem.message.includes("'account.nowhere'"))).toBe(true);
  });
});
