// Issue #20: a bulk write is set-based. Counts the statements runBulk sends (a Kysely plugin sees
// each) for create, update, upsert and delete of 10 and of 200 records of an object with a
// validation rule, tracked fields (field history) and an external id: the count is the same for
// both sizes, and small. (A duplicate rule still stores keys per record: not counted here.)
import { EMPTY_SNAPSHOT, type NormalisedObject, type ObjectDef, validateDocument } from '@tessera/metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileCatalog } from '../../runtime/src/catalog/compile-catalog.ts';
import { StageTimer } from '../../runtime/src/core/stage-timer.ts';
import type { BulkRequest } from '../../runtime/src/records/bulk/bulk-request.ts';
import { runBulk } from '../../runtime/src/records/bulk/run-bulk.ts';
import { countingDb } from '../support/statement-counter.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const labels = (en: string) => ({ en, zh: en });
const item: ObjectDef = {
  apiName: 'item',
  labels: labels('Item'),
  fields: [
    { apiName: 'name', type: 'text', labels: labels('Name'), required: true },
    { apiName: 'qty', type: 'number', labels: labels('Quantity') },
    { apiName: 'sku', type: 'text', labels: labels('SKU'), externalId: true },
  ],
  validationRules: [{ apiName: 'qty_positive', condition: { '>=': [{ var: 'qty' }, 0] }, message: { en: 'qty must not be negative' } }],
};

describe('statements per bulk write', () => {
  let server: TestServer;
  let objects: NormalisedObject[];

  beforeAll(async () => {
    server = await startTestServer('postgres');
    const token = await server.createTenant('bulkstmts');
    expect((await server.tenant(token).apply({ objects: [item] })).status).toBe(200);
    const validated = validateDocument({ objects: [item] }, EMPTY_SNAPSHOT);
    if (!validated.ok) throw new Error(JSON.stringify(validated.errors));
    objects = validated.value;
  }, 120_000);
  afterAll(async () => server?.close());

  /** Runs one bulk request and returns the number of statements it sent. */
  const count = async (request: BulkRequest): Promise<{ statements: number; ids: string[] }> => {
    const { db, count: sent } = countingDb(server.database.db);
    const catalog = compileCatalog({ tenant: 'bulkstmts', schema: 't_bulkstmts', revision: 1, snapshot: { objects } });
    const outcome = await runBulk(db, catalog, new StageTimer(), { trackedFields: new Map([['item', ['qty']]]) }, 'item', request);
    expect(outcome.counts.failed).toBe(0);
    return { statements: sent(), ids: outcome.results.map((result) => result.id as string) };
  };
  const records = (size: number, from: number, qty: number) =>
    Array.from({ length: size }, (_, index) => ({ name: `Item ${from + index}`, qty, sku: `S${from + index}` }));

  it('create, update, upsert and delete cost the same statements for 10 and 200 records', async () => {
    const counts: Record<string, number[]> = { create: [], update: [], upsert: [], delete: [] };
    for (const [size, from] of [
      [10, 0],
      [200, 1000],
    ] as const) {
      const created = await count({ operation: 'create', mode: 'all-or-nothing', records: records(size, from, 1) });
      counts.create?.push(created.statements);
      const updated = await count({ operation: 'update', mode: 'all-or-nothing', records: created.ids.map((id) => ({ id, qty: 2 })) });
      counts.update?.push(updated.statements);
      // Half existing (updated), half new (created).
      const upserted = await count({ operation: 'upsert', mode: 'all-or-nothing', externalIdField: 'sku', records: records(size, from + size / 2, 3) });
      counts.upsert?.push(upserted.statements);
      const deleted = await count({ operation: 'delete', mode: 'all-or-nothing', records: upserted.ids.map((id) => ({ id })) });
      counts.delete?.push(deleted.statements);
    }
    // The steps did their work: field history of every create, update and upsert (10 + 200 records each).
    const history = await server.database.db
      .selectFrom('t_bulkstmts._field_history')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    expect(Number(history?.n)).toBe(3 * 210);
    for (const [operation, [small, large]] of Object.entries(counts)) {
      expect(large, `${operation}: 10 records took ${small} statements, 200 took ${large}`).toBe(small);
      expect(large, operation).toBeLessThanOrEqual(12);
    }
  }, 60_000);
});
