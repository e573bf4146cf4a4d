// Issue #16: a write reads its stored row once. The write pipeline (runtime/src/records/write/)
// declares what each step needs, so a patch of an object with validation rules, a duplicate rule,
// a pipeline and tracked fields locks and reads the row in one statement and every step uses it;
// a patch of a plain object is the UPDATE alone. Counts the statements the record service runs
// (a Kysely plugin sees every one) against a tenant made over HTTP. On PostgreSQL and PGlite.
import { duplicateMatchKey, EMPTY_SNAPSHOT, type NormalisedObject, type ObjectDef, validateDocument } from '@tessera/metadata';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileCatalog } from '../../runtime/src/catalog/compile-catalog.ts';
import { StageTimer } from '../../runtime/src/core/stage-timer.ts';
import { testDriverKinds } from '../../runtime/src/db/test-database.ts';
import { RecordService } from '../../runtime/src/records/record-service.ts';
import { freezePlan } from '../../runtime/src/records/write/write-plan.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const labels = (en: string) => ({ en, zh: en });
const deal: ObjectDef = {
  apiName: 'deal',
  labels: labels('Deal'),
  nameField: 'name',
  fields: [
    { apiName: 'name', type: 'text', labels: labels('Name'), required: true },
    { apiName: 'amount', type: 'currency', labels: labels('Amount') },
    { apiName: 'note', type: 'text', labels: labels('Note') },
    {
      apiName: 'stage',
      type: 'picklist',
      labels: labels('Stage'),
      values: [
        { apiName: 'open', labels: labels('Open') },
        { apiName: 'won', labels: labels('Won') },
      ],
    },
  ],
  validationRules: [{ apiName: 'amount_positive', condition: { '>=': [{ var: 'amount' }, 0] }, message: { en: 'amount must not be negative' } }],
  duplicateRules: [{ apiName: 'same_name', fields: [{ field: 'name' }], action: 'block' }],
  pipelines: [{ apiName: 'sales', labels: labels('Sales'), stageField: 'stage', stages: [{ value: 'open' }, { value: 'won', category: 'won' }] }],
};
const plain: ObjectDef = { apiName: 'memo', labels: labels('Memo'), fields: [{ apiName: 'title', type: 'text', labels: labels('Title') }] };
// A pipeline whose stages guard nothing: a create's stage entry cannot be refused, so its history row rides in the INSERT.
const lead: ObjectDef = {
  apiName: 'lead',
  labels: labels('Lead'),
  fields: [
    { apiName: 'name', type: 'text', labels: labels('Name') },
    {
      apiName: 'stage',
      type: 'picklist',
      labels: labels('Stage'),
      values: ['new', 'working', 'off'].map((apiName) => ({ apiName, labels: labels(apiName) })),
    },
  ],
  // 'off' is a picklist value but no stage: entering it is refused (TSR537), so that create takes the full path.
  pipelines: [{ apiName: 'funnel', labels: labels('Funnel'), stageField: 'stage', stages: [{ value: 'new' }, { value: 'working' }] }],
};

const kinds = await testDriverKinds();

describe.each(kinds)('statements per write on %s', (kind) => {
  let server: TestServer;
  let objects: NormalisedObject[];
  const schema = 't_stmts';

  beforeAll(async () => {
    server = await startTestServer(kind);
    const token = await server.createTenant('stmts');
    const applied = await server.tenant(token).apply({ objects: [deal, plain, lead] });
    expect(applied.status, applied.text).toBe(200);
    const validated = validateDocument({ objects: [deal, plain, lead] }, EMPTY_SNAPSHOT);
    if (!validated.ok) throw new Error(JSON.stringify(validated.errors));
    objects = validated.value;
  }, 120_000);
  afterAll(async () => server?.close());

  /** A record service whose every statement lands in `log` (the plugin sees each one as it is compiled to run). */
  const service = (log: string[], fastPath = true) => {
    const db = server.database.db.withPlugin({
      transformQuery(args) {
        log.push(JSON.stringify(args.node));
        return args.node;
      },
      transformResult: async (args) => args.result,
    });
    const catalog = compileCatalog({ tenant: 'stmts', schema, revision: 1, snapshot: { objects } });
    const records = new RecordService(db, catalog, new StageTimer(), {
      actor: { id: null, label: 'integration' },
      trackedFields: new Map([['deal', ['amount', 'stage']]]),
      fastPath,
    });
    const object = (name: string) => {
      const found = catalog.objects.get(name);
      if (!found) throw new Error(`no ${name}`);
      return found;
    };
    return { records, object };
  };

  it('a plain create and a plain patch are one statement each', async () => {
    const log: string[] = [];
    const { records, object } = service(log);
    const created = JSON.parse((await records.create(object('memo'), { title: 'a' })).json) as { id: string };
    expect(log).toHaveLength(1);
    log.length = 0;
    await records.patch(object('memo'), created.id, { title: 'b' }, undefined);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatch(/update/);
  });

  it('a create entering a stage nothing guards is one statement, with the same history row as the full pipeline', async () => {
    const moves = async (id: string) =>
      (await server.database.db
        .selectFrom(`${schema}._stage_history`)
        .select(['object', 'pipeline', 'from_stage', 'to_stage', 'moved_by', 'actor', 'seconds_in_previous', 'reason', 'comment'])
        .where('record_id', '=', id)
        .execute()) as Record<string, unknown>[];
    const fast: string[] = [];
    const folded = JSON.parse((await service(fast).records.create(service(fast).object('lead'), { name: 'a', stage: 'new' })).json) as { id: string };
    expect(fast).toHaveLength(1);
    expect(fast[0]).toMatch(/_stage_history/);
    const full: string[] = [];
    const stepwise = JSON.parse((await service(full, false).records.create(service(full).object('lead'), { name: 'b', stage: 'new' })).json) as { id: string };
    // BEGIN and COMMIT are not statements the plugin sees: the INSERT and the history INSERT.
    expect(full.length).toBeGreaterThan(1);
    const expected = [
      {
        object: 'lead',
        pipeline: 'funnel',
        from_stage: null,
        to_stage: 'new',
        moved_by: null,
        actor: 'integration',
        seconds_in_previous: null,
        reason: null,
        comment: null,
      },
    ];
    expect(await moves(folded.id)).toEqual(expected);
    expect(await moves(stepwise.id)).toEqual(expected);
    // A value that is no stage: the full pipeline refuses it after the INSERT and rolls it back.
    const refused: string[] = [];
    await expect(service(refused).records.create(service(refused).object('lead'), { name: 'c', stage: 'off' })).rejects.toMatchObject({ code: 'TSR537' });
    const left = (await server.database.db.selectFrom(`${schema}.lead`).select('name').where('name', '=', 'c').execute()) as unknown[];
    expect(left).toEqual([]);
    // Without a stage nothing moves: the plain INSERT.
    const none: string[] = [];
    await service(none).records.create(service(none).object('lead'), { name: 'd' });
    expect(none).toHaveLength(1);
    expect(none[0]).not.toMatch(/_stage_history/);
  });

  it('a multi-row create entering stages nothing guards is one statement, with the history rows of the full pipeline', async () => {
    const moves = async (ids: readonly string[]) =>
      (
        await sql<Record<string, unknown>>`select to_stage, from_stage, actor, seconds_in_previous from ${sql.id(schema, '_stage_history')}
          where record_id = any(${ids}::uuid[]) order by array_position(${ids}::uuid[], record_id)`.execute(server.database.db)
      ).rows;
    const create = async (log: string[], fastPath: boolean, stages: readonly string[]) => {
      const { records, object } = service(log, fastPath);
      const lead = object('lead');
      const items = stages.map((stage, index) => ({ values: { name: `bulk ${index}`, stage } }));
      return (await records.write(freezePlan({ kind: 'create', object: lead, stored: lead, items }))).map((state) => state.written?.id as string);
    };
    const fast: string[] = [];
    const folded = await create(fast, true, ['new', 'working', 'new']);
    expect(fast).toHaveLength(1);
    expect(fast[0]).toMatch(/_stage_history/);
    const full: string[] = [];
    const stepwise = await create(full, false, ['new', 'working', 'new']);
    expect(full.length).toBeGreaterThan(1);
    const expected = ['new', 'working', 'new'].map((to) => ({ to_stage: to, from_stage: null, actor: 'integration', seconds_in_previous: null }));
    expect(await moves(folded)).toEqual(expected);
    expect(await moves(stepwise)).toEqual(expected);
    // One record's value is no stage: the whole plan takes the full pipeline, which refuses it and rolls the insert back.
    await expect(create([], true, ['new', 'off'])).rejects.toMatchObject({ code: 'TSR537' });
  });

  it('a multi-row create stores its 查重 keys with one statement per rule; a duplicate is refused as one by one', async () => {
    const keysOf = async (ids: readonly string[]) =>
      (
        await sql<Record<string, unknown>>`select rule, key, blocking, live from ${sql.id(schema, '_dup_keys')}
          where record_id = any(${ids}::uuid[]) order by array_position(${ids}::uuid[], record_id)`.execute(server.database.db)
      ).rows;
    const create = async (log: string[], names: readonly string[]) => {
      const { records, object } = service(log);
      const deal = object('deal');
      const items = names.map((name) => ({ values: { name, amount: 1 } }));
      return (await records.write(freezePlan({ kind: 'create', object: deal, stored: deal, items }))).map((state) => state.written?.id as string);
    };
    const log: string[] = [];
    const ids = await create(log, ['Set A', 'Set B', 'Set C']);
    expect(log.filter((text) => text.includes('"_dup_keys"'))).toHaveLength(1);
    // The keys metadata's one normalisation gives, as a single create stores them.
    const rule = objects.find((object) => object.apiName === 'deal')?.duplicateRules?.[0];
    if (!rule) throw new Error('no duplicate rule on deal');
    const keyOf = (name: string) => ({ rule: rule.apiName, key: duplicateMatchKey({ name }, rule.fields), blocking: true, live: true });
    expect(await keysOf(ids)).toEqual(['Set A', 'Set B', 'Set C'].map(keyOf));
    const single = JSON.parse((await service([]).records.create(service([]).object('deal'), { name: 'Set D', amount: 1 })).json) as { id: string };
    expect(await keysOf([single.id])).toEqual([keyOf('Set D')]);
    // A duplicate inside the set, and one of a stored record: refused with the single create's code, nothing stored.
    for (const names of [
      ['Set E', 'Set E'],
      ['Set F', 'Set A'],
    ]) {
      await expect(create([], names)).rejects.toMatchObject({ code: 'TSR510' });
      const stored = (await server.database.db.selectFrom(`${schema}.deal`).select('name').where('name', 'in', names.slice(0, 1)).execute()) as unknown[];
      expect(stored).toEqual([]);
    }
  });

  it('a patch with rules, 查重, a stage move and tracked fields reads its row once', async () => {
    const log: string[] = [];
    const { records, object } = service(log);
    const created = JSON.parse((await records.create(object('deal'), { name: 'Acme', amount: 10, stage: 'open' })).json) as { id: string };
    log.length = 0;
    const patched = JSON.parse((await records.patch(object('deal'), created.id, { amount: 20, stage: 'won' }, undefined)).json) as Record<string, unknown>;
    expect(patched).toMatchObject({ amount: 20, stage: 'won' });
    // The deal row is read once, locked, before the write; nothing else selects from the deal table.
    // The statements naming the deal table: the one lock-and-read (FOR UPDATE) and the UPDATE.
    const namesDeal = (text: string) => text.includes('{"kind":"IdentifierNode","name":"deal"}');
    const head = (text: string) => ((JSON.parse(text) as { sqlFragments?: string[] }).sqlFragments?.[0] ?? '').trim().split(/\s+/)[0];
    expect(log.filter(namesDeal).map(head)).toEqual(['select', 'update']);
    const readsOfDeal = log.filter((text) => namesDeal(text) && head(text) === 'select');
    expect(readsOfDeal[0]).toMatch(/for update/i);
    // Every step still did its work: field history of both tracked fields (create and patch) and the stage move.
    const history = (await server.database.db
      .selectFrom(`${schema}._field_history`)
      .select('field')
      .where('record_id', '=', created.id)
      .orderBy('field')
      .execute()) as { field: string }[];
    expect(history.map((row) => row.field)).toEqual(['amount', 'amount', 'stage', 'stage']);
    const moves = (await server.database.db
      .selectFrom(`${schema}._stage_history`)
      .select(['from_stage', 'to_stage'])
      .where('record_id', '=', created.id)
      .orderBy('moved_at')
      .execute()) as { from_stage: string | null; to_stage: string }[];
    expect(moves.map((move) => [move.from_stage, move.to_stage])).toEqual([
      [null, 'open'],
      ['open', 'won'],
    ]);
  });

  it('a refused patch (a validation rule) rolls back every step', async () => {
    const log: string[] = [];
    const { records, object } = service(log);
    const created = JSON.parse((await records.create(object('deal'), { name: 'Beta', amount: 5, stage: 'open' })).json) as { id: string };
    await expect(records.patch(object('deal'), created.id, { amount: -1, stage: 'won' }, undefined)).rejects.toMatchObject({ code: 'TSR500' });
    const stored = JSON.parse((await records.get(object('deal'), created.id)).json) as Record<string, unknown>;
    expect(stored).toMatchObject({ amount: 5, stage: 'open', version: 1 });
    const history = await server.database.db.selectFrom(`${schema}._field_history`).select('field').where('record_id', '=', created.id).execute();
    expect(history).toHaveLength(2); // the create's two entries only
  });
});
