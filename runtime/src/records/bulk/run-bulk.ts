// A bulk write (issue #20): the request's records planned per record (bulk-items.ts), then written
// set-based — all creates as one plan, all updates as one, all deletes as one, each through the
// write pipeline's ordered steps (write/write-steps.ts), so validation, rules, duplicate checks,
// history, roll-ups and security are exactly a single write's, with multi-row statements.
//
// When a set fails (a rule, a duplicate, a stale version), the set is rolled back to a savepoint
// and its records are written one by one, each in its own savepoint, to learn every failing
// record and its problems: all-or-nothing then refuses the whole request (422 TSR141 naming each
// failing index, nothing written); partial keeps the records that pass. The happy path stays
// set-based; only a failing request pays for the per-record pass.
import type { ProblemDetail } from '@tessera/metadata';
import { sql } from 'kysely';
import type { Catalog, CompiledObject } from '../../catalog/catalog-types.ts';
import { ApiError, ApiErrorWithExtensions } from '../../core/api-error.ts';
import type { StageTimer } from '../../core/stage-timer.ts';
import { type RecordContext, RecordService } from '../record-service.ts';
import type { ObjectDb } from '../write/write-context.ts';
import { freezePlan, type WritePlan } from '../write/write-plan.ts';
import { type BulkItem, planBulkItems, recordPath, recordProblems } from './bulk-items.ts';
import type { BulkRequest } from './bulk-request.ts';
import { resolveExternalRefs } from './external-refs.ts';

export type BulkStatus = 'created' | 'updated' | 'deleted' | 'failed';

export interface BulkResult {
  index: number;
  id: string | null;
  status: BulkStatus;
  errors: ProblemDetail[];
}

export interface BulkOutcome {
  results: BulkResult[];
  counts: Record<BulkStatus, number>;
}

const STATUS = { create: 'created', patch: 'updated', delete: 'deleted' } as const;

export async function runBulk(
  db: ObjectDb,
  catalog: Catalog,
  timer: StageTimer,
  context: RecordContext,
  objectName: string,
  request: BulkRequest,
): Promise<BulkOutcome> {
  return db.transaction().execute((tx) => runBulkIn(tx, catalog, timer, context, objectName, request));
}

/** The same inside a transaction the caller holds (a mass action writes several objects in one). */
export async function runBulkIn(
  tx: ObjectDb,
  catalog: Catalog,
  timer: StageTimer,
  context: RecordContext,
  objectName: string,
  request: BulkRequest,
): Promise<BulkOutcome> {
  const service = new RecordService(tx, catalog, timer, context);
  const object = service.object(objectName);
  const input = service.planInput(object);
  const resolved = await resolveExternalRefs(tx, catalog, object, request.records, recordPath);
  const failed = new Map(resolved.errors);
  // Records that failed planning are left out; the rest are written even in all-or-nothing mode,
  // so the refusal names every failing record, not only the first kind of problem.
  const items = await planBulkItems(tx, object, input, request, resolved.records, failed);
  const written = new Map<number, string>();
  for (const kind of ['create', 'patch', 'delete'] as const) {
    const group = items.filter((item) => item.kind === kind);
    if (group.length === 0) continue;
    await writeGroup(tx, service, input.stored, object, kind, group, written, failed);
  }
  if (failed.size > 0 && request.mode === 'all-or-nothing') throw refusal(object, failed);
  return outcome(request.records.length, items, written, failed);
}

/** One plan for the group; on failure, one savepoint per record to find every failing one. */
async function writeGroup(
  tx: ObjectDb,
  service: RecordService,
  stored: CompiledObject,
  object: CompiledObject,
  kind: BulkItem['kind'],
  group: readonly BulkItem[],
  written: Map<number, string>,
  failed: Map<number, ProblemDetail[]>,
): Promise<void> {
  const plan = (members: readonly BulkItem[]): WritePlan => freezePlan({ kind, object, stored, items: members.map((member) => member.item) });
  const record = (member: BulkItem, state: { written?: { id: string } } | undefined) =>
    written.set(member.index, state?.written?.id ?? (member.item.id as string));
  await sql`savepoint tessera_bulk`.execute(tx);
  try {
    const states = await service.write(plan(group));
    for (const [position, member] of group.entries()) record(member, states[position]);
    await sql`release savepoint tessera_bulk`.execute(tx);
    return;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    await sql`rollback to savepoint tessera_bulk`.execute(tx);
  }
  for (const member of group) {
    await sql`savepoint tessera_bulk_item`.execute(tx);
    try {
      const [state] = await service.write(plan([member]));
      record(member, state);
      await sql`release savepoint tessera_bulk_item`.execute(tx);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      await sql`rollback to savepoint tessera_bulk_item`.execute(tx);
      failed.set(member.index, recordProblems(member.index, error));
    }
  }
}

function outcome(count: number, items: readonly BulkItem[], written: Map<number, string>, failed: Map<number, ProblemDetail[]>): BulkOutcome {
  const kinds = new Map(items.map((item) => [item.index, item.kind]));
  const counts: Record<BulkStatus, number> = { created: 0, updated: 0, deleted: 0, failed: 0 };
  const results = Array.from({ length: count }, (_, index): BulkResult => {
    const kind = kinds.get(index);
    const problems = failed.get(index);
    const status: BulkStatus = problems || !kind ? 'failed' : STATUS[kind];
    counts[status] += 1;
    return { index, id: problems ? null : (written.get(index) ?? null), status, errors: problems ?? [] };
  });
  return { results, counts };
}

function refusal(object: CompiledObject, failed: Map<number, ProblemDetail[]>): ApiErrorWithExtensions {
  const indexes = [...failed.keys()].sort((a, b) => a - b);
  return new ApiErrorWithExtensions(
    'TSR141',
    `${indexes.length} ${object.apiName} record${indexes.length === 1 ? '' : 's'} of the bulk request failed (first at index ${indexes[0]}); nothing was saved.`,
    indexes.flatMap((index) => failed.get(index) ?? []),
    { failed: indexes },
  );
}
