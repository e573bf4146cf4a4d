import { describe, expect, it } from 'vitest';
import type { MigrationPlan } from '../migration-actions.ts';
import { EMPTY_SNAPSHOT, type MetadataSnapshot, type NormalisedObject } from '../normalised-types.ts';
import { normalise } from '../normalise/normalise.ts';
import { accountDef, opportunityDef } from '../testing/fixtures.ts';
import type { FieldDef, ObjectDef } from '../types.ts';
import { diffSnapshots } from './diff-snapshots.ts';

const planOf = (live: MetadataSnapshot, incoming: NormalisedObject[], paths?: string[]): MigrationPlan => {
  const result = diffSnapshots(live, incoming, paths);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
};
const errorsOf = (live: MetadataSnapshot, incoming: NormalisedObject[], paths?: string[]) => {
  const result = diffSnapshots(live, incoming, paths);
  if (result.ok) throw new Error('expected refusals');
  return result.errors;
};
const kinds = (plan: MigrationPlan) =>
  plan.actions.map((a) => {
    const field = a.kind === 'add_column' ? a.field.apiName : 'field' in a ? a.field : undefined;
    return `${a.kind} ${a.object}${field ? `.${field}` : ''}`;
  });
const liveOf = (...defs: ObjectDef[]): MetadataSnapshot => planOf(EMPTY_SNAPSHOT, defs.map(normalise)).next;
const changed = (def: ObjectDef, change: (def: ObjectDef) => void): NormalisedObject => {
  const copy = structuredClone(def);
  change(copy);
  return normalise(copy);
};
const fieldOf = (def: ObjectDef, apiName: string): FieldDef => {
  const field = def.fields.find((f) => f.apiName === apiName);
  if (!field) throw new Error(apiName);
  return field;
};

describe('diffSnapshots: new objects', () => {
  it('creates every table before any foreign key, whatever the document order', () => {
    const plan = planOf(EMPTY_SNAPSHOT, [normalise(opportunityDef()), normalise(accountDef())]);
    expect(kinds(plan)).toEqual([
      'create_table opportunity',
      'create_table account',
      'add_column opportunity.name',
      'add_column opportunity.notes',
      'add_column opportunity.quantity',
      'add_column opportunity.amount',
      'add_column opportunity.probability',
      'add_column opportunity.is_private',
      'add_column opportunity.close_date',
      'add_column opportunity.last_call_at',
      'add_column opportunity.contact_email',
      'add_unique opportunity.contact_email',
      'add_column opportunity.contact_phone',
      'add_column opportunity.website',
      'add_column opportunity.stage',
      'add_column opportunity.tags',
      'add_column opportunity.account',
      'create_sequence opportunity.code',
      'add_column opportunity.code',
      'add_column account.name',
      'add_column account.parent',
      'create_index opportunity',
      'create_index opportunity',
      'add_foreign_key opportunity.account',
      'add_foreign_key account.parent',
    ]);
    expect(plan.actions).toContainEqual({
      kind: 'add_foreign_key',
      object: 'account',
      field: 'parent',
      target: 'account',
      onDelete: 'setNull',
      constraintName: 'fk_account_parent',
    });
    expect(plan.actions).toContainEqual({ kind: 'add_unique', object: 'opportunity', field: 'contact_email', indexName: 'uq_opportunity_contact_email' });
    expect(plan.actions).toContainEqual({ kind: 'create_sequence', object: 'opportunity', field: 'code', sequenceName: 'opportunity_code_seq', startAt: 100 });
    expect(plan.next.objects.map((o) => o.apiName)).toEqual(['account', 'opportunity']);
  });

  it('supports cycles between objects', () => {
    const a: ObjectDef = { apiName: 'a', labels: { en: 'A' }, fields: [{ type: 'lookup', apiName: 'b', labels: { en: 'B' }, target: 'b' }] };
    const b: ObjectDef = { apiName: 'b', labels: { en: 'B' }, fields: [{ type: 'lookup', apiName: 'a', labels: { en: 'A' }, target: 'a' }] };
    expect(kinds(planOf(EMPTY_SNAPSHOT, [a, b].map(normalise)))).toEqual([
      'create_table a',
      'create_table b',
      'add_column a.b',
      'add_column b.a',
      'add_foreign_key a.b',
      'add_foreign_key b.a',
    ]);
  });
});

describe('diffSnapshots: changes to existing objects', () => {
  const live = liveOf(accountDef(), opportunityDef());

  it('plans nothing for identical input and keeps other objects', () => {
    const plan = planOf(live, [normalise(opportunityDef())]);
    expect(plan.actions).toEqual([]);
    expect(plan.next).toEqual(live);
  });

  it('adds fields with their sequences, unique indexes and foreign keys', () => {
    const next = changed(opportunityDef(), (def) => {
      def.fields.push(
        { type: 'autonumber', apiName: 'ref', labels: { en: 'Ref' }, format: 'R{00}', unique: true },
        { type: 'lookup', apiName: 'partner', labels: { zh: '伙伴' }, target: 'account', required: true },
      );
    });
    const plan = planOf(live, [next]);
    expect(kinds(plan)).toEqual([
      'create_sequence opportunity.ref',
      'add_column opportunity.ref',
      'add_unique opportunity.ref',
      'add_column opportunity.partner',
      'add_foreign_key opportunity.partner',
    ]);
    expect(plan.actions[4]).toMatchObject({ onDelete: 'restrict', target: 'account' });
    expect(plan.next.objects.find((o) => o.apiName === 'opportunity')?.fields).toHaveLength(17);
  });

  it('adds indexes', () => {
    const next = changed(opportunityDef(), (def) => def.indexes?.push({ fields: ['account', '-close_date'] }));
    const plan = planOf(live, [next]);
    expect(plan.actions).toEqual([
      {
        kind: 'create_index',
        object: 'opportunity',
        index: {
          name: 'ix_opportunity_account_close_date',
          unique: false,
          columns: [
            { field: 'account', descending: false },
            { field: 'close_date', descending: true },
          ],
        },
      },
    ]);
  });

  it('updates metadata only for labels, descriptions, help text and the name field', () => {
    const next = changed(opportunityDef(), (def) => {
      def.labels = { en: 'Deal', zh: '交易' };
      def.pluralLabels = { en: 'Deals' };
      def.description = 'Changed';
      def.nameField = 'code';
      const amount = fieldOf(def, 'amount');
      amount.labels = { zh: '总金额' };
      amount.helpText = { en: 'Including tax' };
      fieldOf(def, 'name').description = 'The deal name';
      const stage = fieldOf(def, 'stage');
      if (stage.type === 'picklist' && stage.values[1]) stage.values[1].labels = { en: 'Won', zh: '赢单' };
    });
    expect(planOf(live, [next]).actions).toEqual([
      { kind: 'update_metadata', object: 'opportunity', changes: ['labels', 'pluralLabels', 'description', 'nameField'] },
      { kind: 'update_metadata', object: 'opportunity', field: 'name', changes: ['description'] },
      { kind: 'update_metadata', object: 'opportunity', field: 'amount', changes: ['labels', 'helpText'] },
      { kind: 'update_metadata', object: 'opportunity', field: 'stage', changes: ['values/closed_won/labels'] },
    ]);
  });

  it.each<[string, (def: ObjectDef) => void, string, string]>([
    ['type', (def) => Object.assign(fieldOf(def, 'quantity'), { type: 'text' }), '/fields/2/type', 'changing the type of opportunity.quantity from number to text is not supported yet'],
    ['required', (def) => Object.assign(fieldOf(def, 'notes'), { required: true }), '/fields/1/required', 'changing required of opportunity.notes from false to true is not supported yet'],
    ['unique', (def) => Object.assign(fieldOf(def, 'contact_email'), { unique: false }), '/fields/8/unique', 'changing unique of opportunity.contact_email from true to false'],
    ['length', (def) => Object.assign(fieldOf(def, 'name'), { maxLength: 80 }), '/fields/0/maxLength', 'changing maxLength of opportunity.name from 120 to 80'],
    ['precision', (def) => Object.assign(fieldOf(def, 'quantity'), { precision: 12 }), '/fields/2/precision', 'changing precision of opportunity.quantity from 10 to 12'],
    ['scale', (def) => Object.assign(fieldOf(def, 'amount'), { scale: 4 }), '/fields/3/scale', 'changing scale of opportunity.amount from 2 to 4'],
    ['lookup target', (def) => Object.assign(fieldOf(def, 'account'), { target: 'opportunity' }), '/fields/13/target', 'changing target of opportunity.account from "account" to "opportunity"'],
    ['onDelete', (def) => Object.assign(fieldOf(def, 'account'), { onDelete: 'cascade' }), '/fields/13/onDelete', 'changing onDelete of opportunity.account from "setNull" to "cascade"'],
    ['autonumber format', (def) => Object.assign(fieldOf(def, 'code'), { format: '{000000}' }), '/fields/14/format', 'changing format of opportunity.code'],
    ['picklist values', (def) => (fieldOf(def, 'stage') as { values: unknown[] }).values.pop(), '/fields/11/values', 'changing the picklist values of opportunity.stage is not supported yet'],
    ['a default', (def) => Object.assign(fieldOf(def, 'notes'), { default: 'x' }), '/fields/1/default', 'changing default of opportunity.notes from "无" to "x"'],
    ['removing a field', (def) => def.fields.splice(1, 1), '/fields', 'removing field opportunity.notes is not supported yet'],
    ['removing an index', (def) => def.indexes?.pop(), '/indexes', 'removing the index on opportunity (code) is not supported yet'],
  ])('refuses changing %s with TSR209', (_, change, path, message) => {
    const errors = errorsOf(live, [changed(opportunityDef(), change)], ['']);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.code).toBe('TSR209');
    expect(errors[0]?.path).toBe(path);
    expect(errors[0]?.message).toContain(message);
  });

  it('reports every refusal at once, with bundle paths by default', () => {
    const next = changed(opportunityDef(), (def) => {
      Object.assign(fieldOf(def, 'quantity'), { type: 'text' });
      Object.assign(fieldOf(def, 'name'), { required: false });
    });
    expect(errorsOf(live, [normalise(accountDef()), next]).map((e) => e.path)).toEqual([
      '/objects/1/fields/0/required',
      '/objects/1/fields/2/type',
    ]);
  });
});

describe('diffSnapshots: storage names', () => {
  it('refuses a derived name that another object already holds (TSR216)', () => {
    const ab: ObjectDef = { apiName: 'a_b', labels: { en: 'AB' }, fields: [{ type: 'autonumber', apiName: 'c', labels: { en: 'C' }, format: '{0}' }] };
    const a: ObjectDef = { apiName: 'a', labels: { en: 'A' }, fields: [{ type: 'autonumber', apiName: 'b_c', labels: { en: 'BC' }, format: '{0}' }] };
    const errors = errorsOf(liveOf(ab), [normalise(a)], ['']);
    expect(errors).toEqual([
      {
        path: '/fields/0/apiName',
        code: 'TSR216',
        message: "the storage name 'a_b_c_seq' of the sequence of a.b_c is already used by the sequence of a_b.c; rename one of them",
      },
    ]);
    expect(diffSnapshots(liveOf(ab), [normalise({ ...a, apiName: 'z' })]).ok).toBe(true);
  });
});
