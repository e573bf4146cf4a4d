// Issue #20: bulk create, update, upsert and delete for every field type, generated from the
// registry (the conformance suite's document and value samples): what the bulk API writes reads
// back exactly as the samples say, upsert twice leaves the count unchanged and updates changed
// rows, and a lookup can be set by its target's external id.
import type { NormalisedField, NormalisedObject } from '@tessera/metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT, conformanceDocument, SPECIMEN } from '../conformance/surfaces/conformance-document.ts';
import { sampleAt } from '../conformance/surfaces/conformance-tenant.ts';
import { FILE_UPLOADS_PER_FIELD, type Sample, typeSamples } from '../conformance/surfaces/value-samples.ts';
import { sampleFiles } from '../support/sample-files.ts';
import { startTestServer, type TenantClient, type TestServer } from '../support/test-server.ts';

type Rec = Record<string, unknown>;
const BULK = `/api/v1/objects/${SPECIMEN}/records/bulk`;

/** The conformance document with an external id on the specimen (`ext`) and on the account (`code`). */
function documentWithExternalIds() {
  const document = conformanceDocument();
  for (const object of document.objects as { apiName: string; fields: Rec[] }[]) {
    if (object.apiName === SPECIMEN) object.fields.push({ type: 'text', apiName: 'ext', labels: { en: 'External id', zh: '外部编号' }, externalId: true });
    if (object.apiName === ACCOUNT) object.fields.push({ type: 'text', apiName: 'code', labels: { en: 'Code', zh: '代码' }, externalId: true });
  }
  return document;
}

describe('bulk writes for every field type', () => {
  let server: TestServer;
  let api: TenantClient;
  let samples: Map<string, Sample[]>;
  let specimen: NormalisedObject;
  let accountIds: string[];

  /**
   * Row `row` of the generated table, shifted by `shift` samples (so an update changes values).
   * Unique fields keep their row's value: PostgreSQL checks a unique index row by row, so moving
   * values between rows in one statement collides exactly as a series of single writes would.
   */
  /** A file belongs to one record (and stays with a soft-deleted one): like unique values, it never moves between rows. */
  const ownValue = (field: NormalisedField) => field.unique || field.type === 'file' || field.type === 'image';
  const cell = (row: number, shift: number, side: keyof Sample): Rec =>
    Object.fromEntries(
      specimen.fields
        .filter((field) => samples.has(field.apiName))
        .map((field) => [field.apiName, sampleAt(field, samples.get(field.apiName) ?? [], row + (ownValue(field) ? 0 : shift))[side]]),
    );
  const body = (row: number, shift: number): Rec => cell(row, shift, 'input');
  const expected = (row: number, shift: number): Rec => expectedSets(cell(row, shift, 'output'));
  /** A record for the lookup cases: unique and file fields empty so they never meet the rows above. */
  const plain = (row: number): Rec => ({
    ...body(row, 0),
    ...Object.fromEntries(specimen.fields.filter((field) => ownValue(field) && field.apiName !== 'ext').map((field) => [field.apiName, null])),
  });
  const rowCount = () => Math.max(...[...samples.values()].map((list) => list.length));
  const all = async (): Promise<Rec[]> => {
    const listed = await api.list(SPECIMEN, { limit: 200, sort: 'ext' });
    expect(listed.status, listed.text).toBe(200);
    return listed.body.data as Rec[];
  };
  // Many-to-many values read back in link order (oldest link first, then id): an update that keeps
  // one link and adds another lists the kept one first whatever the ids, so the bulk comparison
  // is of the sets; link order itself is tested in many-to-many.test.ts.
  const linkSet = (key: string, value: unknown) =>
    Array.isArray(value) && specimen.fields.some((field) => field.apiName === key && field.type === 'manytomany') ? [...value].sort() : value;
  const pick = (record: Rec, keys: Rec) => Object.fromEntries(Object.keys(keys).map((key) => [key, linkSet(key, record[key])]));
  const expectedSets = (keys: Rec) => Object.fromEntries(Object.entries(keys).map(([key, value]) => [key, linkSet(key, value)]));

  beforeAll(async () => {
    server = await startTestServer('postgres');
    const token = await server.createTenant('bulktypes');
    api = server.tenant(token);
    const applied = await api.apply(documentWithExternalIds());
    expect(applied.status, applied.text.slice(0, 2000)).toBe(200);
    specimen = ((await api.get('/api/v1/metadata')).body.objects as NormalisedObject[]).find((object) => object.apiName === SPECIMEN) as NormalisedObject;
    const accounts = await api.post(`/api/v1/objects/${ACCOUNT}/records/bulk`, {
      operation: 'create',
      records: ['华为', 'Acme', 'Emoji 😀'].map((name, index) => ({ name, code: `A${index}` })),
    });
    expect(accounts.status, accounts.text).toBe(200);
    accountIds = accounts.body.results.map((result: Rec) => result.id as string);
    // User fields name users of the tenant: two of them.
    const userIds: string[] = [];
    for (const name of ['李雷', 'Ada']) {
      const user = await api.post('/api/v1/security/users', { email: `${userIds.length}@bulk.example`, name });
      expect(user.status, user.text).toBe(201);
      userIds.push(user.body.id as string);
    }
    const files = await sampleFiles(server.baseUrl, token, SPECIMEN, specimen.fields, FILE_UPLOADS_PER_FIELD);
    samples = new Map();
    for (const field of specimen.fields) {
      const generated = typeSamples(field.type);
      if (!generated.computed && field.apiName !== 'ext') samples.set(field.apiName, generated.samples(field, { lookupIds: accountIds, userIds, files }));
    }
  }, 180_000);
  afterAll(async () => server?.close());

  it('create, update, upsert (twice) and delete read back the samples of every type', async () => {
    const rows = rowCount();
    expect(rows).toBeGreaterThan(3);
    const created = await api.post(BULK, {
      operation: 'create',
      records: Array.from({ length: rows }, (_, row) => ({ ...body(row, 0), ext: `S${String(row).padStart(3, '0')}` })),
    });
    expect(created.status, created.text.slice(0, 2000)).toBe(200);
    expect(created.body.counts).toEqual({ created: rows, updated: 0, deleted: 0, failed: 0 });
    let listed = await all();
    expect(listed.map((record, row) => pick(record, expected(row, 0)))).toEqual(Array.from({ length: rows }, (_, row) => expected(row, 0)));

    // Update: every row takes the next row's samples (id from the create's results).
    const ids = created.body.results.map((result: Rec) => result.id as string);
    const updated = await api.post(BULK, { operation: 'update', records: ids.map((id: string, row: number) => ({ id, ...body(row, 1) })) });
    expect(updated.status, updated.text.slice(0, 2000)).toBe(200);
    expect(updated.body.counts.updated).toBe(rows);
    listed = await all();
    expect(listed.map((record, row) => pick(record, expected(row, 1)))).toEqual(Array.from({ length: rows }, (_, row) => expected(row, 1)));

    // Upsert by ext: every existing row shifted again plus two new ones; run twice: same count.
    const upsertBody = {
      operation: 'upsert',
      records: Array.from({ length: rows + 2 }, (_, row) => ({ ...body(row, 2), ext: `S${String(row).padStart(3, '0')}` })),
    };
    const first = await api.post(BULK, upsertBody);
    expect(first.status, first.text.slice(0, 2000)).toBe(200);
    expect(first.body.counts).toEqual({ created: 2, updated: rows, deleted: 0, failed: 0 });
    const second = await api.post(BULK, upsertBody);
    expect(second.body.counts).toEqual({ created: 0, updated: rows + 2, deleted: 0, failed: 0 });
    listed = await all();
    expect(listed).toHaveLength(rows + 2);
    expect(listed.map((record, row) => pick(record, expected(row, 2)))).toEqual(Array.from({ length: rows + 2 }, (_, row) => expected(row, 2)));
    expect(listed.slice(0, rows).map((record) => record.id)).toEqual(ids);

    const deleted = await api.post(BULK, { operation: 'delete', records: listed.map((record) => ({ id: record.id })) });
    expect(deleted.status, deleted.text).toBe(200);
    expect(deleted.body.counts.deleted).toBe(rows + 2);
    expect(await all()).toEqual([]);
  }, 120_000);

  it('sets a lookup by the target external id, in bulk and single writes; an unknown one names the path', async () => {
    const lookup = specimen.fields.find((field) => field.type === 'lookup')?.apiName as string;
    const made = await api.post(BULK, { operation: 'upsert', records: [{ ...plain(0), ext: 'L1', [lookup]: { code: 'A1' } }] });
    expect(made.status, made.text).toBe(200);
    const record = await api.get(`/api/v1/objects/${SPECIMEN}/records/${made.body.results[0].id}`);
    expect(record.body[lookup]).toBe(accountIds[1]);
    const single = await api.post(`/api/v1/objects/${SPECIMEN}/records`, { ...plain(1), ext: 'L2', [lookup]: { code: 'A2' } });
    expect(single.status, single.text).toBe(201);
    expect(single.body[lookup]).toBe(accountIds[2]);
    const missing = await api.post(BULK, {
      operation: 'create',
      records: [
        { ...plain(2), ext: 'L3' },
        { ...plain(3), ext: 'L4', [lookup]: { code: 'NOPE' } },
      ],
    });
    expect(missing.status).toBe(422);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    expect(missing.body.code).toBe('TSR141');
    expect(missing.body.errors).toEqual([expect.objectContaining({ path: `/records/1/${lookup}`, code: 'TSR142' })]);
    const notKey = await api.post(`/api/v1/objects/${SPECIMEN}/records`, { ...plain(2), ext: 'L5', [lookup]: { name: 'Acme' } });
    expect(notKey.status).toBe(400);
    expect(notKey.body.errors).toEqual([expect.objectContaining({ path: `/${lookup}`, code: 'TSR143' })]);
  }, 60_000);
});
