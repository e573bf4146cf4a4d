import { describe, expect, it } from 'vitest';
import type { MigrationAction, MigrationPlan } from '../migration-actions.ts';
import { EMPTY_SNAPSHOT } from '../normalised-types.ts';
import { validateDocument } from '../validate/validate-document.ts';
import { diffSnapshots } from './diff-snapshots.ts';
import { ruleStorageActions } from './rule-storage-actions.ts';

// A company with roll-ups over its deals and a duplicate rule on deals, changed one part at a time.
const company = (fields: unknown[] = [], extra: Record<string, unknown> = {}) => ({
  apiName: 'company',
  labels: { en: 'Company' },
  fields: [{ apiName: 'name', type: 'text', labels: { en: 'Name' } }, ...fields],
  ...extra,
});
const deal = (extra: Record<string, unknown> = {}, amountType = 'number') => ({
  apiName: 'deal',
  labels: { en: 'Deal' },
  fields: [
    { apiName: 'name', type: 'text', labels: { en: 'Name' } },
    { apiName: 'amount', type: amountType, labels: { en: 'Amount' }, precision: 12, scale: 0 },
    { apiName: 'note', type: 'text', labels: { en: 'Note' } },
    { apiName: 'company', type: 'lookup', labels: { en: 'Company' }, target: 'company' },
  ],
  ...extra,
});
const total = (extra: Record<string, unknown> = {}) => ({
  apiName: 'total',
  type: 'rollup',
  labels: { en: 'Total' },
  childObject: 'deal',
  childField: 'company',
  function: 'sum',
  aggregateField: 'amount',
  ...extra,
});
const count = { apiName: 'deals', type: 'rollup', labels: { en: 'Deals' }, childObject: 'deal', childField: 'company', function: 'count' };
const sameName = (extra: Record<string, unknown> = {}) => ({
  apiName: 'same_name',
  fields: [{ field: 'name', normalise: ['case'] }],
  action: 'block',
  ...extra,
});

/** The plan of an empty tenant applying these objects. */
function planOf(...objects: unknown[]): MigrationPlan {
  const validated = validateDocument({ objects }, EMPTY_SNAPSHOT);
  if (!validated.ok) throw new Error(JSON.stringify(validated.errors));
  const diffed = diffSnapshots(EMPTY_SNAPSHOT, validated.value);
  if (!diffed.ok) throw new Error(JSON.stringify(diffed.errors));
  return diffed.value;
}

const actions = (live: unknown[], next: unknown[]): MigrationAction[] => ruleStorageActions(planOf(...live).next, planOf(...next).next);

describe('ruleStorageActions: roll-ups', () => {
  it('creates the child triggers and backfills a new roll-up', () => {
    expect(actions([company(), deal()], [company([total(), count]), deal()])).toEqual([
      { kind: 'sync_rollup_triggers', object: 'deal', rollups: ['company.deals', 'company.total'] },
      { kind: 'backfill_rollup', object: 'company', field: 'total', childObject: 'deal' },
      { kind: 'backfill_rollup', object: 'company', field: 'deals', childObject: 'deal' },
    ]);
  });

  it('does nothing for a relabelled roll-up or a change to a child field no roll-up reads', () => {
    const live = [company([total()]), deal()];
    expect(actions(live, [company([total({ labels: { en: 'Sum', zh: '合计' } })]), deal()])).toEqual([]);
    expect(
      actions(live, [
        company([total()], { labels: { en: 'Customer' } }),
        { ...deal(), fields: [...deal().fields, { apiName: 'x', type: 'text', labels: { en: 'X' } }] },
      ]),
    ).toEqual([]);
  });

  it('re-creates the triggers and backfills when the filter changes', () => {
    const filtered = total({ filter: { '>': [{ var: 'amount' }, 10] } });
    expect(actions([company([total()]), deal()], [company([filtered]), deal()])).toEqual([
      { kind: 'sync_rollup_triggers', object: 'deal', rollups: ['company.total'] },
      { kind: 'backfill_rollup', object: 'company', field: 'total', childObject: 'deal' },
    ]);
  });

  it('re-creates the triggers, without a backfill, when the type of a child field it reads changes', () => {
    const filtered = total({ filter: { '==': [{ var: 'note' }, 'x'] } });
    const live = [company([filtered]), deal()];
    const next = [company([filtered]), { ...deal(), fields: deal().fields.map((f) => (f.apiName === 'note' ? { ...f, type: 'textarea' } : f)) }];
    expect(actions(live, next)).toEqual([{ kind: 'sync_rollup_triggers', object: 'deal', rollups: ['company.total'] }]);
  });

  it('removes the triggers with the last roll-up over the child', () => {
    expect(actions([company([total()]), deal()], [company(), deal()])).toEqual([{ kind: 'sync_rollup_triggers', object: 'deal', rollups: [] }]);
  });
});

describe('ruleStorageActions: duplicate rules', () => {
  it('adds the trigger and stores the keys of a new rule', () => {
    expect(actions([company(), deal()], [company(), deal({ duplicateRules: [sameName()] })])).toEqual([
      { kind: 'sync_duplicate_trigger', object: 'deal', enabled: true },
      { kind: 'backfill_duplicate_keys', object: 'deal', rules: ['same_name'], clearedRules: [] },
    ]);
  });

  it('ignores a new message, rewrites keys of a changed rule, clears those of a deactivated or removed one', () => {
    const live = [company(), deal({ duplicateRules: [sameName(), sameName({ apiName: 'other', action: 'warn' })] })];
    expect(
      actions(live, [company(), deal({ duplicateRules: [sameName({ message: { en: 'Taken' } }), sameName({ apiName: 'other', action: 'warn' })] })]),
    ).toEqual([]);
    expect(
      actions(live, [company(), deal({ duplicateRules: [sameName({ action: 'warn' }), sameName({ apiName: 'other', action: 'warn', active: false })] })]),
    ).toEqual([{ kind: 'backfill_duplicate_keys', object: 'deal', rules: ['same_name'], clearedRules: ['other'] }]);
    expect(actions(live, [company(), deal()])).toEqual([
      { kind: 'sync_duplicate_trigger', object: 'deal', enabled: false },
      { kind: 'backfill_duplicate_keys', object: 'deal', rules: [], clearedRules: ['same_name', 'other'] },
    ]);
  });

  it('plans the rule storage of a new object after its table and columns', () => {
    const kinds = planOf(company([total()]), deal({ duplicateRules: [sameName()] })).actions.map((action) => action.kind);
    const firstStorage = kinds.indexOf('sync_rollup_triggers');
    expect(kinds.slice(firstStorage)).toEqual(['sync_rollup_triggers', 'backfill_rollup', 'sync_duplicate_trigger', 'backfill_duplicate_keys']);
    expect(kinds.slice(0, firstStorage)).toContain('add_foreign_key');
  });
});
