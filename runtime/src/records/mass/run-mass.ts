// A mass action (mass-request.ts) in one transaction: the chosen records are resolved under the
// caller's read security, written through the bulk layer (so each record goes through the write
// pipeline: validation, rules, duplicates, history, roll-ups, row and field security), related
// records follow a transfer, and one audit entry records the whole action.
import { ruleContextAt } from '@tessera/metadata';
import { sql } from 'kysely';
import { auditInsertSql } from '../../audit/audit-log.ts';
import type { Catalog, CompiledObject } from '../../catalog/catalog-types.ts';
import { ApiError, ApiErrorWithExtensions } from '../../core/api-error.ts';
import type { StageTimer } from '../../core/stage-timer.ts';
import { bindRuleContext } from '../../rules/bind-rule-context.ts';
import { BULK_LIMIT, type BulkRequest } from '../bulk/bulk-request.ts';
import { type BulkOutcome, runBulkIn } from '../bulk/run-bulk.ts';
import type { RecordContext } from '../record-service.ts';
import type { ObjectDb } from '../write/write-context.ts';
import type { MassRequest, RelatedTransfer } from './mass-request.ts';
import { readVisibleRows } from './visible-rows.ts';

export interface MassOutcome extends BulkOutcome {
  action: MassRequest['action'];
  /** transfer: what followed, per related object named in the request. */
  related: Array<RelatedTransfer & BulkOutcome>;
}

export interface MassContext extends RecordContext {
  clock?: () => Date;
}

/** Filter chunks for `in` over ids: a rule holds at most 500 values (filter/check-limits.ts). */
const IDS_PER_FILTER = 400;

export async function runMass(
  db: ObjectDb,
  catalog: Catalog,
  timer: StageTimer,
  context: MassContext,
  object: CompiledObject,
  request: MassRequest,
): Promise<MassOutcome> {
  // The reader's catalog: the caller's security with their clock and `$user.id` bound for filters.
  const reader = bindRuleContext(catalog, ruleContextAt((context.clock ?? (() => new Date()))(), context.actor?.id ?? null));
  return db.transaction().execute(async (tx) => {
    const ids = 'ids' in request.selection ? request.selection.ids : await idsMatching(tx, reader, timer, object, request.selection.filter);
    if (ids.length === 0)
      throw new ApiError('TSR145', `No ${object.apiName} record matches; nothing was changed.`, [
        { path: '/filter', code: 'TSR145', message: 'matches no record you can see' },
      ]);
    const previousOwners = request.action === 'transfer' ? await ownersOf(tx, object, ids) : new Map<string, string | null>();
    const outcome = await runBulkIn(tx, catalog, timer, context, object.apiName, bulkOf(request, ids));
    const related: MassOutcome['related'] = [];
    if (request.action === 'transfer') {
      const moved = outcome.results.filter((result) => result.status === 'updated' && result.id !== null).map((result) => result.id as string);
      for (const [index, follow] of request.related.entries()) {
        const children = await childrenOwnedAlike(tx, reader, timer, follow, moved, previousOwners);
        const followed = await withPathPrefix(`/related/${index}`, () => transferAll(tx, catalog, timer, context, follow.object, children, request));
        related.push({ ...follow, ...followed });
      }
    }
    await auditInsertSql(object.schema, {
      event: `records.mass_${request.action}`,
      actor: context.actor ?? { id: null, label: 'integration' },
      target: object.apiName,
      detail: {
        selection: 'ids' in request.selection ? 'ids' : { filter: request.selection.filter },
        ids: ids.slice(0, 100),
        counts: outcome.counts,
        ...(request.values ? { fields: Object.keys(request.values) } : {}),
        ...(request.action === 'transfer'
          ? { owner: request.owner, related: related.map((each) => ({ object: each.object, field: each.field, counts: each.counts })) }
          : {}),
      },
      ...(context.requestId ? { requestId: context.requestId } : {}),
    }).execute(tx);
    return { action: request.action, ...outcome, related };
  });
}

function bulkOf(request: MassRequest, ids: readonly string[]): BulkRequest {
  const records =
    request.action === 'delete'
      ? ids.map((id) => ({ id }))
      : request.action === 'transfer'
        ? ids.map((id) => ({ id, owner_id: request.owner }))
        : ids.map((id) => ({ ...request.values, id }));
  return { operation: request.action === 'delete' ? 'delete' : 'update', mode: request.mode, records };
}

/** Ids of every record the caller can see that matches the filter; more than BULK_LIMIT is refused. */
async function idsMatching(tx: ObjectDb, reader: Catalog, timer: StageTimer, object: CompiledObject, filter: string): Promise<string[]> {
  const rows = await readVisibleRows(tx, reader, timer, object, { filter, fields: ['id'], max: BULK_LIMIT, path: '/filter' });
  return rows.map((row) => row.id as string);
}

async function ownersOf(tx: ObjectDb, object: CompiledObject, ids: readonly string[]): Promise<Map<string, string | null>> {
  const { rows } = await sql<{ id: string; owner_id: string | null }>`
    select id, owner_id from ${sql.id(object.schema, object.table)} where id = any(${[...ids]}::uuid[])`.execute(tx);
  return new Map(rows.map((row) => [row.id, row.owner_id]));
}

/** The visible children of the moved records that the moved record's previous owner also owned. */
async function childrenOwnedAlike(
  tx: ObjectDb,
  reader: Catalog,
  timer: StageTimer,
  follow: RelatedTransfer,
  moved: readonly string[],
  previousOwners: ReadonlyMap<string, string | null>,
): Promise<string[]> {
  const child = reader.objects.get(follow.object) as CompiledObject;
  const ids: string[] = [];
  for (let start = 0; start < moved.length; start += IDS_PER_FILTER) {
    const chunk = moved.slice(start, start + IDS_PER_FILTER);
    const filter = JSON.stringify({ in: [{ var: follow.field }, chunk] });
    const rows = await readVisibleRows(tx, reader, timer, child, { filter, fields: ['id', 'owner_id', follow.field], path: '/related' });
    for (const row of rows) {
      const parent = row[follow.field] as string | null;
      if (parent !== null && row.owner_id !== null && previousOwners.get(parent) === row.owner_id) ids.push(row.id as string);
    }
  }
  return ids;
}

/** Related records transferred in bulk requests of at most BULK_LIMIT, summed into one outcome. */
async function transferAll(
  tx: ObjectDb,
  catalog: Catalog,
  timer: StageTimer,
  context: RecordContext,
  objectName: string,
  ids: readonly string[],
  request: MassRequest,
): Promise<BulkOutcome> {
  const total: BulkOutcome = { results: [], counts: { created: 0, updated: 0, deleted: 0, failed: 0 } };
  for (let start = 0; start < ids.length; start += BULK_LIMIT) {
    const chunk = ids.slice(start, start + BULK_LIMIT);
    const part = await runBulkIn(tx, catalog, timer, context, objectName, bulkOf({ ...request, action: 'transfer' }, chunk));
    for (const result of part.results) total.results.push({ ...result, index: result.index + start });
    for (const key of Object.keys(total.counts) as Array<keyof BulkOutcome['counts']>) total.counts[key] += part.counts[key];
  }
  return total;
}

/** A related object's refusal names its records under `/related/<index>`, not as the chosen records. */
async function withPathPrefix<T>(prefix: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const errors = error.errors.map((each) => ({ ...each, path: `${prefix}${each.path}` }));
    if (error instanceof ApiErrorWithExtensions)
      throw new ApiErrorWithExtensions(error.code, error.detail, errors, { ...error.extensions, related: prefix }, error.status);
    throw new ApiError(error.code, error.detail, errors, error.status);
  }
}
