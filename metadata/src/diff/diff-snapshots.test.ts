import { describe, expect, it } from 'vitest';
import type { MigrationPlan } from '../migration-actions.ts';
import { EMPTY_SNAPSHOT, type MetadataSnapshot, type NormalisedObject } from '../normalised-types.ts';
import { normalise } from '../normalise/normalise.ts';
import { accountDef, opportunityDef } from '../testing/fixtures.ts';
import type { FieldDef, ObjectDef } from '../types.ts';
import { collectIntent, type EvolutionIntent } from '../evolution/intent.ts';
import { toObjectDef } from '../evolution/to-object-def.ts';
import { diffSnapshots } from './diff-snapshots.ts';

/** The document form of a normalised object, with renamedFrom on the given fields. */
const toDef = (object: NormalisedObject, renames: Record<string, string>): ObjectDef => {
  const def = toObjectDef(object);
  def.fields = def.fields.map((field) => (renames[field.apiName] ? { ...field, renamedFrom: renames[field.apiName] } : field));
  return def;
};

const planOf = (live: MetadataSnapshot, incoming: NormalisedObject[], paths?: string[], intent?: EvolutionIntent): MigrationPlan => {
  const result = diffSnapshots(live, incoming, paths, intent);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
};
const errorsOf = (live: MetadataSnapshot, incoming: NormalisedObject[], paths?: string[], intent?: EvolutionIntent) => {
  const result = diffSnapshots(live, incoming, paths, intent);
  if (result.ok) throw new Error('expected refusals');
  return result.errors;
};
const kinds = (plan: MigrationPlan) =>
  plan.actions.map((a) => {
    const field = a.kind === 'add_column' || a.kind === 'drop_column' ? a.field.apiName : 'field' in a ? a.field : undefined;
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
      'add_column opportunity.reviewer',
      'add_column opportunity.summary',
      'add_column opportunity.call_window',
      'add_column opportunity.related_to',
      'add_column opportunity.location',
      'add_column opportunity.contracts',
      'add_column opportunity.logo',
      'add_column account.name',
      'add_column account.parent',
      'create_index opportunity',
      'create_index opportunity',
      'add_foreign_key opportunity.account',
      'add_foreign_key opportunity.reviewer',
      'create_link_table opportunity.partners',
      'add_foreign_key account.parent',
    ]);
    // A user field's key points at the tenant's users and restricts (users are deactivated, not deleted).
    expect(plan.actions).toContainEqual({
      kind: 'add_foreign_key',
      object: 'opportunity',
      field: 'reviewer',
      target: '_users',
      onDelete: 'restrict',
      constraintName: expect.any(String),
    });
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
    expect(plan.next.objects.find((o) => o.apiName === 'opportunity')?.fields).toHaveLength(opportunityDef().fields.length + 2);
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

  it.each<[string, (def: ObjectDef) => void, string[]]>([
    ['a type with a conversion', (def) => Object.assign(fieldOf(def, 'quantity'), { type: 'text' }), ['alter_column_type opportunity.quantity']],
    ['required', (def) => Object.assign(fieldOf(def, 'notes'), { required: true }), ['set_required opportunity.notes']],
    ['unique off', (def) => Object.assign(fieldOf(def, 'contact_email'), { unique: false }), ['drop_unique opportunity.contact_email']],
    ['length', (def) => Object.assign(fieldOf(def, 'name'), { maxLength: 80 }), ['alter_column_type opportunity.name']],
    ['precision', (def) => Object.assign(fieldOf(def, 'quantity'), { precision: 12 }), ['alter_column_type opportunity.quantity']],
    ['a lookup target', (def) => Object.assign(fieldOf(def, 'account'), { target: 'opportunity' }), ['alter_foreign_key opportunity.account']],
    ['onDelete', (def) => Object.assign(fieldOf(def, 'account'), { onDelete: 'cascade' }), ['alter_foreign_key opportunity.account']],
    ['an autonumber format', (def) => Object.assign(fieldOf(def, 'code'), { format: '{000000}' }), ['set_default opportunity.code']],
    ['a default', (def) => Object.assign(fieldOf(def, 'notes'), { default: 'x' }), ['set_default opportunity.notes']],
    ['a removed picklist value', (def) => (fieldOf(def, 'stage') as { values: unknown[] }).values.pop(), ['remove_picklist_values opportunity.stage']],
    ['a removed field', (def) => def.fields.splice(1, 1), ['drop_column opportunity.notes']],
    ['a removed index', (def) => def.indexes?.pop(), ['drop_index opportunity']],
  ])('plans changing %s', (_, change, expected) => {
    expect(kinds(planOf(live, [changed(opportunityDef(), change)], ['']))).toEqual(expected);
  });

  it('renames a field in place, with its unique index, and follows it in indexes', () => {
    const next = changed(opportunityDef(), (def) => {
      Object.assign(fieldOf(def, 'contact_email'), { apiName: 'email', renamedFrom: 'contact_email' });
      Object.assign(fieldOf(def, 'stage'), { apiName: 'phase', renamedFrom: 'stage' });
      def.indexes = [{ fields: ['phase', '-amount'] }, { fields: ['code'], unique: true }];
    });
    const document = { objects: [toDef(next, { email: 'contact_email', phase: 'stage' })] };
    const plan = planOf(live, [next], [''], collectIntent(document));
    expect(plan.actions).toEqual([
      { kind: 'rename_column', object: 'opportunity', from: 'contact_email', to: 'email', previous: expect.objectContaining({ apiName: 'contact_email' }) },
      { kind: 'rename_column', object: 'opportunity', from: 'stage', to: 'phase', previous: expect.objectContaining({ apiName: 'stage' }) },
      { kind: 'rename_index', object: 'opportunity', from: 'ix_opportunity_stage_amount', to: 'ix_opportunity_phase_amount' },
    ]);
    // The same document again: the rename is already done.
    expect(planOf(plan.next, [next], [''], collectIntent(document)).actions).toEqual([]);
  });

  it('renames picklist values with a remap of existing records', () => {
    const next = changed(opportunityDef(), (def) => {
      const stage = fieldOf(def, 'stage') as { values: { apiName: string; renamedFrom?: string }[] };
      Object.assign(stage.values[1] as object, { apiName: 'won', renamedFrom: 'closed_won' });
      stage.values.push({ apiName: 'lost', labels: { en: 'Lost' } } as never);
    });
    const intent = collectIntent({
      objects: [
        {
          ...opportunityDef(),
          fields: [{ type: 'picklist', apiName: 'stage', labels: { en: 'S' }, values: [{ apiName: 'won', renamedFrom: 'closed_won', labels: { en: 'W' } }] }],
        },
      ],
    });
    expect(planOf(live, [next], [''], intent).actions).toEqual([
      { kind: 'remap_picklist_values', object: 'opportunity', field: 'stage', multiple: false, renames: [{ from: 'closed_won', to: 'won' }] },
      { kind: 'update_metadata', object: 'opportunity', field: 'stage', changes: ['values/won/renamedFrom/closed_won', 'values/lost/added'] },
    ]);
  });

  it('removes objects listed in remove, and refuses while a lookup still points at them', () => {
    const removeAccount = collectIntent({ objects: [], remove: ['account', 'not_live'] });
    expect(errorsOf(live, [], [], removeAccount)).toEqual([
      { path: '/remove/0', code: 'TSR222', message: expect.stringContaining('the lookup opportunity.account points at it') },
      { path: '/remove/0', code: 'TSR222', message: expect.stringContaining('the polylookup opportunity.related_to points at it') },
      { path: '/remove/0', code: 'TSR222', message: expect.stringContaining('the manytomany opportunity.partners points at it') },
    ]);
    const next = changed(opportunityDef(), (def) => {
      def.fields = def.fields.filter((field) => field.apiName !== 'account' && field.apiName !== 'related_to' && field.apiName !== 'partners');
    });
    const plan = planOf(live, [next], ['/objects/0'], removeAccount);
    expect(kinds(plan)).toEqual([
      'drop_column opportunity.account',
      'drop_column opportunity.related_to',
      'drop_link_table opportunity.partners',
      'drop_table account',
    ]);
    expect(plan.next.objects.map((o) => o.apiName)).toEqual(['opportunity']);
  });

  it.each<[string, (def: ObjectDef) => void, string, string, string]>([
    [
      'a type without a conversion',
      (def) => Object.assign(fieldOf(def, 'contact_email'), { type: 'url' }),
      '/fields/8/type',
      'TSR209',
      'has no defined conversion',
    ],
    [
      'the autonumber start',
      (def) => Object.assign(fieldOf(def, 'code'), { startAt: 5 }),
      '/fields/14/startAt',
      'TSR209',
      'cannot change once the field exists',
    ],
    [
      'a rename from a missing field',
      (def) => Object.assign(fieldOf(def, 'name'), { apiName: 'title', renamedFrom: 'nope' }),
      '/fields/0/renamedFrom',
      'TSR221',
      "has no field 'nope'",
    ],
    [
      'a rename onto an existing field',
      (def) => Object.assign(fieldOf(def, 'name'), { renamedFrom: 'notes' }),
      '/fields/0/renamedFrom',
      'TSR221',
      'already exists',
    ],
  ])('refuses %s', (_, change, path, code, message) => {
    const next = changed(opportunityDef(), change);
    const def = structuredClone(opportunityDef());
    change(def);
    const errors = errorsOf(live, [next], [''], collectIntent(def));
    expect(errors).toEqual([{ path, code, message: expect.stringContaining(message) }]);
  });

  it('reports every refusal at once, with bundle paths by default', () => {
    const next = changed(opportunityDef(), (def) => {
      Object.assign(fieldOf(def, 'contact_email'), { type: 'boolean' });
      Object.assign(fieldOf(def, 'stage'), { type: 'date' });
    });
    expect(errorsOf(live, [normalise(accountDef()), next]).map((e) => e.path)).toEqual(['/objects/1/fields/8/type', '/objects/1/fields/11/type']);
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
