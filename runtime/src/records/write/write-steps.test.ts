// The order and the needs of the write pipeline, decided without a database: which steps apply to
// which plans, when the stored row is read, when a transaction opens — and that a step added to
// the list changes only what it needs, not what the other steps do.
import { type ObjectDef, validateDocument, EMPTY_SNAPSHOT } from '@tessera/metadata';
import { describe, expect, it } from 'vitest';
import { compileCatalog } from '../../catalog/compile-catalog.ts';
import { activeSteps } from './run-write.ts';
import { STEP_OBJECTS } from './steps/step-fixture.ts';
import type { StepSetup, WriteStep } from './write-context.ts';
import { freezePlan, type WriteItem, type WriteKind } from './write-plan.ts';
import { WRITE_STEPS } from './write-steps.ts';

const memo: ObjectDef = { apiName: 'memo', labels: { en: 'Memo' }, fields: [{ apiName: 'title', type: 'text', labels: { en: 'Title' } }] };
const validated = validateDocument({ objects: [...STEP_OBJECTS, memo] }, EMPTY_SNAPSHOT);
if (!validated.ok) throw new Error(JSON.stringify(validated.errors));
const catalog = compileCatalog({ tenant: 't', schema: 't_t', revision: 1, snapshot: { objects: validated.value } });
const object = (name: string) => catalog.objects.get(name) as NonNullable<ReturnType<typeof catalog.objects.get>>;
const ID = '01900000-0000-7000-8000-000000000001';

const plan = (kind: WriteKind, name: string, values: Record<string, unknown> = {}) => {
  const item: WriteItem = kind === 'create' ? { values } : { id: ID, values };
  return freezePlan({ kind, object: object(name), stored: object(name), items: [item] });
};
const setup = (overrides: Partial<StepSetup> = {}): StepSetup => ({ catalog, tracked: [], admin: true, ...overrides });
const names = (steps: readonly WriteStep[]) => steps.map((step) => step.name);

describe('the write pipeline', () => {
  it('lists every step once, the SQL write in the middle', () => {
    expect(new Set(names(WRITE_STEPS)).size).toBe(WRITE_STEPS.length);
    const write = names(WRITE_STEPS).indexOf('write rows');
    expect(names(WRITE_STEPS).slice(0, write)).toEqual([
      'lock and read',
      'check access',
      'check approval lock',
      'check record type',
      'refuse hidden lookup targets',
      'check user references',
      'check polylookup targets',
      'check link targets',
    ]);
  });

  it('runs a plain create or patch as the SQL write alone, without a transaction', () => {
    for (const kind of ['create', 'patch'] as const) {
      const active = activeSteps(plan(kind, 'memo', { title: 'x' }), setup());
      expect(names(active.steps)).toEqual(['write rows']);
      expect(active.needs.transaction).toBeFalsy();
    }
  });

  it('reads the stored row only when a later step needs it', () => {
    const patch = activeSteps(plan('patch', 'deal', { amount: 5 }), setup());
    expect(names(patch.steps)).toEqual(['lock and read', 'check access', 'write rows', 'check validation rules']);
    expect(patch.needs).toMatchObject({ transaction: true, writtenRecord: true });
    // A create has no stored row: its rules and stage entry read the written record only.
    const create = activeSteps(plan('create', 'deal', { name: 'a' }), setup({ tracked: ['amount'] }));
    expect(names(create.steps)).toEqual(['write rows', 'check validation rules', 'stage rules and history', 'field history']);
  });

  it('returns only the written fields its readers name: 查重 alone reads the rule fields and the id', () => {
    const account = activeSteps(plan('create', 'account', { name: 'a' }), setup());
    expect(names(account.steps)).toEqual(['write rows', 'store duplicate keys']);
    expect(account.needs).toMatchObject({ writtenRecord: true, writtenFields: ['id', 'name'] });
    // A validation rule reads any field: the whole record, however narrow the other readers are.
    const deal = activeSteps(plan('patch', 'deal', { amount: 5 }), setup());
    expect(deal.needs.writtenRecord).toBe(true);
    expect(deal.needs.writtenFields).toBeUndefined();
    expect(activeSteps(plan('create', 'memo', { title: 'x' }), setup()).needs.writtenFields).toBeUndefined();
  });

  it('checks the approval lock for users, not for administrators', () => {
    expect(names(activeSteps(plan('patch', 'deal', { amount: 5 }), setup({ admin: false })).steps)).toContain('check approval lock');
    expect(names(activeSteps(plan('delete', 'deal'), setup({ admin: false })).steps)).toEqual([
      'lock and read',
      'check access',
      'check approval lock',
      'write rows',
    ]);
    expect(names(activeSteps(plan('delete', 'deal'), setup()).steps)).toEqual(['write rows']);
  });

  it('moves stages on a stage move and on a patch of the stage field only', () => {
    expect(names(activeSteps(plan('stageMove', 'deal', { stage: 'won' }), setup()).steps)).toContain('stage rules and history');
    expect(names(activeSteps(plan('patch', 'deal', { stage: 'won' }), setup()).steps)).toContain('stage rules and history');
    expect(names(activeSteps(plan('patch', 'deal', { name: 'b' }), setup()).steps)).not.toContain('stage rules and history');
  });

  it('restores with the stored row (its deleted_at) and the cascade; deletes with the delete rules', () => {
    expect(names(activeSteps(plan('restore', 'account'), setup()).steps)).toEqual(['lock and read', 'check access', 'write rows', 'restore cascaded children']);
    expect(names(activeSteps(plan('delete', 'account'), setup()).steps)).toEqual(['write rows', 'delete rules']);
  });

  it('a new step that needs the stored row gets it without changing what the others do', () => {
    const probe: WriteStep = { name: 'probe', applies: () => true, needs: { stored: true, transaction: true }, run: async () => undefined };
    const base = names(activeSteps(plan('patch', 'memo', { title: 'x' }), setup()).steps);
    const extended = names(activeSteps(plan('patch', 'memo', { title: 'x' }), setup(), [...WRITE_STEPS, probe]).steps);
    expect(base).toEqual(['write rows']);
    expect(extended).toEqual(['lock and read', 'check access', 'write rows', 'probe']);
  });
});
