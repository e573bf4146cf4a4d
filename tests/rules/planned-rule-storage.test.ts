// Rule storage is planned, on PostgreSQL and PGlite: adding a roll-up to companies with deals is a
// data-touching step with the parent row count (and needs the plan hash), a duplicate rule's key
// backfill shows the rows it reads; the apply runs those steps in plan order (roll-up values
// right, keys stored, triggers in place), removing them removes their storage, and a blocking rule
// over existing duplicates rolls everything back with 422 TSR506.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDriverKinds } from '../../runtime/src/db/test-database.ts';
import { companyDef, createDeal, dealDef, evolve, freshTenant, plan, storageFingerprint, type Tenant } from '../metadata-evolution/evolution-support.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const kinds = await testDriverKinds();

const ROLLUPS = [
  {
    apiName: 'deal_total',
    type: 'rollup',
    labels: { en: 'Deal total', zh: '交易金额' },
    childObject: 'deal',
    childField: 'company',
    function: 'sum',
    aggregateField: 'amount',
  },
  { apiName: 'deal_count', type: 'rollup', labels: { en: 'Deals', zh: '交易数' }, childObject: 'deal', childField: 'company', function: 'count' },
];
const SAME_NAME = { apiName: 'same_name', fields: [{ field: 'name', normalise: ['case', 'whitespace'] }], action: 'warn' };

const withRollups = (rollups: unknown[] = ROLLUPS) => ({ objects: [{ ...companyDef(), fields: [...companyDef().fields, ...rollups] }, dealDef()] });
const withRule = (rules: unknown[]) => ({ objects: [companyDef(), { ...dealDef(), duplicateRules: rules }] });

describe.each(kinds)('planned rule storage on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(async () => server?.close());

  const query = async <T>(statement: ReturnType<typeof sql<T>>): Promise<T[]> => (await statement.execute(server.database.db)).rows;
  const triggersOf = async (tenant: Tenant, table: string) =>
    (
      await query(sql<{ name: string }>`
        select t.tgname as name from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = ${tenant.schema} and c.relname = ${table} and not t.tgisinternal order by 1`)
    ).map((row) => row.name);

  /** Three companies: Acme with deals of 100 and 20, Beta with one of 5, Corp with none. */
  async function populated(): Promise<{ tenant: Tenant; ids: Record<'acme' | 'beta' | 'corp', string> }> {
    const tenant = await freshTenant(server, 'rs');
    const company = async (name: string) => {
      const created = await tenant.api.post('/api/v1/objects/company/records', { name });
      expect(created.status, created.text).toBe(201);
      return created.body.id as string;
    };
    const ids = { acme: await company('Acme'), beta: await company('Beta'), corp: await company('Corp') };
    await createDeal(tenant.api, { name: 'A1', amount: 100, company: ids.acme });
    await createDeal(tenant.api, { name: 'A2', amount: 20, company: ids.acme });
    await createDeal(tenant.api, { name: 'B1', amount: 5, company: ids.beta });
    return { tenant, ids };
  }

  it('plans a roll-up over existing children as touching every parent, and the apply computes it', async () => {
    const { tenant, ids } = await populated();
    const planned = await plan(tenant.api, withRollups());
    expect(planned.status, planned.text).toBe(200);
    const storage = planned.body.steps.filter((step: { kind: string }) => step.kind === 'sync_rollup_triggers' || step.kind === 'backfill_rollup');
    expect(storage).toEqual([
      expect.objectContaining({ kind: 'sync_rollup_triggers', object: 'deal', risk: 'safe', rows: 0 }),
      expect.objectContaining({ kind: 'backfill_rollup', object: 'company', field: 'deal_total', risk: 'touches_data', rows: 3 }),
      expect.objectContaining({ kind: 'backfill_rollup', object: 'company', field: 'deal_count', risk: 'touches_data', rows: 3 }),
    ]);
    expect(storage[1].description).toBe('compute the roll-up company.deal_total (from deal) on every company record');
    expect(planned.body.requiresPlanHash).toBe(true);
    expect(planned.body.actions).toContainEqual({ kind: 'backfill_rollup', object: 'company', field: 'deal_total', childObject: 'deal' });

    // Unreviewed, the data-touching backfill is refused with its step named, and nothing changes.
    const before = await storageFingerprint(server, tenant.schema);
    const unreviewed = await tenant.api.apply(withRollups());
    expect(unreviewed.status, unreviewed.text).toBe(428);
    expect(unreviewed.body.code).toBe('TSR219');
    const backfillStep = storage[1].step - 1;
    expect(unreviewed.body.errors).toContainEqual(expect.objectContaining({ path: `/steps/${backfillStep}`, code: 'TSR219' }));
    expect(await storageFingerprint(server, tenant.schema)).toEqual(before);
    expect(await triggersOf(tenant, 'deal')).toEqual([]);

    const { applied } = await evolve(tenant.api, withRollups());
    expect(applied.status, applied.text).toBe(200);
    const rows = await tenant.api.list('company', { sort: 'name' });
    expect(rows.body.data.map((row) => [row.id, row.deal_total, row.deal_count])).toEqual([
      [ids.acme, 120, 2],
      [ids.beta, 5, 1],
      [ids.corp, 0, 0],
    ]);
    // The recorded revision carries the same steps the review showed.
    const revision = await query(sql<{ plan: { steps: { kind: string; rows: number }[] } }>`
      select plan from ${sql.id(tenant.schema, '_meta_revision')} where revision = 2`);
    expect(revision[0]?.plan.steps.filter((step) => step.kind === 'backfill_rollup').map((step) => step.rows)).toEqual([3, 3]);
    // The triggers follow child writes from now on.
    expect(await triggersOf(tenant, 'deal')).toEqual(['tsr_rollup_delete', 'tsr_rollup_insert', 'tsr_rollup_update']);
    await createDeal(tenant.api, { name: 'C1', amount: 7, company: ids.corp });
    expect((await tenant.api.get(`/api/v1/objects/company/records/${ids.corp}`)).body).toMatchObject({ deal_total: 7, deal_count: 1 });

    // Removing the last roll-up removes the child's triggers, as a planned step.
    const removed = await evolve(tenant.api, withRollups([]), { allowDestructive: true });
    expect(removed.applied.status, removed.applied.text).toBe(200);
    expect(removed.plan.steps).toContainEqual(
      expect.objectContaining({ kind: 'sync_rollup_triggers', object: 'deal', description: 'remove the roll-up triggers on deal' }),
    );
    expect(await triggersOf(tenant, 'deal')).toEqual([]);
  });

  it('plans the key backfill of a new duplicate rule with the rows it reads, and stores the keys', async () => {
    const { tenant } = await populated();
    const deleted = await createDeal(tenant.api, { name: 'a1 ' });
    expect((await tenant.api.delete(`/api/v1/objects/deal/records/${deleted.id}`)).status).toBe(204);
    const planned = await plan(tenant.api, withRule([SAME_NAME]));
    expect(planned.status, planned.text).toBe(200);
    expect(planned.body.steps.filter((step: { kind: string }) => step.kind.includes('duplicate'))).toEqual([
      expect.objectContaining({ kind: 'sync_duplicate_trigger', object: 'deal', risk: 'safe', rows: 0 }),
      expect.objectContaining({
        kind: 'backfill_duplicate_keys',
        object: 'deal',
        risk: 'safe',
        rows: 4,
        description: 'store the duplicate keys of every deal record for same_name',
      }),
    ]);

    const { applied } = await evolve(tenant.api, withRule([SAME_NAME]));
    expect(applied.status, applied.text).toBe(200);
    // A key is the JSON array of the rule's normalised values.
    const keys = await query(sql<{ key: string; live: boolean }>`
      select key, live from ${sql.id(tenant.schema, '_dup_keys')} where object = 'deal' and rule = 'same_name' order by key, live`);
    expect(keys).toEqual([
      { key: '["a1"]', live: false },
      { key: '["a1"]', live: true },
      { key: '["a2"]', live: true },
      { key: '["b1"]', live: true },
    ]);
    expect(await triggersOf(tenant, 'deal')).toContain('tsr_dup_keys_live');
    // The stored keys are what the write path matches against: a new "A1" is warned about.
    const warned = await tenant.api.post('/api/v1/objects/deal/records', { name: ' a1' });
    expect(warned.status, warned.text).toBe(409);
    expect(warned.body.code).toBe('TSR511');

    // Removing the rule deletes its keys and the trigger, both planned.
    const removed = await evolve(tenant.api, withRule([]));
    expect(removed.applied.status, removed.applied.text).toBe(200);
    expect(
      removed.plan.steps.filter((step: { kind: string }) => step.kind.includes('duplicate')).map((step: { description: string }) => step.description),
    ).toEqual(['remove the duplicate-key trigger of deal', 'delete the stored keys of deal for same_name']);
    expect(await query(sql`select 1 from ${sql.id(tenant.schema, '_dup_keys')} where object = 'deal'`)).toEqual([]);
    expect(await triggersOf(tenant, 'deal')).not.toContain('tsr_dup_keys_live');
  });

  it('refuses a blocking rule over existing duplicates with 422 TSR506 and leaves everything as it was', async () => {
    const { tenant } = await populated();
    await createDeal(tenant.api, { name: 'b1' });
    const before = await storageFingerprint(server, tenant.schema);
    const blocking = withRule([{ ...SAME_NAME, action: 'block' }]);
    const refused = await evolve(tenant.api, blocking);
    expect(refused.applied.status, refused.applied.text).toBe(422);
    expect(refused.applied.body.code).toBe('TSR506');
    expect(refused.applied.body.errors).toEqual([
      expect.objectContaining({
        code: 'TSR506',
        message: "deal: duplicate rule 'same_name' blocks duplicates, but 1 existing record duplicate others; merge them or make the rule warn",
      }),
    ]);
    expect(await storageFingerprint(server, tenant.schema)).toEqual(before);
    expect(await triggersOf(tenant, 'deal')).not.toContain('tsr_dup_keys_live');
  });
});
