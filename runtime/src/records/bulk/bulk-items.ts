// A bulk request's records → one planned item per record, each tagged with its index: creates,
// updates (by id, or by external id for upsert) and deletes, with every problem found before any
// write (schema validation, unknown lookups by external id, missing ids, a record named twice)
// kept per record. The items of one kind are later written together as one plan.
import { isPlainObject, type ProblemDetail } from '@tessera/metadata';
import type { CompiledObject } from '../../catalog/catalog-types.ts';
import { ApiError } from '../../core/api-error.ts';
import { isRecordId } from '../record-id.ts';
import { externalIdValue, matchExternalIds } from '../upsert-match.ts';
import { writeForbidden } from '../write/steps/check-access.ts';
import { type PlanInput, planCreate, planDelete, planPatch } from '../write/plan-write.ts';
import type { ObjectDb } from '../write/write-context.ts';
import type { WriteItem, WriteKind } from '../write/write-plan.ts';
import type { BulkRequest } from './bulk-request.ts';

export interface BulkItem {
  index: number;
  kind: Extract<WriteKind, 'create' | 'patch' | 'delete'>;
  item: WriteItem;
}

export const recordPath = (index: number): string => `/records/${index}`;

/** An ApiError of one record, its paths under `/records/<index>`. */
export function recordProblems(index: number, error: ApiError): ProblemDetail[] {
  if (error.errors.length === 0) return [{ path: recordPath(index), code: error.code, message: error.detail }];
  return error.errors.map((problem) => ({ ...problem, path: `${recordPath(index)}${problem.path}` }));
}

/** The records' external id values (undefined where a record has none), for an upsert's matching. */
export function bulkKeys(object: CompiledObject, request: Pick<BulkRequest, 'externalIdField'>, records: readonly unknown[]): (string | number | undefined)[] {
  const key = request.externalIdField;
  return records.map((record) => (key && isPlainObject(record) ? externalIdValue(object, key, record[key]) : undefined));
}

/** Upsert: the existing records of the request's key values (key text → id), found in one statement. */
export async function matchBulkKeys(
  db: ObjectDb,
  input: PlanInput,
  request: Pick<BulkRequest, 'externalIdField'>,
  keys: readonly (string | number | undefined)[],
): Promise<Map<string, string>> {
  const key = request.externalIdField;
  if (!key) return new Map();
  return matchExternalIds(
    db,
    input.stored,
    key,
    keys.filter((value) => value !== undefined),
  );
}

export interface PlanBulkOptions {
  /** The upsert's matches when the caller found them already (matchBulkKeys); else they are looked up here. */
  existing?: Map<string, string>;
  /** Awaited every PAUSE_EVERY records: an import plans its next chunk while the current one is written. */
  pause?: () => Promise<void>;
}
const PAUSE_EVERY = 250;

export async function planBulkItems(
  db: ObjectDb,
  object: CompiledObject,
  input: PlanInput,
  request: BulkRequest,
  records: readonly unknown[],
  failed: Map<number, ProblemDetail[]>,
  options: PlanBulkOptions = {},
): Promise<BulkItem[]> {
  const fail = (index: number, problems: ProblemDetail[]) => failed.set(index, [...(failed.get(index) ?? []), ...problems]);
  const key = request.externalIdField;
  const keys = bulkKeys(object, request, records);
  const existing = options.existing ?? (await matchBulkKeys(db, input, request, keys));
  const seen = new Map<string, number>();
  const items: BulkItem[] = [];
  for (const [index, record] of records.entries()) {
    if (options.pause && index > 0 && index % PAUSE_EVERY === 0) await options.pause();
    if (failed.has(index)) continue;
    if (!isPlainObject(record)) {
      fail(index, [{ path: recordPath(index), code: 'TSR100', message: 'must be an object' }]);
      continue;
    }
    const { id: rawId, ...fields } = record;
    let id: string | undefined;
    if (request.operation === 'upsert') {
      const value = keys[index];
      if (value === undefined) {
        fail(index, [{ path: `${recordPath(index)}/${key}`, code: 'TSR143', message: `the external id ${key} is required to upsert` }]);
        continue;
      }
      if (rawId !== undefined) {
        fail(index, [{ path: `${recordPath(index)}/id`, code: 'TSR100', message: 'an upsert matches by external id; leave id out' }]);
        continue;
      }
      id = existing.get(String(value));
      const twice = seen.get(`k:${value}`);
      if (twice !== undefined) {
        fail(index, [{ path: `${recordPath(index)}/${key}`, code: 'TSR100', message: `the same ${key} as record ${twice}` }]);
        continue;
      }
      seen.set(`k:${value}`, index);
    } else if (request.operation !== 'create') {
      if (typeof rawId !== 'string' || !isRecordId(rawId)) {
        fail(index, [{ path: `${recordPath(index)}/id`, code: 'TSR100', message: 'must be a record id' }]);
        continue;
      }
      id = rawId.toLowerCase();
      const twice = seen.get(`id:${id}`);
      if (twice !== undefined) {
        fail(index, [{ path: `${recordPath(index)}/id`, code: 'TSR100', message: `the same record as record ${twice}` }]);
        continue;
      }
      seen.set(`id:${id}`, index);
    } else if (rawId !== undefined) {
      fail(index, [{ path: `${recordPath(index)}/id`, code: 'TSR100', message: 'a create takes no id' }]);
      continue;
    }
    try {
      if (request.operation === 'delete') {
        if (object.rowAccess && !object.rowAccess.canDelete) throw writeForbidden(object, 'delete');
        const version = typeof fields.version === 'number' ? fields.version : undefined;
        const [item] = planDelete(input, id as string, version).items;
        items.push({ index, kind: 'delete', item: item as WriteItem });
      } else if (id === undefined) {
        const [item] = planCreate(input, [fields]).items;
        items.push({ index, kind: 'create', item: item as WriteItem });
      } else {
        if (object.rowAccess && !object.rowAccess.canEdit) throw writeForbidden(object, 'edit');
        const [item] = planPatch(input, id, fields, undefined).items;
        items.push({ index, kind: 'patch', item: item as WriteItem });
      }
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      fail(index, recordProblems(index, error));
    }
  }
  return items;
}
