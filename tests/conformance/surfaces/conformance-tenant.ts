// One tenant per driver for the surface suite: the generated document applied, lookup targets,
// one specimen record per sample row (row i writes sample i of every field), and child lines so
// each roll-up has empty, single and several-row cases. Every create is checked as it happens.
import type { DatabaseKind } from '@tessera/runtime';
import type { NormalisedField, NormalisedObject } from '@tessera/metadata';
import { expect } from 'vitest';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { PATH_TARGET_FIELDS } from './computed-fields.ts';
import { ACCOUNT, conformanceDocument, LINE, LINE_PARENT, SPECIMEN } from './conformance-document.ts';
import type { Rec } from './expected-values.ts';
import { SurfaceClient } from './surface-client.ts';
import { FILE_UPLOADS_PER_FIELD, type FileRef, type Sample, typeSamples } from './value-samples.ts';

/** One more upload for a file or image field of the specimen (the patch surface takes fresh ones). */
export const uploadSample = (api: SurfaceClient, field: NormalisedField, index: number): Promise<FileRef> => api.upload(SPECIMEN, field, index);

/** The suite's clock: formulas read `today` and `now` from it. */
export const NOW = new Date('2026-03-15T10:00:00.000Z');
export const recordsPath = (object: string) => `/api/v1/objects/${object}/records`;

export interface ConformanceTenant {
  server: TestServer;
  api: SurfaceClient;
  specimen: NormalisedObject;
  /** Writable fields with their samples. */
  samples: Map<string, Sample[]>;
  accounts: Rec[];
  /** The users user fields name (id, name, email). */
  users: Rec[];
  /** Each specimen row as created, with the samples written. */
  rows: { body: Rec; created: Rec }[];
  lines: Rec[];
}

/** Sample i of a field, or (past its samples) null, or a repeat for a required field. */
export function sampleAt(field: NormalisedField, samples: Sample[], row: number): Sample {
  if (row < samples.length) return samples[row] as Sample;
  return field.required ? (samples[row % samples.length] as Sample) : { input: null, output: null };
}

async function inBatches<T, R>(items: readonly T[], size: number, run: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += size) {
    results.push(...(await Promise.all(items.slice(start, start + size).map((item, offset) => run(item, start + offset)))));
  }
  return results;
}

export async function startConformanceTenant(kind: DatabaseKind): Promise<ConformanceTenant> {
  const server = await startTestServer(kind, { clock: () => NOW });
  const api = new SurfaceClient(server, await server.createTenant('surfaces'));
  const applied = await api.post('/api/v1/metadata/apply', conformanceDocument());
  expect(applied.status, applied.text.slice(0, 2000)).toBe(200);
  const model = await api.get('/api/v1/metadata');
  const specimen = (model.body.objects as NormalisedObject[]).find((object) => object.apiName === SPECIMEN) as NormalisedObject;

  const accounts = await inBatches(['华为技术有限公司', 'Acme', '😀 Emoji Co'], 3, async (name, index) => {
    const values = Object.fromEntries(PATH_TARGET_FIELDS.map(({ field, values }) => [field.apiName, values[index % values.length]]));
    const created = await api.post(recordsPath(ACCOUNT), { name, ...values });
    expect(created.status, created.text).toBe(201);
    return created.body as Rec;
  });
  // User fields name users of the tenant: three active ones, names in both scripts.
  const users = await inBatches(['李雷', 'Ada Lovelace', 'Zoë'], 3, async (name, index) => {
    const created = await api.post('/api/v1/security/users', { email: `user${index}@surfaces.example`, name });
    expect(created.status, created.text).toBe(201);
    return created.body as Rec;
  });
  const files = new Map<string, FileRef[]>();
  for (const field of specimen.fields) {
    if (field.type !== 'file' && field.type !== 'image') continue;
    files.set(
      field.apiName,
      await inBatches(
        Array.from({ length: FILE_UPLOADS_PER_FIELD }, (_, index) => index),
        1,
        (index) => uploadSample(api, field, index),
      ),
    );
  }
  const context = { lookupIds: accounts.map((account) => account.id as string), userIds: users.map((user) => user.id as string), files };
  const samples = new Map<string, Sample[]>();
  for (const field of specimen.fields) {
    const generated = typeSamples(field.type);
    if (!generated.computed) samples.set(field.apiName, generated.samples(field, context));
  }
  const rowCount = Math.max(...[...samples.values()].map((list) => list.length));
  const bodies = Array.from({ length: rowCount }, (_, row) =>
    Object.fromEntries(
      specimen.fields
        .filter((field) => samples.has(field.apiName))
        .map((field) => [field.apiName, sampleAt(field, samples.get(field.apiName) ?? [], row).input]),
    ),
  );
  const rows = await inBatches(bodies, 4, async (body) => {
    const created = await api.post(recordsPath(SPECIMEN), body);
    expect(created.status, `create ${JSON.stringify(body).slice(0, 600)}: ${created.text.slice(0, 1500)}`).toBe(201);
    return { body, created: created.body as Rec };
  });
  // Row i gets i % 4 lines: none, one, two, three; amounts, dates and kinds vary, some null.
  const lineBodies = rows.flatMap(({ created }, row) =>
    Array.from({ length: row % 4 }, (_, j) => ({
      name: `line ${row}.${j}`,
      [LINE_PARENT]: created.id,
      amount: (row + j) % 3 === 2 ? null : Number(((row + 1) * 100 + j * 0.25).toFixed(2)),
      due: j === 1 ? null : `2026-0${(row % 9) + 1}-1${j}`,
      kind: j % 2 === 0 ? 'a' : 'b',
    })),
  );
  const lines = await inBatches(lineBodies, 4, async (body) => {
    const created = await api.post(recordsPath(LINE), body);
    expect(created.status, created.text).toBe(201);
    return created.body as Rec;
  });
  return { server, api, specimen, samples, accounts, users, rows, lines };
}
