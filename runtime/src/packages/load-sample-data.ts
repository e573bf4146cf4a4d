// A package's sample records → created through the record service (defaults, rules, autonumbers,
// roll-ups and duplicate checks apply as for any write) in the package operation's transaction.
// `{"$ref": "acme"}` in a field stands for the id of the sample record named acme: references to
// records created earlier are filled in at create, the others by an update once all exist.
import type { SampleDataSet } from '@tessera/metadata/packages';
import type { Kysely } from 'kysely';
import type { Catalog } from '../catalog/catalog-types.ts';
import { ApiError } from '../core/api-error.ts';
import { StageTimer } from '../core/stage-timer.ts';
import { RecordService } from '../records/record-service.ts';

// biome-ignore lint/suspicious/noExplicitAny: tenant tables are dynamic
type Db = Kysely<any>;

const refOf = (value: unknown): string | undefined => {
  const ref = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as { $ref?: unknown }).$ref : undefined;
  return typeof ref === 'string' ? ref : undefined;
};

export const countSampleRecords = (sets: readonly SampleDataSet[]): number => sets.reduce((sum, set) => sum + set.records.length, 0);

/**
 * `fileOf(index)`: the file a set came from, so a refused record is named by file and position;
 * `onCreated(n)`: after each create, with the count so far (progress).
 */
export async function loadSampleData(
  trx: Db,
  catalog: Catalog,
  namespace: string,
  sets: readonly SampleDataSet[],
  fileOf: (index: number) => string,
  onCreated?: (created: number) => void,
): Promise<number> {
  const records = new RecordService(trx, catalog, new StageTimer(), { actor: { id: null, label: `package:${namespace}` } });
  const ids = new Map<string, string>();
  const later: { object: string; id: string; changes: Record<string, string>; path: string }[] = [];
  let created = 0;
  for (const [setIndex, set] of sets.entries()) {
    const object = records.object(set.object);
    for (const [position, raw] of set.records.entries()) {
      const path = `${fileOf(setIndex)}/records/${position}`;
      const body: Record<string, unknown> = {};
      const pending: Record<string, string> = {};
      for (const [field, value] of Object.entries(raw)) {
        if (field === '$ref') continue;
        const ref = refOf(value);
        if (ref === undefined) body[field] = value;
        else if (ids.has(ref)) body[field] = ids.get(ref);
        else pending[field] = ref;
      }
      const id = await named(path, async () => JSON.parse((await records.create(object, body)).json).id as string);
      created += 1;
      onCreated?.(created);
      if (typeof raw.$ref === 'string') ids.set(raw.$ref, id);
      if (Object.keys(pending).length > 0) later.push({ object: set.object, id, changes: pending, path });
    }
  }
  for (const { object, id, changes, path } of later) {
    const resolved = Object.fromEntries(Object.entries(changes).map(([field, ref]) => [field, ids.get(ref) ?? null]));
    await named(path, () => records.patch(records.object(object), id, resolved, undefined));
  }
  return created;
}

/** A refused sample record → TSR615 naming the file, the record and each offending field. */
async function named<T>(path: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const errors =
      error.errors.length > 0
        ? error.errors.map((found) => ({ ...found, path: `${path}${found.path}`, code: 'TSR615' as const, message: `${found.message} (${found.code})` }))
        : [{ path, code: 'TSR615' as const, message: `${error.detail} (${error.code})` }];
    throw new ApiError('TSR615', `A sample record was refused; nothing was installed. ${error.detail}`, errors);
  }
}
