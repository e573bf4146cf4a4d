// POST /objects/:object/records/mass body → a checked mass action (issue #20, "mass actions"):
//   update   the same values on every chosen record;
//   transfer a new owner for every chosen record, and for the related records the caller names
//            (children pointing at a chosen record through a lookup) that the chosen record's
//            previous owner also owned: the CRM convention, so a salesperson's accounts move with
//            their own open deals and contacts but not with a colleague's;
//   delete   every chosen record (soft delete, restorable).
// The records are chosen by `ids` (what the App selected) or by a list `filter` (every record the
// caller can see that matches). Pure: no database.
import { isPlainObject, type ProblemDetail } from '@tessera/metadata';
import type { CompiledObject } from '../../catalog/catalog-types.ts';
import { ApiError, errorsToApiError } from '../../core/api-error.ts';
import { BULK_LIMIT, type BulkMode } from '../bulk/bulk-request.ts';
import { isRecordId } from '../record-id.ts';

export const MASS_ACTIONS = ['update', 'transfer', 'delete'] as const;
export type MassAction = (typeof MASS_ACTIONS)[number];

/** A child object whose records follow a transfer: `field` is its lookup to the transferred object. */
export interface RelatedTransfer {
  object: string;
  field: string;
}

export type MassSelection = { ids: readonly string[] } | { filter: string };

export interface MassRequest {
  action: MassAction;
  mode: BulkMode;
  selection: MassSelection;
  /** update: the values every chosen record gets. */
  values?: Record<string, unknown>;
  /** transfer: the new owner, as any user field takes it (id, `{email}` or `{name}`). */
  owner?: unknown;
  related: readonly RelatedTransfer[];
}

const KEYS = new Set(['action', 'mode', 'ids', 'filter', 'values', 'owner', 'related']);
/** System columns a mass update may not set: the pipeline would refuse them per record, 2000 times. */
const NOT_MASS_UPDATABLE = new Set(['id', 'version', 'created_at', 'updated_at', 'created_by', 'deleted_at']);

/** `objects`: the catalog's objects as the caller sees them (a related object they cannot read is unknown). */
export function parseMassRequest(object: CompiledObject, objects: ReadonlyMap<string, CompiledObject>, body: unknown): MassRequest {
  if (!isPlainObject(body)) {
    throw new ApiError('TSR100', 'Send {"action": "update|transfer|delete", "ids": [...] or "filter": …}.', [
      { path: '', code: 'TSR100', message: 'must be an object' },
    ]);
  }
  const errors: ProblemDetail[] = [];
  const problem = (path: string, message: string) => errors.push({ path, code: 'TSR100', message });
  for (const key of Object.keys(body)) if (!KEYS.has(key)) problem(`/${key}`, 'unknown property');
  const action = body.action as MassAction;
  if (!MASS_ACTIONS.includes(action)) problem('/action', `must be one of ${MASS_ACTIONS.join(', ')}`);
  const mode = (body.mode ?? 'all-or-nothing') as BulkMode;
  if (mode !== 'all-or-nothing' && mode !== 'partial') problem('/mode', 'must be all-or-nothing or partial');

  const selection = parseSelection(body, problem);
  if (action === 'update') {
    if (!isPlainObject(body.values) || Object.keys(body.values).length === 0) problem('/values', 'must be an object with at least one field');
    else for (const name of Object.keys(body.values)) if (NOT_MASS_UPDATABLE.has(name)) problem(`/values/${name}`, 'is set by Tessera, not by a mass update');
  } else if (body.values !== undefined) problem('/values', 'only for update');
  if (action === 'transfer') {
    if (body.owner === undefined || body.owner === null) problem('/owner', 'name the new owner (a user id, {"email": …} or {"name": …})');
  } else if (body.owner !== undefined) problem('/owner', 'only for transfer');
  const related = action === 'transfer' ? parseRelated(object, objects, body.related, problem) : [];
  if (action !== 'transfer' && body.related !== undefined) problem('/related', 'only for transfer');

  if (errors.length > 0) throw errorsToApiError('TSR100', 'The mass action is invalid; nothing was changed.', errors);
  return {
    action,
    mode,
    selection: selection as MassSelection,
    ...(action === 'update' ? { values: body.values as Record<string, unknown> } : {}),
    ...(action === 'transfer' ? { owner: body.owner } : {}),
    related,
  };
}

function parseSelection(body: Record<string, unknown>, problem: (path: string, message: string) => void): MassSelection | undefined {
  const { ids, filter } = body;
  if ((ids === undefined) === (filter === undefined)) {
    problem('/ids', 'send either "ids" or "filter"');
    return undefined;
  }
  if (filter !== undefined) {
    if (typeof filter === 'string' && filter.trim() !== '') return { filter };
    if (isPlainObject(filter)) return { filter: JSON.stringify(filter) };
    problem('/filter', 'must be a JsonLogic rule (an object, or its JSON text)');
    return undefined;
  }
  if (!Array.isArray(ids) || ids.length === 0) {
    problem('/ids', 'must be a non-empty array of record ids');
    return undefined;
  }
  if (ids.length > BULK_LIMIT) {
    throw new ApiError('TSR140', `A mass action takes at most ${BULK_LIMIT} records; ${ids.length} were chosen.`, [
      { path: '/ids', code: 'TSR140', message: `at most ${BULK_LIMIT} records` },
    ]);
  }
  ids.forEach((id, index) => {
    if (typeof id !== 'string' || !isRecordId(id)) problem(`/ids/${index}`, 'must be a record id');
  });
  return { ids: [...new Set(ids as string[])] };
}

function parseRelated(
  object: CompiledObject,
  objects: ReadonlyMap<string, CompiledObject>,
  related: unknown,
  problem: (path: string, message: string) => void,
): RelatedTransfer[] {
  if (related === undefined) return [];
  if (!Array.isArray(related)) {
    problem('/related', 'must be an array of {"object", "field"}');
    return [];
  }
  const out: RelatedTransfer[] = [];
  related.forEach((entry, index) => {
    const path = `/related/${index}`;
    if (!isPlainObject(entry) || typeof entry.object !== 'string' || typeof entry.field !== 'string') {
      problem(path, 'must be {"object": "<child object>", "field": "<its lookup to this object>"}');
      return;
    }
    const child = objects.get(entry.object);
    if (!child) problem(`${path}/object`, `no object '${entry.object}'`);
    else if (child.lookups.get(entry.field)?.target !== object.apiName)
      problem(`${path}/field`, `'${entry.object}.${entry.field}' is not a lookup to ${object.apiName}`);
    else out.push({ object: entry.object, field: entry.field });
  });
  return out;
}
