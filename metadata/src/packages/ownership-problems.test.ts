import { describe, expect, it } from 'vitest';
import type { NormalisedObject } from '../normalised-types.ts';
import { normalise } from '../normalise/normalise.ts';
import { opportunityDef } from '../testing/fixtures.ts';
import { ownershipProblems } from './ownership-problems.ts';

const base = (): NormalisedObject => normalise(opportunityDef());
const packages = [{ namespace: 'crm', objects: [base()] }];
const changed = (change: (def: any) => void): NormalisedObject => {
  const def = opportunityDef() as any;
  change(def);
  return normalise(def);
};
const check = (incoming: NormalisedObject) => ownershipProblems(packages, [base()], [{ path: '/objects/0', object: incoming }]);

describe('ownershipProblems', () => {
  it('lets the tenant add fields and picklist values and override labels and help text', () => {
    const incoming = changed((def) => {
      def.fields.push({ apiName: 'region', type: 'text', labels: { en: 'Region' } });
      def.fields.find((field: any) => field.apiName === 'stage').values.push({ apiName: 'ours', labels: { en: 'Ours' } });
      def.fields[0].labels = { en: 'Deal', zh: '交易' };
      def.fields[0].helpText = { en: 'What the customer calls it' };
      def.labels = { en: 'Deal' };
    });
    expect(check(incoming)).toEqual([]);
  });

  it('refuses structural changes and removals of package parts, naming each path and the owner', () => {
    const incoming = changed((def) => {
      def.fields[0].maxLength = 10;
      def.fields = def.fields.filter((field: any) => field.apiName !== 'notes');
      const stage = def.fields.find((field: any) => field.apiName === 'stage');
      stage.values = stage.values.filter((value: any) => value.apiName !== 'legacy');
    });
    const stageIndex = incoming.fields.findIndex((field) => field.apiName === 'stage');
    expect(check(incoming)).toEqual([
      { path: '/objects/0/fields/0', code: 'TSR606', message: 'opportunity.name.maxLength (changed) belongs to package crm' },
      { path: '/objects/0', code: 'TSR606', message: 'opportunity.notes (removed) belongs to package crm' },
      { path: `/objects/0/fields/${stageIndex}`, code: 'TSR606', message: 'opportunity.stage.legacy (removed) belongs to package crm' },
    ]);
  });

  it('refuses removing a package object and ignores objects no package owns', () => {
    expect(ownershipProblems(packages, [base()], [], [{ path: '/remove/0', object: 'opportunity' }])).toEqual([
      { path: '/remove/0', code: 'TSR606', message: 'opportunity belongs to package crm; uninstall the package instead' },
    ]);
    expect(ownershipProblems([], [base()], [{ path: '', object: changed((def) => (def.fields = def.fields.slice(0, 1))) }])).toEqual([]);
  });
});
