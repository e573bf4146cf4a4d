// The SQL write and the steps after it, each run alone on a real tenant: the multi-row insert and
// missed writes, validation rules, 查重 keys, stage rules and history, field history, delete rules
// and the restore cascade. Contexts carry the written row as write-rows.ts would leave it.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyDeleteRules, restoreCascade } from './apply-delete-rules.ts';
import { checkValidationRules } from './check-validation-rules.ts';
import { recordFieldHistory } from './record-field-history.ts';
import { recordStageMove } from './record-stage-move.ts';
import { type StepTenant, stepContext, stepTenant } from './step-fixture.ts';
import { storeDuplicateKeys } from './store-duplicate-keys.ts';
import { writeRows } from './write-rows.ts';

let tenant: StepTenant;
const rows = async (query: ReturnType<typeof sql>) => (await query.execute(tenant.database.db)).rows as Record<string, unknown>[];
const written = (record: Record<string, unknown>) => ({ written: { id: record.id as string, json: JSON.stringify(record), version: 1, record } });

beforeAll(async () => {
  tenant = await stepTenant('after_steps');
}, 120_000);
afterAll(async () => tenant?.close());

describe('write rows', () => {
  it('creates many records in one INSERT and returns them in plan order', async () => {
    const context = stepContext(
      tenant,
      'create',
      tenant.object('account'),
      ['Zeta', 'Alpha', 'Mu'].map((name) => ({ values: { name } })),
    );
    await writeRows.run(context);
    expect(context.items.map((item) => item.written?.record?.name)).toEqual(['Zeta', 'Alpha', 'Mu']);
    expect(context.items.map((item) => JSON.parse(item.written?.json ?? '{}').name)).toEqual(['Zeta', 'Alpha', 'Mu']);
  });

  it('explains a patch that matches no row: stale version 409 TSR112, missing 404 TSR111', async () => {
    const created = stepContext(tenant, 'create', tenant.object('account'), [{ values: { name: 'Versioned' } }]);
    await writeRows.run(created);
    const id = created.items[0]?.written?.id as string;
    await expect(
      writeRows.run(stepContext(tenant, 'patch', tenant.object('account'), [{ id, values: { name: 'V2' }, expectedVersion: 7 }])),
    ).rejects.toMatchObject({ code: 'TSR112' });
    await expect(
      writeRows.run(stepContext(tenant, 'patch', tenant.object('account'), [{ id: '01900000-0000-7000-8000-00000000dead', values: { name: 'x' } }])),
    ).rejects.toMatchObject({ code: 'TSR111' });
  });
});

describe('check validation rules', () => {
  it('refuses a written record that fails a rule (422 TSR500) and passes one that meets it', async () => {
    const run = (amount: number) =>
      checkValidationRules.run(stepContext(tenant, 'create', tenant.object('deal'), [{ values: {} }], { states: [written({ id: 'x', name: 'D', amount })] }));
    await expect(run(-1)).rejects.toMatchObject({ code: 'TSR500', errors: [{ code: 'TSR500', path: '' }] });
    await expect(run(1)).resolves.toBeUndefined();
  });
});

describe('store duplicate keys', () => {
  it('stores a record’s keys and refuses a second record with the same key (409 TSR510)', async () => {
    const ids = ['01900000-0000-7000-8000-0000000000d1', '01900000-0000-7000-8000-0000000000d2'];
    const run = (id: string, name: string) =>
      storeDuplicateKeys.run(stepContext(tenant, 'create', tenant.object('account'), [{ values: {} }], { states: [written({ id, name })] }));
    await run(ids[0] as string, 'Acme');
    await expect(run(ids[1] as string, 'ACME')).rejects.toMatchObject({ code: 'TSR510' });
    expect(await rows(sql`select record_id from ${sql.id(tenant.schema, '_dup_keys')} where record_id = any(${ids}::uuid[])`)).toEqual([{ record_id: ids[0] }]);
  });
});

describe('stage rules and history', () => {
  it('refuses a move whose requirements are unmet and records one that meets them, with the time in the previous stage', async () => {
    const id = '01900000-0000-7000-8000-0000000000e1';
    const previous = { id, name: 'D', amount: null, stage: 'open', created_at: '2026-12-06T09:00:00.000Z' };
    const move = (after: Record<string, unknown>) =>
      recordStageMove.run(
        stepContext(tenant, 'patch', tenant.object('deal'), [{ id, values: { stage: 'won' } }], {
          states: [{ stored: { version: 1, deletedAt: null, visible: true, allowed: true, record: previous }, ...written({ ...previous, ...after }) }],
        }),
      );
    await expect(move({ stage: 'won' })).rejects.toMatchObject({ code: 'TSR531' });
    await move({ stage: 'won', amount: 10 });
    expect(
      await rows(
        sql`select from_stage, to_stage, seconds_in_previous::float as seconds from ${sql.id(tenant.schema, '_stage_history')} where record_id = ${id}::uuid`,
      ),
    ).toEqual([{ from_stage: 'open', to_stage: 'won', seconds: 3600 }]);
  });
});

describe('field history', () => {
  it('records one entry per changed tracked field, old → new, in one INSERT', async () => {
    const id = '01900000-0000-7000-8000-0000000000f1';
    const before = { id, name: 'D', amount: 1, stage: 'open' };
    const context = stepContext(tenant, 'patch', tenant.object('deal'), [{ id, values: { amount: 2, stage: 'open', name: 'E' } }], {
      tracked: ['amount', 'stage'],
      states: [{ stored: { version: 1, deletedAt: null, visible: true, allowed: true, record: before }, ...written({ ...before, amount: 2, name: 'E' }) }],
    });
    await recordFieldHistory.run(context);
    expect(
      await rows(sql`select field, old_value, new_value, operation from ${sql.id(tenant.schema, '_field_history')} where record_id = ${id}::uuid`),
    ).toEqual([{ field: 'amount', old_value: 1, new_value: 2, operation: 'update' }]);
  });
});

describe('delete rules and the restore cascade', () => {
  it('cascades a deleted account to its deals and brings them back with it', async () => {
    const account = await rows(sql`insert into ${sql.id(tenant.schema, 'account')} (name) values ('Parent') returning id`);
    const accountId = account[0]?.id as string;
    await sql`insert into ${sql.id(tenant.schema, 'deal')} (name, account) values ('Child', ${accountId}::uuid)`.execute(tenant.database.db);
    // One transaction, as the pipeline runs it: the parent's and the children's deleted_at are the same now().
    const deletedAt = await tenant.database.db.transaction().execute(async (trx) => {
      const stamped = await sql<{
        d: string;
      }>`update ${sql.id(tenant.schema, 'account')} set deleted_at = now() where id = ${accountId}::uuid returning deleted_at::text as d`.execute(trx);
      await applyDeleteRules.run({ ...stepContext(tenant, 'delete', tenant.object('account'), [{ id: accountId, values: {} }]), db: trx });
      return stamped.rows[0]?.d as string;
    });
    const child = () => rows(sql`select deleted_at::text as d from ${sql.id(tenant.schema, 'deal')} where account = ${accountId}::uuid`);
    expect((await child())[0]?.d).toBe(deletedAt);
    await sql`update ${sql.id(tenant.schema, 'account')} set deleted_at = null where id = ${accountId}::uuid`.execute(tenant.database.db);
    await restoreCascade.run(
      stepContext(tenant, 'restore', tenant.object('account'), [{ id: accountId, values: {} }], {
        states: [{ stored: { version: 2, deletedAt, visible: true, allowed: true } }],
      }),
    );
    expect((await child())[0]?.d).toBeNull();
  });
});
