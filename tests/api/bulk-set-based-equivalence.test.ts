// A multi-row create is one INSERT … SELECT FROM unnest(one array per column) (records/unnest-insert.ts),
// a single create one INSERT … VALUES: for every field type of the registry (the conformance
// suite's document and value samples), the same rows written both ways read back the same, and a
// row the database refuses is refused with the same code and path both ways. The pipeline's first
// stage entries (folded into either insert) are the same rows both ways.
import type { NormalisedField, NormalisedObject } from '@tessera/metadata';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT, conformanceDocument, SPECIMEN } from '../conformance/surfaces/conformance-document.ts';
import { sampleAt } from '../conformance/surfaces/conformance-tenant.ts';
import { type Sample, typeSamples } from '../conformance/surfaces/value-samples.ts';
import { startTestServer, type TenantClient, type TestServer } from '../support/test-server.ts';

type Rec = Record<string, unknown>;
const BULK = `/api/v1/objects/${SPECIMEN}/records/bulk`;

function documentWithExternalId() {
  const document = conformanceDocument();
  for (const object of document.objects as { apiName: string; fields: Rec[] }[]) {
    if (object.apiName === SPECIMEN) object.fields.push({ type: 'text', apiName: 'ext', labels: { en: 'External id', zh: '外部编号' }, externalId: true });
  }
  return document;
}

describe('set-based creates equal single creates', () => {
  let server: TestServer;
  let api: TenantClient;
  let samples: Map<string, Sample[]>;
  let specimen: NormalisedObject;

  // Files belong to one record (a soft-deleted one keeps them), so they cannot be written twice: left out.
  const isFile = (field: NormalisedField) => field.type === 'file' || field.type === 'image';
  const body = (row: number, ext: string): Rec => ({
    ...Object.fromEntries(
      specimen.fields
        .filter((field) => samples.has(field.apiName))
        .map((field) => [field.apiName, sampleAt(field, samples.get(field.apiName) ?? [], row).input]),
    ),
    ext,
  });
  const rowCount = () => Math.max(...[...samples.values()].map((list) => list.length));
  /** What the body decided: every sampled field and the owner, creator and record type the write adds (computed fields read the clock or count). */
  const stored = (record: Rec): Rec =>
    Object.fromEntries(Object.entries(record).filter(([name]) => samples.has(name) || ['owner_id', 'created_by', 'record_type'].includes(name)));
  const listAll = async (): Promise<Rec[]> => {
    const listed = await api.list(SPECIMEN, { limit: 200, sort: 'ext' });
    expect(listed.status, listed.text).toBe(200);
    return listed.body.data as Rec[];
  };

  /** The stage history of the records, in their order, without what differs by record or instant. */
  const stageHistory = async (ids: readonly string[]): Promise<Rec[]> =>
    (
      await sql<Rec>`select object, pipeline, from_stage, to_stage, moved_by, actor, seconds_in_previous, reason, comment
        from t_setbased._stage_history where record_id = any(${ids}::uuid[]) order by array_position(${ids}::uuid[], record_id), id`.execute(server.database.db)
    ).rows;

  beforeAll(async () => {
    server = await startTestServer('postgres');
    api = server.tenant(await server.createTenant('setbased'));
    const applied = await api.apply(documentWithExternalId());
    expect(applied.status, applied.text.slice(0, 2000)).toBe(200);
    specimen = ((await api.get('/api/v1/metadata')).body.objects as NormalisedObject[]).find((object) => object.apiName === SPECIMEN) as NormalisedObject;
    const accounts = await api.post(`/api/v1/objects/${ACCOUNT}/records/bulk`, { operation: 'create', records: ['华为', 'Acme'].map((name) => ({ name })) });
    expect(accounts.status, accounts.text).toBe(200);
    const lookupIds = accounts.body.results.map((result: Rec) => result.id as string);
    const user = await api.post('/api/v1/security/users', { email: 'set@based.example', name: 'Ada' });
    expect(user.status, user.text).toBe(201);
    samples = new Map();
    for (const field of specimen.fields) {
      const generated = typeSamples(field.type);
      if (generated.computed || field.apiName === 'ext' || isFile(field)) continue;
      samples.set(field.apiName, generated.samples(field, { lookupIds, userIds: [user.body.id as string], files: new Map() }));
    }
  }, 180_000);
  afterAll(async () => server?.close());

  it('stores every field type exactly as one-by-one creates do', async () => {
    const rows = rowCount();
    expect(rows).toBeGreaterThan(3);
    expect(new Set(specimen.fields.filter((field) => samples.has(field.apiName)).map((field) => field.type)).size).toBeGreaterThan(10);
    for (let row = 0; row < rows; row += 1) {
      const single = await api.post(`/api/v1/objects/${SPECIMEN}/records`, body(row, `S${String(row).padStart(3, '0')}`));
      expect(single.status, single.text.slice(0, 2000)).toBe(201);
    }
    const one = await listAll();
    expect(one).toHaveLength(rows);
    // Soft-deleted: unique values are unique among live records, so the same rows can be written again.
    const removed = await api.post(BULK, { operation: 'delete', records: one.map((record) => ({ id: record.id })) });
    expect(removed.status, removed.text).toBe(200);

    const bulk = await api.post(BULK, {
      operation: 'create',
      records: Array.from({ length: rows }, (_, row) => body(row, `S${String(row).padStart(3, '0')}`)),
    });
    expect(bulk.status, bulk.text.slice(0, 2000)).toBe(200);
    expect(bulk.body.counts).toEqual({ created: rows, updated: 0, deleted: 0, failed: 0 });
    const set = await listAll();
    expect(set.map((record) => record.ext)).toEqual(one.map((record) => record.ext));
    expect(set.map(stored)).toEqual(one.map(stored));
    // Results name each row's own record, in the request's order (the unnest insert returns rows in array order).
    expect(bulk.body.results.map((result: Rec) => result.id)).toEqual(set.map((record) => record.id));
    // The pipeline's first stage entries: folded into the multi-row insert, the same rows as the single creates'.
    const singleMoves = await stageHistory(one.map((record) => record.id as string));
    expect(singleMoves.length).toBeGreaterThan(0);
    expect(await stageHistory(set.map((record) => record.id as string))).toEqual(singleMoves);
  }, 120_000);

  it('refuses a row the database refuses with the code and path a single create gets', async () => {
    const live = await listAll();
    if (live.length > 0) expect((await api.post(BULK, { operation: 'delete', records: live.map((record) => ({ id: record.id })) })).status).toBe(200);
    const taken = await api.post(`/api/v1/objects/${SPECIMEN}/records`, body(0, 'TAKEN'));
    expect(taken.status, taken.text).toBe(201);
    const single = await api.post(`/api/v1/objects/${SPECIMEN}/records`, body(1, 'TAKEN'));
    expect(single.status).toBeGreaterThanOrEqual(400);
    expect(single.status).toBeLessThan(500);
    const bulk = await api.post(BULK, { operation: 'create', mode: 'partial', records: [body(2, 'FREE-1'), body(1, 'TAKEN'), body(3, 'FREE-2')] });
    expect(bulk.status, bulk.text).toBe(200);
    expect(bulk.body.results.map((result: Rec) => result.status)).toEqual(['created', 'failed', 'created']);
    const relative = (errors: { path: string; code: string }[]) =>
      errors.map((error) => ({ code: error.code, path: error.path.replace(/^\/records\/\d+/, '') }));
    expect(relative(bulk.body.results[1].errors)).toEqual(relative(single.body.errors ?? [{ code: single.body.code, path: '' }]));
  }, 60_000);
});
