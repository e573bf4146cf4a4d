// Removing roll-ups together with the child object they summarise, in one plan: uninstalling
// packages/nps (survey's promoters/detractors roll-ups with filters and the formulas reading them,
// over survey_response) with and without records, with purge when they hold data; and the same
// removals as plain metadata changes. Each answers 200, drops what it should and nothing else.
// The 500 this guards against: dropping an object tried to hide a column for each of its formula
// fields (passives, nps), which have no column.
import { testDriverKinds } from '@tessera/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../support/api-assertions.ts';
import { startTestServer, type TenantClient, type TestServer } from '../support/test-server.ts';
import { databaseDump, freshTenant, reviewed } from './engine-support.ts';

const kinds = await testDriverKinds();
const byName = (name: string) => ({ kind: 'available', name });

/** The dump restricted to `tables` (columns, indexes and rows of those tables only). */
function only(dump: Record<string, any>, tables: ReadonlySet<string>): Record<string, unknown> {
  const indexTable = (index: string) => /ON (?:ONLY )?\S+?\.(\S+) USING/.exec(index)?.[1]?.replaceAll('"', '') ?? '';
  return {
    columns: dump.columns.filter((column: string) => tables.has(column.slice(0, column.indexOf('.')))),
    indexes: dump.indexes.filter((index: string) => tables.has(indexTable(index))),
    rows: Object.fromEntries(Object.entries(dump.rows).filter(([table]) => tables.has(table))),
  };
}

/** Tables an uninstall writes besides the package's own: the system tables (revision, audit, security, _packages, dropped bookkeeping). */
const bystanders = (dump: Record<string, any>, own: readonly string[]) =>
  new Set(Object.keys(dump.rows).filter((table) => !table.startsWith('_') && !own.includes(table)));

describe.each(kinds)('uninstalling roll-ups with their child object on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(async () => server?.close());

  async function withNps(crmSamples: boolean, npsSamples: boolean): Promise<{ api: TenantClient; schema: string }> {
    const tenant = await freshTenant(server, 'nu');
    await reviewed(tenant.api, 'install', { source: byName('crm-core'), sampleData: crmSamples });
    await reviewed(tenant.api, 'install', { source: byName('nps'), sampleData: npsSamples });
    return tenant;
  }

  async function expectNpsGone(api: TenantClient) {
    expect((await api.get('/api/v1/packages')).body.data.map((row: any) => row.namespace)).toEqual(['crm']);
    expectProblem(await api.get('/api/v1/objects/survey/records'), 404, 'TSR110');
    expectProblem(await api.get('/api/v1/objects/survey_response/records'), 404, 'TSR110');
  }

  for (const sampleData of [false, true]) {
    it(`uninstalls nps without records (crm-core ${sampleData ? 'with' : 'without'} sample data) with the plan's hash`, async () => {
      const { api, schema } = await withNps(sampleData, false);
      const before = await databaseDump(server, schema);
      const plan = await api.post('/api/v1/packages/plan', { uninstall: 'nps' });
      expect(plan.status, plan.text).toBe(200);
      expect(plan.body.steps.map((step: any) => `${step.kind} ${step.object}`)).toEqual(
        expect.arrayContaining(['drop_table survey', 'drop_table survey_response']),
      );
      const removed = await api.delete(`/api/v1/packages/nps?planHash=${plan.body.planHash}`);
      expect(removed.status, removed.text).toBe(200);
      expect(removed.body).toMatchObject({ operation: 'uninstall', namespace: 'nps', version: null });
      await expectNpsGone(api);
      const others = bystanders(before, ['survey', 'survey_response']);
      expect(others).toContain('account');
      expect(only(await databaseDump(server, schema), others)).toEqual(only(before, others));
      expect((await api.list('account')).body.data.length > 0).toBe(sampleData);
    });
  }

  it('purges nps while its surveys and responses hold data, and a reinstall brings them back with their roll-ups', async () => {
    const { api } = await withNps(true, true);
    const surveys = (await api.list('survey', { limit: 200 })).body.data;
    expect(surveys.length).toBeGreaterThan(0);
    const plan = await api.post('/api/v1/packages/plan', { uninstall: 'nps', purge: true });
    expect(plan.status, plan.text).toBe(200);
    expect(plan.body).toMatchObject({ destructive: true, requiresPlanHash: true });
    const purged = await api.delete(`/api/v1/packages/nps?purge=true&planHash=${plan.body.planHash}`);
    expect(purged.status, purged.text).toBe(200);
    await expectNpsGone(api);
    // crm-core's records still write (no trigger of the dropped objects is left on them).
    const account = (await api.list('account')).body.data[0];
    expect((await api.patch(`/api/v1/objects/account/records/${account.id}`, { name: 'Renamed after nps' })).status).toBe(200);
    const again = await reviewed(api, 'install', { source: byName('nps'), sampleData: false });
    expect(again.plan.steps.map((step: any) => step.kind)).toContain('restore_table');
    const restored = (await api.list('survey', { limit: 200 })).body.data;
    expect(restored.map((row: any) => [row.id, row.responses, row.promoters, row.detractors, row.passives, row.nps])).toEqual(
      surveys.map((row: any) => [row.id, row.responses, row.promoters, row.detractors, row.passives, row.nps]),
    );
  });

  const board = (withRollups: boolean) => ({
    apiName: 'board',
    labels: { en: 'Board' },
    fields: [
      { apiName: 'name', type: 'text', labels: { en: 'Name' }, required: true },
      ...(withRollups
        ? [
            { apiName: 'cards', type: 'rollup', labels: { en: 'Cards' }, childObject: 'card', childField: 'board', function: 'count' },
            {
              apiName: 'big',
              type: 'rollup',
              labels: { en: 'Big' },
              childObject: 'card',
              childField: 'board',
              function: 'count',
              filter: { '>=': [{ var: 'points' }, 5] },
            },
            {
              apiName: 'points',
              type: 'rollup',
              labels: { en: 'Points' },
              childObject: 'card',
              childField: 'board',
              function: 'sum',
              aggregateField: 'points',
            },
            {
              apiName: 'small',
              type: 'formula',
              returns: 'number',
              scale: 0,
              labels: { en: 'Small' },
              expression: { '-': [{ var: 'cards' }, { var: 'big' }] },
            },
          ]
        : []),
    ],
  });
  const card = {
    apiName: 'card',
    labels: { en: 'Card' },
    fields: [
      { apiName: 'title', type: 'text', labels: { en: 'Title' }, required: true },
      { apiName: 'board', type: 'lookup', target: 'board', onDelete: 'cascade', required: true, labels: { en: 'Board' } },
      { apiName: 'points', type: 'number', labels: { en: 'Points' } },
      { apiName: 'doubled', type: 'formula', returns: 'number', scale: 0, labels: { en: 'Doubled' }, expression: { '*': [{ var: 'points' }, 2] } },
    ],
  };

  /** A board with one card of 8 points: its roll-ups and formulas read 1, 1, 8, 0. */
  async function boardWithCard(): Promise<{ api: TenantClient; schema: string; boardId: string; cardId: string }> {
    const { api, schema } = await freshTenant(server, 'nr');
    const created = await api.apply({ objects: [board(true), card] });
    expect(created.status, created.text).toBe(200);
    const parent = await api.post('/api/v1/objects/board/records', { name: 'kept' });
    expect(parent.status, parent.text).toBe(201);
    const child = await api.post('/api/v1/objects/card/records', { title: 'x', board: parent.body.id, points: 8 });
    expect(child.status, child.text).toBe(201);
    expect(child.body).toMatchObject({ doubled: 16 });
    expect((await api.get(`/api/v1/objects/board/records/${parent.body.id}`)).body).toMatchObject({ cards: 1, big: 1, points: 8, small: 0 });
    return { api, schema, boardId: parent.body.id, cardId: child.body.id };
  }

  async function reviewedApply(api: TenantClient, next: unknown): Promise<any> {
    const plan = await api.post('/api/v1/metadata/plan', next);
    expect(plan.status, plan.text).toBe(200);
    const applied = await api.post('/api/v1/metadata/apply', { definition: next, planHash: plan.body.planHash, allowDestructive: true });
    expect(applied.status, applied.text).toBe(200);
    return plan.body;
  }

  it('removes a child object and the roll-ups summarising it from its parent in one plain metadata apply', async () => {
    const { api, schema, boardId, cardId } = await boardWithCard();
    expect((await api.delete(`/api/v1/objects/card/records/${cardId}`)).status).toBe(204);
    await reviewedApply(api, { objects: [board(false)], remove: ['card'] });
    expectProblem(await api.get('/api/v1/objects/card/records'), 404, 'TSR110');
    const kept = await api.get(`/api/v1/objects/board/records/${boardId}`);
    expect(kept.body).toMatchObject({ name: 'kept' });
    expect(kept.body).not.toHaveProperty('cards');
    expect((await api.patch(`/api/v1/objects/board/records/${boardId}`, { name: 'still writes' })).status).toBe(200);
    expect((await databaseDump(server, schema)).rows).toHaveProperty('board');
  });

  it('removes a parent with roll-ups and formulas and its child with a formula in one plain metadata apply, and re-adding restores both', async () => {
    const { api, boardId, cardId } = await boardWithCard();
    const plan = await reviewedApply(api, { objects: [], remove: ['board', 'card'] });
    expect(plan.destructive).toBe(true);
    expectProblem(await api.get('/api/v1/objects/board/records'), 404, 'TSR110');
    expectProblem(await api.get('/api/v1/objects/card/records'), 404, 'TSR110');
    const again = await reviewedApply(api, { objects: [board(true), card] });
    expect(again.steps.map((step: any) => step.kind)).toEqual(expect.arrayContaining(['restore_table']));
    expect((await api.get(`/api/v1/objects/board/records/${boardId}`)).body).toMatchObject({ name: 'kept', cards: 1, big: 1, points: 8, small: 0 });
    expect((await api.get(`/api/v1/objects/card/records/${cardId}`)).body).toMatchObject({ points: 8, doubled: 16 });
  });
});
