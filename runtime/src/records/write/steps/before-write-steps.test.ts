// The steps before the SQL write, each run alone on a real tenant: lock and read, access and
// versions, the approval lock, lookups to hidden records. Each gets a context as the steps before
// it would leave it (step-fixture.ts), so a failure points at one step.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompiledObject } from '../../../catalog/catalog-types.ts';
import { checkAccess } from './check-access.ts';
import { checkApprovalLock } from './check-approval-lock.ts';
import { lockAndRead } from './lock-and-read.ts';
import { refuseHiddenLookups } from './refuse-hidden-lookups.ts';
import { type StepTenant, stepContext, stepTenant } from './step-fixture.ts';

let tenant: StepTenant;
const MISSING = '01900000-0000-7000-8000-00000000dead';
const insert = async (object: string, values: Record<string, unknown>): Promise<string> => {
  const names = Object.keys(values);
  const result = await sql<{ id: string }>`insert into ${sql.id(tenant.schema, object)} (${sql.join(names.map((name) => sql.id(name)))})
    values (${sql.join(names.map((name) => values[name]))}) returning id`.execute(tenant.database.db);
  return (result.rows[0] as { id: string }).id;
};

beforeAll(async () => {
  tenant = await stepTenant('before_steps');
}, 120_000);
afterAll(async () => tenant?.close());

describe('lock and read', () => {
  it('reads every planned row in one statement, with version, state and the stored record', async () => {
    const a = await insert('deal', { name: 'A', amount: 1, stage: 'open' });
    const b = await insert('deal', { name: 'B', amount: 2, stage: 'open' });
    const context = stepContext(tenant, 'patch', tenant.object('deal'), [
      { id: a, values: {} },
      { id: MISSING, values: {} },
      { id: b, values: {} },
    ]);
    await lockAndRead.run(context);
    expect(context.items[0]?.stored).toMatchObject({ version: 1, deletedAt: null, visible: true, allowed: true, record: { id: a, name: 'A', amount: 1 } });
    expect(context.items[1]?.stored).toBeUndefined();
    expect(context.items[2]?.stored?.record).toMatchObject({ id: b, name: 'B' });
  });
});

describe('check access', () => {
  const object = () => tenant.object('deal');
  const run = (stored: object | undefined, kind: 'patch' | 'restore' = 'patch', expectedVersion?: number) =>
    checkAccess.run(
      stepContext(tenant, kind, object(), [{ id: MISSING, values: {}, ...(expectedVersion === undefined ? {} : { expectedVersion }) }], {
        states: [stored ? { stored: stored as never } : {}],
      }),
    );
  const live = { version: 2, deletedAt: null, visible: true, allowed: true };

  it('answers a missing, hidden or deleted record as not found (TSR111)', async () => {
    await expect(run(undefined)).rejects.toMatchObject({ code: 'TSR111' });
    await expect(run({ ...live, visible: false })).rejects.toMatchObject({ code: 'TSR111' });
    await expect(run({ ...live, deletedAt: '2026-01-01' })).rejects.toMatchObject({ code: 'TSR111' });
  });

  it('refuses a visible record the caller may not change (TSR302), a stale version (TSR112), a restore of a live record (TSR100)', async () => {
    await expect(run({ ...live, allowed: false })).rejects.toMatchObject({ code: 'TSR302' });
    await expect(run(live, 'patch', 1)).rejects.toMatchObject({ code: 'TSR112' });
    await expect(run(live, 'restore')).rejects.toMatchObject({ code: 'TSR100' });
    await expect(run(live, 'patch', 2)).resolves.toBeUndefined();
  });
});

describe('check approval lock', () => {
  it('refuses a user’s write to a record with a pending request (TSR559) and lets other records through', async () => {
    const locked = await insert('deal', { name: 'Locked', amount: 1, stage: 'open' });
    const free = await insert('deal', { name: 'Free', amount: 1, stage: 'open' });
    await sql`insert into ${sql.id(tenant.schema, '_approval_requests')} (object, record_id, flow, flow_version, definition, status, submitter, submitted_at)
      values ('deal', ${locked}::uuid, 'check', 1, '{"steps":[{"apiName":"boss"}]}'::jsonb, 'pending', 'integration', now())`.execute(tenant.database.db);
    const context = (id: string) => stepContext(tenant, 'patch', tenant.object('deal'), [{ id, values: { amount: 2 } }], { admin: false });
    await expect(checkApprovalLock.run(context(locked))).rejects.toMatchObject({ code: 'TSR559' });
    await expect(checkApprovalLock.run(context(free))).resolves.toBeUndefined();
  });
});

describe('refuse hidden lookup targets', () => {
  it('refuses a lookup to a record the writer cannot see exactly like a missing one (TSR411)', async () => {
    const shown = await insert('account', { name: 'Shown' });
    const hidden = await insert('account', { name: 'Hidden' });
    // A user's view: accounts named Hidden are not theirs to see.
    const account = tenant.object('account');
    const view: CompiledObject = { ...account, rowAccess: { read: (alias: string) => sql`${sql.ref(`${alias}.name`)} <> 'Hidden'` } as never };
    const catalog = { ...tenant.catalog, objects: new Map([...tenant.catalog.objects, ['account', view]]), unrestricted: tenant.catalog };
    const context = (id: string) => ({ ...stepContext(tenant, 'create', tenant.object('deal'), [{ values: { name: 'D', account: id } }]), catalog });
    await expect(refuseHiddenLookups.run(context(hidden))).rejects.toMatchObject({ code: 'TSR411', errors: [{ path: '/account' }] });
    await expect(refuseHiddenLookups.run(context(MISSING))).rejects.toMatchObject({ code: 'TSR411' });
    await expect(refuseHiddenLookups.run(context(shown))).resolves.toBeUndefined();
  });
});
