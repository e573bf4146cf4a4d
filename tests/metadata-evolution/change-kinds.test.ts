// Every kind of metadata change, planned and applied over HTTP against real tables: what succeeds
// (and what it does to the schema and the records), and what is refused, with the exact error.
import { testDriverKinds } from '@tessera/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../support/api-assertions.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { columnsOf, createDeal, dealDef, dealWith, evolve, field, freshTenant, indexesOf, model, plan, revisionOf, tablesOf } from './evolution-support.ts';

const kinds = await testDriverKinds();

describe.each(kinds)('metadata evolution: change kinds on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(async () => server?.close());

  it('adds and removes an object; removing one with records needs allowDestructive and is recoverable', async () => {
    const { api, schema } = await freshTenant(server);
    const withNote = { objects: [companyNote()] };
    const added = await api.apply(withNote);
    expect(added.status, added.text).toBe(200);
    expect(added.body.steps.map((s: any) => [s.kind, s.risk])).toEqual([
      ['create_table', 'safe'],
      ['add_column', 'safe'],
    ]);
    await api.post('/api/v1/objects/note/records', { body: 'remember' });
    const removal = { objects: [], remove: ['note'] };
    const planned = await plan(api, removal);
    expect(planned.body.steps).toEqual([expect.objectContaining({ kind: 'drop_table', object: 'note', risk: 'destructive', rows: 1 })]);
    expect(planned.body).toMatchObject({ destructive: true, requiresPlanHash: true });
    expectProblem(
      await api.post('/api/v1/metadata/apply', { definition: removal, planHash: planned.body.planHash }),
      422,
      'TSR220',
      [{ path: '/steps/0', code: 'TSR220' }],
      true,
    );
    const applied = await api.post('/api/v1/metadata/apply', { definition: removal, planHash: planned.body.planHash, allowDestructive: true });
    expect(applied.status, applied.text).toBe(200);
    expect(await tablesOf(server, schema)).not.toContain('note');
    expectProblem(await api.get('/api/v1/objects/note/records'), 404, 'TSR110');
    // Re-creating it brings the table and its record back.
    const restored = await evolve(api, withNote);
    expect(restored.plan.steps.map((s: any) => s.kind)).toEqual(['restore_table', 'restore_column']);
    expect(restored.applied.status, restored.applied.text).toBe(200);
    expect((await api.list('note')).body.data.map((r: any) => r.body)).toEqual(['remember']);
  });

  it('refuses to remove an object a lookup still points at (TSR222)', async () => {
    const { api } = await freshTenant(server);
    expectProblem(await api.post('/api/v1/metadata/plan', { objects: [], remove: ['company'] }), 422, 'TSR222', [{ path: '/remove/0', code: 'TSR222' }], true);
  });

  it('adds a field, soft-drops it (destructive with data) and restores its data when it is re-added', async () => {
    const { api, schema } = await freshTenant(server);
    const deal = await createDeal(api, { notes: 'keep me' });
    const withoutNotes = dealWith((def) => def.fields.splice(1, 1));
    const dropped = await evolve(api, model(withoutNotes), { allowDestructive: true });
    expect(dropped.plan.steps).toEqual([expect.objectContaining({ kind: 'drop_column', field: 'notes', risk: 'destructive', rows: 1 })]);
    expect(dropped.applied.status, dropped.applied.text).toBe(200);
    const columns = await columnsOf(server, schema, 'deal');
    expect(columns.some((c) => c.startsWith('notes '))).toBe(false);
    expect(columns).toContain(`_dropped_${dropped.applied.body.revision}_notes character varying(200)`);
    expect((await api.get(`/api/v1/objects/deal/records/${deal.id}`)).body).not.toHaveProperty('notes');
    expect((await createDeal(api, { name: 'while dropped' })).notes).toBeUndefined();
    const readded = await evolve(api, model());
    expect(readded.plan.steps).toEqual([expect.objectContaining({ kind: 'restore_column', field: 'notes', risk: 'safe', rows: 1 })]);
    expect(readded.applied.status, readded.applied.text).toBe(200);
    expect((await api.get(`/api/v1/objects/deal/records/${deal.id}`)).body.notes).toBe('keep me');
  });

  it('changes labels, help text and defaults without DDL risk and without a plan hash', async () => {
    const { api } = await freshTenant(server);
    const changed = dealWith((def) => {
      def.labels = { en: 'Opportunity', zh: '商机' };
      field(def, 'name').helpText = { en: 'What the customer calls it' };
      field(def, 'notes').default = 'n/a';
      field(def, 'stage').values[0].default = false;
      field(def, 'stage').values[1].default = true;
    });
    const applied = await api.apply(model(changed));
    expect(applied.status, applied.text).toBe(200);
    expect(applied.body.steps.every((s: any) => s.risk === 'safe')).toBe(true);
    expect(applied.body.actions.map((a: any) => `${a.kind} ${a.field ?? ''}`.trim())).toEqual([
      'set_default notes',
      'set_default stage',
      'update_metadata',
      'update_metadata name',
    ]);
    const created = await createDeal(api, {});
    expect(created).toMatchObject({ notes: 'n/a', stage: 'won' });
    expect((await api.get('/api/v1/metadata/objects/deal')).body.labels).toEqual({ en: 'Opportunity', zh: '商机' });
  });

  it('widens a text field without rewriting; shrinking is refused while longer values exist, with the first ids', async () => {
    const { api, schema } = await freshTenant(server);
    const widened = await api.apply(model(dealWith((def) => (field(def, 'code').maxLength = 80))));
    expect(widened.status, widened.text).toBe(200);
    expect(widened.body.steps).toEqual([expect.objectContaining({ kind: 'alter_column_type', risk: 'safe' })]);
    expect(await columnsOf(server, schema, 'deal')).toContain('code character varying(80)');
    const long = await createDeal(api, { code: 'x'.repeat(30) });
    await createDeal(api, { code: 'short' });
    const shrink = model(dealWith((def) => (field(def, 'code').maxLength = 10)));
    const refused = await plan(api, shrink);
    expectProblem(refused, 422, 'TSR217', [{ path: '/objects/1/fields/4/type', code: 'TSR217' }], true);
    expect(refused.body.errors[0].message).toContain(`1 records of deal.code have values longer than 10 characters (first 1: ${long.id})`);
    expect(refused.body.violations).toEqual([
      { path: '/objects/1/fields/4/type', code: 'TSR217', object: 'deal', field: 'code', count: 1, sampleIds: [long.id] },
    ]);
    await api.patch(`/api/v1/objects/deal/records/${long.id}`, { code: 'fits' });
    const shrunk = await evolve(api, shrink);
    expect(shrunk.plan.steps).toEqual([expect.objectContaining({ kind: 'alter_column_type', risk: 'rewrites_table', rows: 2 })]);
    expect(shrunk.applied.status, shrunk.applied.text).toBe(200);
    expect(await columnsOf(server, schema, 'deal')).toContain('code character varying(10)');
  });

  it('changes precision and scale; refuses a scale that would lose digits', async () => {
    const { api, schema } = await freshTenant(server);
    const deal = await createDeal(api, { amount: 1234 });
    const wider = await api.apply(model(dealWith((def) => (field(def, 'amount').precision = 16))));
    expect(wider.status, wider.text).toBe(200);
    expect(wider.body.steps[0].risk).toBe('safe');
    const scaled = await evolve(api, model(dealWith((def) => Object.assign(field(def, 'amount'), { precision: 16, scale: 2 }))));
    expect(scaled.plan.steps[0]).toMatchObject({ risk: 'rewrites_table', rows: 1 });
    expect(scaled.applied.status, scaled.applied.text).toBe(200);
    expect(await columnsOf(server, schema, 'deal')).toContain('amount numeric(16,2)');
    await api.patch(`/api/v1/objects/deal/records/${deal.id}`, { amount: 12.5 });
    const refused = await plan(api, model(dealWith((def) => Object.assign(field(def, 'amount'), { precision: 16, scale: 0 }))));
    expectProblem(refused, 422, 'TSR217', [{ path: '/objects/1/fields/2/type', code: 'TSR217' }], true);
    expect(refused.body.detail).toContain('do not fit numeric(16, 0) without losing digits');
  });

  it('converts types where a conversion is defined, and refuses the others with TSR209', async () => {
    const { api, schema } = await freshTenant(server);
    const deal = await createDeal(api, { amount: 42, notes: 'open', code: 'A-1' });
    // text → textarea (wider: no rewrite), number → currency (scale 0 → 2), picklist → text.
    const converted = await evolve(
      api,
      model(
        dealWith((def) => {
          Object.assign(field(def, 'notes'), { type: 'textarea', maxLength: 4000 });
          Object.assign(field(def, 'amount'), { type: 'currency', scale: 2 });
          def.fields[3] = { apiName: 'stage', type: 'text', labels: { en: 'Stage' }, maxLength: 80 };
          def.indexes = [{ fields: ['stage', '-amount'] }];
        }),
      ),
    );
    expect(converted.applied.status, converted.applied.text).toBe(200);
    expect(converted.plan.steps.map((s: any) => `${s.field}:${s.risk}`)).toEqual(['notes:safe', 'amount:rewrites_table', 'stage:safe']);
    expect((await api.get(`/api/v1/objects/deal/records/${deal.id}`)).body).toMatchObject({ notes: 'open', amount: 42, stage: 'open' });
    // number → text renders the number as text.
    const textual = dealWith((def) => {
      Object.assign(field(def, 'notes'), { type: 'textarea', maxLength: 4000 });
      def.fields[2] = { apiName: 'amount', type: 'text', labels: { en: 'Amount' }, maxLength: 40 };
      def.fields[3] = { apiName: 'stage', type: 'text', labels: { en: 'Stage' }, maxLength: 80 };
    });
    const toText = await evolve(api, model(textual));
    expect(toText.applied.status, toText.applied.text).toBe(200);
    expect((await api.get(`/api/v1/objects/deal/records/${deal.id}`)).body.amount).toBe('42.00');
    expect(await columnsOf(server, schema, 'deal')).toContain('amount character varying(40)');
    // No conversion from text to boolean.
    const toBoolean = structuredClone(textual) as typeof textual & { fields: any[] };
    toBoolean.fields[4] = { apiName: 'code', type: 'boolean', labels: { en: 'Code' } };
    const refused = await plan(api, model(toBoolean));
    expectProblem(refused, 422, 'TSR209', [{ path: '/objects/1/fields/4/type', code: 'TSR209' }], true);
    expect(refused.body.errors[0].message).toContain('changing the type of deal.code from text to boolean has no defined conversion');
  });

  it('turns text into a picklist when every value is a value of the list, and names the others', async () => {
    const { api } = await freshTenant(server);
    const known = await createDeal(api, { code: 'gold' });
    const unknown = await createDeal(api, { code: 'platinum' });
    await createDeal(api, { code: '' });
    const values = [
      { apiName: 'gold', labels: { en: 'Gold' } },
      { apiName: 'silver', labels: { en: 'Silver' } },
    ];
    const toPicklist = model(dealWith((def) => (def.fields[4] = { apiName: 'code', type: 'picklist', labels: { en: 'Code' }, values })));
    const refused = await plan(api, toPicklist);
    expectProblem(refused, 422, 'TSR217', [{ path: '/objects/1/fields/4/type', code: 'TSR217' }], true);
    expect(refused.body.errors[0].message).toBe(
      `1 records of deal.code hold values that are not values of the picklist ("platinum"); add them to the list or correct the records first (first 1: ${unknown.id})`,
    );
    await api.patch(`/api/v1/objects/deal/records/${unknown.id}`, { code: 'silver' });
    const converted = await evolve(api, toPicklist);
    expect(converted.applied.status, converted.applied.text).toBe(200);
    expect((await api.get(`/api/v1/objects/deal/records/${known.id}`)).body.code).toBe('gold');
    expectProblem(await api.post('/api/v1/objects/deal/records', { name: 'x', code: 'bronze' }), 400, 'TSR400', [{ path: '/code', code: 'TSR405' }]);
  });

  it('makes a field required: refuses with the count and the first 10 ids, then fills them from a backfill', async () => {
    const { api, schema } = await freshTenant(server);
    const empty: string[] = [];
    for (let i = 0; i < 12; i++) empty.push((await createDeal(api, { name: `d${i}` })).id);
    await createDeal(api, { notes: 'has one' });
    const required = model(dealWith((def) => (field(def, 'notes').required = true)));
    const refused = await plan(api, required);
    expectProblem(refused, 422, 'TSR217', [{ path: '/objects/1/fields/1/required', code: 'TSR217' }], true);
    const firstTen = [...empty].sort().slice(0, 10);
    expect(refused.body.violations[0]).toEqual({
      path: '/objects/1/fields/1/required',
      code: 'TSR217',
      object: 'deal',
      field: 'notes',
      count: 12,
      sampleIds: firstTen,
    });
    expect(refused.body.errors[0].message).toBe(
      `12 existing records have no value for deal.notes; add "backfill": <value> to the field to fill them, or give it a default (first 10: ${firstTen.join(', ')})`,
    );
    const backfilled = await evolve(api, model(dealWith((def) => Object.assign(field(def, 'notes'), { required: true, backfill: 'none yet' }))));
    expect(backfilled.plan.steps).toEqual([expect.objectContaining({ kind: 'set_required', risk: 'touches_data', rows: 12 })]);
    expect(backfilled.applied.status, backfilled.applied.text).toBe(200);
    expect(await columnsOf(server, schema, 'deal')).toContain('notes character varying(200) not null');
    expect((await api.get(`/api/v1/objects/deal/records/${empty[0]}`)).body.notes).toBe('none yet');
    // Unsetting is safe.
    const optional = await api.apply(model());
    expect(optional.status, optional.text).toBe(200);
    expect(await columnsOf(server, schema, 'deal')).toContain('notes character varying(200)');
  });

  it('makes a field unique only when live records have no duplicates, and back', async () => {
    const { api, schema } = await freshTenant(server);
    const a = await createDeal(api, { code: 'same' });
    const b = await createDeal(api, { code: 'same' });
    await createDeal(api, { code: 'other' });
    const unique = model(dealWith((def) => (field(def, 'code').unique = true)));
    const refused = await plan(api, unique);
    expectProblem(refused, 422, 'TSR217', [{ path: '/objects/1/fields/4/unique', code: 'TSR217' }], true);
    expect(refused.body.violations[0]).toMatchObject({ count: 2, sampleIds: [a.id, b.id].sort() });
    expect((await api.delete(`/api/v1/objects/deal/records/${b.id}`)).status).toBe(204);
    const applied = await api.apply(unique);
    expect(applied.status, applied.text).toBe(200);
    expect(await indexesOf(server, schema)).toContain('uq_deal_code');
    expectProblem(await api.post('/api/v1/objects/deal/records', { name: 'dup', code: 'same' }), 409, 'TSR410');
    expect((await api.apply(model())).status).toBe(200);
    expect(await indexesOf(server, schema)).not.toContain('uq_deal_code');
  });

  it('adds, renames (remapping records), reorders and deactivates picklist values; refuses removing a used one', async () => {
    const { api } = await freshTenant(server);
    const won = await createDeal(api, { stage: 'won', tags: ['hot', 'cold'] });
    const lost = await createDeal(api, { stage: 'lost' });
    const evolved = model(
      dealWith((def) => {
        const stage = field(def, 'stage');
        stage.values = [
          { apiName: 'closed_won', renamedFrom: 'won', labels: { en: 'Closed won' } },
          { apiName: 'open', labels: { en: 'Open' }, default: true },
          { apiName: 'lost', labels: { en: 'Lost' }, inactive: true },
          { apiName: 'stalled', labels: { en: 'Stalled' } },
        ];
        field(def, 'tags').values[0] = { apiName: 'warm', renamedFrom: 'hot', labels: { en: 'Warm' } };
      }),
    );
    const applied = await evolve(api, evolved);
    expect(applied.applied.status, applied.applied.text).toBe(200);
    expect(applied.plan.steps.filter((s: any) => s.kind === 'remap_picklist_values').map((s: any) => [s.field, s.risk, s.rows])).toEqual([
      ['stage', 'touches_data', 1],
      ['tags', 'touches_data', 1],
    ]);
    expect((await api.get(`/api/v1/objects/deal/records/${won.id}`)).body).toMatchObject({ stage: 'closed_won', tags: ['warm', 'cold'] });
    expect((await api.get(`/api/v1/objects/deal/records/${lost.id}`)).body.stage).toBe('lost');
    expectProblem(await api.post('/api/v1/objects/deal/records', { name: 'x', stage: 'lost' }), 400, 'TSR400', [{ path: '/stage', code: 'TSR406' }]);
    expect((await createDeal(api, { stage: 'stalled' })).stage).toBe('stalled');
    // The same document again is a no-op (the rename is done).
    expect((await api.apply(evolved)).body).toMatchObject({ changed: false });
    const removeUsed = structuredClone(evolved);
    field(removeUsed.objects[1] as { fields: any[] }, 'stage').values = [
      { apiName: 'open', labels: { en: 'Open' } },
      { apiName: 'stalled', labels: { en: 'Stalled' } },
    ];
    const refused = await plan(api, removeUsed);
    expectProblem(refused, 422, 'TSR217', [{ path: '/objects/1/fields/3/values', code: 'TSR217' }], true);
    expect(refused.body.errors[0].message).toContain('hold the removed value(s) closed_won, lost; deactivate them');
  });

  it("changes a lookup's delete behaviour; refuses re-targeting it while records use it (TSR224)", async () => {
    const { api } = await freshTenant(server);
    const cascade = await api.apply(model(dealWith((def) => (field(def, 'company').onDelete = 'cascade'))));
    expect(cascade.status, cascade.text).toBe(200);
    expect(cascade.body.actions).toEqual([
      expect.objectContaining({ kind: 'alter_foreign_key', onDelete: 'cascade', fromTarget: 'company', target: 'company' }),
    ]);
    const company = await api.post('/api/v1/objects/company/records', { name: 'ACME' });
    const deal = await createDeal(api, { company: company.body.id });
    expect((await api.delete(`/api/v1/objects/company/records/${company.body.id}`)).status).toBe(204);
    expect((await api.get(`/api/v1/objects/deal/records/${deal.id}`)).status).toBe(404);
    await api.post(`/api/v1/objects/company/records/${company.body.id}/restore`);
    const retarget = model(dealWith((def) => Object.assign(field(def, 'company'), { target: 'deal', onDelete: 'cascade' })));
    const refused = await plan(api, retarget);
    expectProblem(refused, 422, 'TSR224', [{ path: '/objects/1/fields/5/target', code: 'TSR224' }], true);
    expect(refused.body.violations[0]).toMatchObject({ count: 1, sampleIds: [deal.id] });
    await api.patch(`/api/v1/objects/deal/records/${deal.id}`, { company: null });
    expect((await api.apply(retarget)).status).toBe(200);
  });

  it('renames an api name in place; the old name is an alias for one revision (read, filter, sort, write)', async () => {
    const { api, schema } = await freshTenant(server);
    const deal = await createDeal(api, { code: 'C-1', amount: 5 });
    const renamed = dealWith((def) => Object.assign(field(def, 'code'), { apiName: 'reference', renamedFrom: 'code' }));
    const applied = await api.apply(model(renamed));
    expect(applied.status, applied.text).toBe(200);
    expect(applied.body.steps).toEqual([expect.objectContaining({ kind: 'rename_column', field: 'reference', risk: 'safe', rows: 0 })]);
    const columns = await columnsOf(server, schema, 'deal');
    expect(columns).toContain('reference character varying(40)');
    expect(columns.some((c) => c.startsWith('code '))).toBe(false);
    expect((await api.get(`/api/v1/objects/deal/records/${deal.id}`)).body).toMatchObject({ reference: 'C-1' });
    // Old name still answers during this revision.
    const filtered = await api.list('deal', { filter: JSON.stringify({ '==': [{ var: 'code' }, 'C-1'] }), sort: '-code', fields: 'code' });
    expect(filtered.status, filtered.text).toBe(200);
    expect(filtered.body.data).toEqual([{ id: deal.id, reference: 'C-1' }]);
    const written = await api.patch(`/api/v1/objects/deal/records/${deal.id}`, { code: 'C-2' });
    expect(written.body.reference).toBe('C-2');
    // The next revision drops the alias.
    expect((await api.apply(model(dealWith((def) => Object.assign(field(def, 'code'), { apiName: 'reference', labels: { en: 'Reference' } }))))).status).toBe(
      200,
    );
    expectProblem(await api.list('deal', { sort: 'code' }), 400, 'TSR104');
    expectProblem(await api.patch(`/api/v1/objects/deal/records/${deal.id}`, { code: 'C-3' }), 400, 'TSR400', [{ path: '/code', code: 'TSR408' }]);
  });

  it('refuses an invalid rename with TSR221', async () => {
    const { api } = await freshTenant(server);
    const missing = await plan(api, model(dealWith((def) => Object.assign(field(def, 'code'), { apiName: 'reference', renamedFrom: 'nope' }))));
    expectProblem(missing, 422, 'TSR221', [{ path: '/objects/1/fields/4/renamedFrom', code: 'TSR221' }], true);
    expect(missing.body.errors[0].message).toBe("deal.reference is renamed from 'nope', but deal has no field 'nope'");
    expect(await revisionOf(api)).toBe(1);
    expect(dealDef().fields).toHaveLength(7);
  });
});

function companyNote() {
  return { apiName: 'note', labels: { en: 'Note' }, fields: [{ apiName: 'body', type: 'text', labels: { en: 'Body' } }] };
}
