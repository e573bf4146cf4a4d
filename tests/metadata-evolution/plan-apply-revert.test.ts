// Plan before apply: plan hashes bind an apply to what was reviewed; revisions record every apply
// and revert plans and applies an older model like any change; applies are idempotent and
// concurrent-safe (If-Match → 409); a step that fails midway leaves schema, data and metadata
// exactly as before; soft-dropped data is purged only on request.
import { applyChange, purgeDropped, testDriverKinds } from '@tessera/runtime';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../support/api-assertions.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { columnsOf, createDeal, dealWith, evolve, field, freshTenant, model, plan, revisionOf, storageFingerprint } from './evolution-support.ts';

const kinds = await testDriverKinds();

describe.each(kinds)('metadata plan, apply, revisions and revert on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(async () => server?.close());

  const shrinkCode = model(dealWith((def) => (field(def, 'code').maxLength = 20)));

  it('plans ordered steps with risk, rows and a plan hash, and writes nothing', async () => {
    const { api, schema } = await freshTenant(server);
    await createDeal(api, { code: 'abc' });
    await createDeal(api, {});
    const before = await storageFingerprint(server, schema);
    const document = model(
      dealWith((def) => {
        field(def, 'code').maxLength = 20;
        def.fields.push({ apiName: 'priority', type: 'picklist', labels: { en: 'Priority' }, values: [{ apiName: 'high', labels: { en: 'High' } }] });
        field(def, 'name').labels = { en: 'Title' };
      }),
    );
    const planned = await plan(api, document);
    expect(planned.status, planned.text).toBe(200);
    expect(planned.body).toMatchObject({
      baseRevision: 1,
      changed: true,
      requiresPlanHash: true,
      destructive: false,
      planHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(planned.body.steps).toEqual([
      { step: 1, kind: 'add_column', object: 'deal', field: 'priority', description: 'add field deal.priority (picklist)', risk: 'safe', rows: 0 },
      {
        step: 2,
        kind: 'alter_column_type',
        object: 'deal',
        field: 'code',
        description: 'convert deal.code from text varchar(40) to text varchar(20)',
        risk: 'rewrites_table',
        rows: 2,
      },
      { step: 3, kind: 'update_metadata', object: 'deal', field: 'name', description: 'update deal.name: labels', risk: 'safe', rows: 0 },
    ]);
    // The same definition plans to the same hash; nothing was written.
    expect((await plan(api, document)).body.planHash).toBe(planned.body.planHash);
    expect(await storageFingerprint(server, schema)).toEqual(before);
  });

  it('needs the plan hash for steps that are not safe, and refuses a hash when the definition changed', async () => {
    const { api, schema } = await freshTenant(server);
    await createDeal(api, { code: 'abc' });
    const before = await storageFingerprint(server, schema);
    const withoutHash = await api.apply(shrinkCode);
    expectProblem(withoutHash, 428, 'TSR219', [{ path: '/steps/0', code: 'TSR219' }], true);
    expect(withoutHash.body.detail).toContain('convert deal.code from text varchar(40) to text varchar(20): rewrites table, 1 rows');
    const reviewed = (await plan(api, shrinkCode)).body.planHash;
    const otherDefinition = model(dealWith((def) => (field(def, 'code').maxLength = 21)));
    const stale = await api.post('/api/v1/metadata/apply', { definition: otherDefinition, planHash: reviewed });
    expectProblem(stale, 409, 'TSR218', [{ path: '/planHash', code: 'TSR218' }], true);
    expect(stale.body.revision).toBe(1);
    expectProblem(
      await api.post('/api/v1/metadata/apply', { definition: shrinkCode, planHash: 'x' }),
      400,
      'TSR100',
      [{ path: '/planHash', code: 'TSR100' }],
      true,
    );
    expect(await storageFingerprint(server, schema)).toEqual(before);
    const applied = await api.post('/api/v1/metadata/apply', { definition: shrinkCode, planHash: reviewed });
    expect(applied.status, applied.text).toBe(200);
    expect(applied.body).toMatchObject({ revision: 2, changed: true, baseRevision: 1, planHash: reviewed });
    // A reviewed hash does not survive a newer revision either.
    const again = await api.post('/api/v1/metadata/apply', { definition: otherDefinition, planHash: (await plan(api, otherDefinition)).body.planHash });
    expect(again.status).toBe(200);
    expectProblem(await api.post('/api/v1/metadata/apply', { definition: shrinkCode, planHash: reviewed }), 409, 'TSR218');
  });

  it('records every apply as a revision with author, time, actions and plan', async () => {
    const { api } = await freshTenant(server);
    await evolve(api, shrinkCode);
    const list = await api.get('/api/v1/metadata/revisions');
    expect(list.status, list.text).toBe(200);
    expect(list.body.data.map((r: any) => [r.revision, r.author, r.baseRevision])).toEqual([
      [2, 'api', 1],
      [1, 'api', 0],
    ]);
    expect(list.body.data[0]).toMatchObject({ changes: { alter_column_type: 1 }, planHash: expect.stringMatching(/^[0-9a-f]{64}$/), revertedTo: null });
    expect(Date.parse(list.body.data[0].createdAt)).toBeGreaterThan(Date.now() - 60_000);
    const detail = await api.get('/api/v1/metadata/revisions/2');
    expect(detail.body.actions).toEqual([expect.objectContaining({ kind: 'alter_column_type', field: 'code' })]);
    expect(detail.body.plan.steps).toEqual([expect.objectContaining({ kind: 'alter_column_type', risk: 'rewrites_table' })]);
    expect(
      field(
        detail.body.snapshot.objects.find((o: any) => o.apiName === 'deal'),
        'code',
      ).maxLength,
    ).toBe(20);
    expectProblem(await api.get('/api/v1/metadata/revisions/9'), 404, 'TSR223');
    expectProblem(await api.get('/api/v1/metadata/revisions/x'), 404, 'TSR223');
  });

  it('reverts to revision N: renames back, restores dropped data, removes objects added since', async () => {
    const { api, schema } = await freshTenant(server);
    const deal = await createDeal(api, { notes: 'precious', code: 'K-9', stage: 'won' });
    const evolved = model(
      dealWith((def) => {
        def.fields.splice(1, 1); // drop notes
        Object.assign(field(def, 'code'), { apiName: 'reference', renamedFrom: 'code' });
        field(def, 'stage').values[1] = { apiName: 'closed_won', renamedFrom: 'won', labels: { en: 'Won' } };
      }),
      {},
    );
    evolved.objects.push({ apiName: 'memo', labels: { en: 'Memo' }, fields: [{ apiName: 'text', type: 'text', labels: { en: 'Text' } }] } as never);
    const applied = await evolve(api, evolved, { allowDestructive: true });
    expect(applied.applied.status, applied.applied.text).toBe(200);
    expect((await api.get(`/api/v1/objects/deal/records/${deal.id}`)).body).toMatchObject({ reference: 'K-9', stage: 'closed_won' });

    const revertPlan = await plan(api, { revertTo: 1 });
    expect(revertPlan.status, revertPlan.text).toBe(200);
    expect(revertPlan.body.steps.map((s: any) => s.kind)).toEqual([
      'rename_column',
      'restore_column',
      'remap_picklist_values',
      'drop_table',
      'update_metadata',
    ]);
    const reverted = await api.post('/api/v1/metadata/revisions/1/revert', { planHash: revertPlan.body.planHash });
    expect(reverted.status, reverted.text).toBe(200);
    expect(reverted.body).toMatchObject({ revision: 3, changed: true, revertedTo: 1 });
    expect((await api.get(`/api/v1/objects/deal/records/${deal.id}`)).body).toMatchObject({ notes: 'precious', code: 'K-9', stage: 'won' });
    expect((await api.get('/api/v1/metadata')).body.objects.map((o: any) => o.apiName)).toEqual(['company', 'deal']);
    const revisions = (await api.get('/api/v1/metadata/revisions')).body.data;
    expect(revisions[0]).toMatchObject({ revision: 3, revertedTo: 1 });
    // Reverting to where we already are changes nothing.
    expect((await api.post('/api/v1/metadata/revisions/3/revert')).body).toEqual({ revision: 3, changed: false, actions: [] });
    expectProblem(await api.post('/api/v1/metadata/revisions/7/revert'), 404, 'TSR223');
    expect(await columnsOf(server, schema, 'deal')).toContain('notes character varying(200)');
  });

  it('is idempotent: the same definition twice is a no-op with no new revision', async () => {
    const { api } = await freshTenant(server);
    const first = await evolve(api, shrinkCode);
    expect(first.applied.body.revision).toBe(2);
    const second = await api.post('/api/v1/metadata/apply', { definition: shrinkCode, planHash: first.plan.planHash });
    expect(second.body).toEqual({ revision: 2, changed: false, actions: [] });
    expect((await api.apply(shrinkCode)).body).toEqual({ revision: 2, changed: false, actions: [] });
    expect((await plan(api, shrinkCode)).body).toMatchObject({ changed: false, steps: [] });
    expect((await api.get('/api/v1/metadata/revisions')).body.data).toHaveLength(2);
  });

  it('serialises concurrent applies of one change: exactly one makes the revision, the rest see no change', async () => {
    const { api } = await freshTenant(server);
    // Warm the process's per-tenant state, so the applies below take the one-statement lock path.
    expect((await api.apply(model())).body.changed).toBe(false);
    const document = model(dealWith((def) => def.fields.push({ apiName: 'gamma', type: 'text', labels: { en: 'Gamma' } })));
    const results = await Promise.all(Array.from({ length: 6 }, () => api.post('/api/v1/metadata/apply', document)));
    expect(results.map((result) => result.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(results.filter((result) => result.body.changed === true)).toHaveLength(1);
    expect(results.every((result) => result.body.revision === 2)).toBe(true);
    expect(await revisionOf(api)).toBe(2);
  });

  it('lets one of two concurrent applies against the same revision win; the other gets 409 with the current revision', async () => {
    const { api } = await freshTenant(server);
    const a = model(dealWith((def) => def.fields.push({ apiName: 'alpha', type: 'text', labels: { en: 'Alpha' } })));
    const b = model(dealWith((def) => def.fields.push({ apiName: 'beta', type: 'text', labels: { en: 'Beta' } })));
    const results = await Promise.all([a, b].map((document) => api.post('/api/v1/metadata/apply', document, { 'If-Match': '"1"' })));
    const statuses = results.map((result) => result.status).sort();
    expect(statuses).toEqual([200, 409]);
    const loser = results.find((result) => result.status === 409);
    if (!loser) throw new Error('no loser');
    expectProblem(loser, 409, 'TSR213', [{ path: 'If-Match', code: 'TSR213' }], true);
    expect(loser.body.revision).toBe(2);
    expect(loser.body.detail).toContain('The metadata is at revision 2, not 1');
    expect(await revisionOf(api)).toBe(2);
    const winner = results.find((result) => result.status === 200);
    expect(winner?.headers.get('etag')).toBe('"2"');
    expectProblem(await api.post('/api/v1/metadata/apply', a, { 'If-Match': 'soon' }), 400, 'TSR113');
  });

  it('leaves schema, data and metadata exactly as before when a step fails midway', async () => {
    const { api, slug, schema } = await freshTenant(server);
    for (let i = 0; i < 3; i++) await createDeal(api, { code: `c${i}` });
    const before = await storageFingerprint(server, schema);
    const document = model(
      dealWith((def) => {
        def.fields.push({ apiName: 'extra', type: 'text', labels: { en: 'Extra' } });
        Object.assign(field(def, 'code'), { apiName: 'reference', renamedFrom: 'code', required: true });
        Object.assign(field(def, 'notes'), { required: true, backfill: 'filled' });
        def.fields.splice(2, 1); // drop amount (soft drop writes _meta_dropped), and its index
        def.indexes = [{ fields: ['stage'] }];
      }),
    );
    const planned = await plan(api, document);
    expect(planned.status, planned.text).toBe(200);
    const reviewed = planned.body;
    expect(reviewed.steps.length).toBeGreaterThanOrEqual(5);
    const failAt = reviewed.steps.length - 1;
    const ran: string[] = [];
    await expect(
      applyChange(
        server.database.db,
        { slug, schema },
        { document },
        {
          author: 'test',
          planHash: reviewed.planHash,
          allowDestructive: true,
          audit: { event: 'metadata.apply', actor: { id: null, label: 'integration' } },
          beforeStep: (index, action) => {
            if (index === failAt) throw new Error(`forced failure before step ${index + 1}`);
            ran.push(action.kind);
          },
        },
      ),
    ).rejects.toThrow(`forced failure before step ${failAt + 1}`);
    // Earlier steps did run (rename, backfill, soft drop…) and were rolled back with the rest.
    expect(ran).toEqual(expect.arrayContaining(['rename_column', 'add_column', 'set_required']));
    expect(await storageFingerprint(server, schema)).toEqual(before);
    const dropped = await sql<{ n: number }>`select count(*)::int as n from ${sql.id(schema, '_meta_dropped')}`.execute(server.database.db);
    expect(dropped.rows[0]?.n).toBe(0);
    expect(await revisionOf(api)).toBe(1);
    // The audit entry is written in the same transaction: a change that rolled back left none.
    const audited = async () =>
      (
        await sql<{ target: string }>`select target from ${sql.id(schema, '_audit_log')} where event = 'metadata.apply' order by id`.execute(server.database.db)
      ).rows.map((row) => row.target);
    expect(await audited()).toEqual(['revision:1']);
    // The same reviewed plan then applies cleanly, and is audited once.
    const applied = await api.post('/api/v1/metadata/apply', { definition: document, planHash: reviewed.planHash, allowDestructive: true });
    expect(applied.status, applied.text).toBe(200);
    expect(await audited()).toEqual(['revision:1', 'revision:2']);
  });

  it('purges soft-dropped fields only when asked, after the retention period', async () => {
    const { api, slug, schema } = await freshTenant(server);
    await createDeal(api, { notes: 'soon gone' });
    const dropped = await evolve(api, model(dealWith((def) => def.fields.splice(1, 1))), { allowDestructive: true });
    const hidden = `_dropped_${dropped.applied.body.revision}_notes`;
    expect((await columnsOf(server, schema, 'deal')).some((c) => c.startsWith(hidden))).toBe(true);
    expect(await purgeDropped(server.database.db, { slug, schema }, { olderThanMs: 30 * 86_400_000 })).toEqual([]);
    const purged = await purgeDropped(server.database.db, { slug, schema }, { olderThanMs: 0 });
    expect(purged).toEqual([expect.objectContaining({ kind: 'field', object: 'deal', field: 'notes', droppedRevision: 2 })]);
    expect((await columnsOf(server, schema, 'deal')).some((c) => c.startsWith(hidden))).toBe(false);
    // Re-adding it now gives a fresh, empty column.
    const readded = await evolve(api, model());
    expect(readded.plan.steps.map((s: any) => s.kind)).toEqual(['add_column']);
    expect((await api.list('deal')).body.data[0].notes).toBeNull();
  });
});
