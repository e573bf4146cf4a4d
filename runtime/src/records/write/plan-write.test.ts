// Body → frozen write plan, before any SQL: schema problems all at once, If-Match against the body's
// version, expression defaults and owners, and plans no step can change.
import { EMPTY_SNAPSHOT, ruleContextAt, validateDocument } from '@tessera/metadata';
import { describe, expect, it } from 'vitest';
import { compileCatalog } from '../../catalog/compile-catalog.ts';
import { StageTimer } from '../../core/stage-timer.ts';
import { planCreate, planPatch } from './plan-write.ts';
import { STEP_OBJECTS } from './steps/step-fixture.ts';

const validated = validateDocument({ objects: STEP_OBJECTS }, EMPTY_SNAPSHOT);
if (!validated.ok) throw new Error(JSON.stringify(validated.errors));
const catalog = compileCatalog({ tenant: 't', schema: 't_t', revision: 1, snapshot: { objects: validated.value } });
const deal = catalog.objects.get('deal') as NonNullable<ReturnType<typeof catalog.objects.get>>;
const input = {
  object: deal,
  stored: deal,
  rules: { context: ruleContextAt(new Date(), null), language: 'en' as const, confirmDuplicates: false },
  timer: new StageTimer(),
};
const ID = '01900000-0000-7000-8000-000000000001';

describe('planning a write', () => {
  it('freezes the plan, its items and their values', () => {
    const plan = planCreate(input, [{ name: 'A' }, { name: 'B', amount: 3 }]);
    expect(plan.items.map((item) => item.values)).toEqual([{ name: 'A' }, { name: 'B', amount: 3 }]);
    expect(Object.isFrozen(plan) && Object.isFrozen(plan.items) && plan.items.every((item) => Object.isFrozen(item) && Object.isFrozen(item.values))).toBe(
      true,
    );
  });

  it('refuses an invalid body with every problem at once (400 TSR400)', () => {
    expect(() => planCreate(input, [{ amount: 'many', bogus: 1 }])).toThrowError(
      expect.objectContaining({
        code: 'TSR400',
        errors: expect.arrayContaining([expect.objectContaining({ path: '/amount' }), expect.objectContaining({ path: '/bogus' })]),
      }),
    );
  });

  it('takes the expected version from If-Match or the body, and refuses them disagreeing (TSR113)', () => {
    expect(planPatch(input, ID, { amount: 1, version: 3 }, undefined).items[0]).toMatchObject({ id: ID, values: { amount: 1 }, expectedVersion: 3 });
    expect(planPatch(input, ID, { amount: 1 }, 4, undefined).items[0]?.expectedVersion).toBe(4);
    expect(() => planPatch(input, ID, { amount: 1, version: 3 }, 4)).toThrowError(expect.objectContaining({ code: 'TSR113' }));
  });

  it('makes a stage move of a patch that must move, keeping its note', () => {
    const plan = planPatch(input, ID, { stage: 'won' }, undefined, { requireMove: true, comment: 'signed' });
    expect(plan).toMatchObject({ kind: 'stageMove', stage: { comment: 'signed' } });
    expect(planPatch(input, ID, { stage: 'won' }, undefined).kind).toBe('patch');
  });
});
