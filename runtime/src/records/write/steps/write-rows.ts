// Step 6: the SQL write. Creates are one multi-row INSERT; a patch of many records one UPDATE per
// set of written columns, of one record its own UPDATE; deletes one statement, restores one for all. Every
// statement returns the record as the caller sees it, and the stored record when a later step
// reads it. A write that matches no row explains why (404, 403 or 409) from the row's state.
import type { ApiError } from '../../../core/api-error.ts';
import { recordJsonSql } from '../../read/record-json-sql.ts';
import { currentStateSql, insertSql, type ReturnedRow, restoreSql, softDeleteSql, type StoredJson, updateSql } from '../../write-query.ts';
import type { FoldedWork, ObjectDb, WriteContext, WriteStep, WrittenRow } from '../write-context.ts';
import type { WritePlan } from '../write-plan.ts';
import { groupByColumns, multiRowDeleteSql, multiRowUpdateSql } from '../../bulk/multi-row-sql.ts';
import { recordNotFound, staleVersion, writeForbidden } from './check-access.ts';

export const writeRows: WriteStep = {
  name: 'write rows',
  applies: () => true,
  needs: {},
  async run(context: WriteContext) {
    const { plan } = context;
    const object = plan.object;
    // A create whose caller reads only ids and versions returns no record JSON (WritePlan.answer).
    const body = plan.kind !== 'create' || plan.answer !== 'version';
    // The stored record, separately, only when a later step reads it and the caller's view hides fields (or is not returned).
    // Only the fields those steps read when each names its own (WriteNeeds.writtenFields), as a
    // list's projection of them is built (compiled once per object and field list).
    const full =
      context.wantsWrittenRecord && (plan.stored !== object || !body) ? recordJsonSql(context.catalog, plan.stored, context.writtenFields, []) : undefined;
    // Only a create's statement carries folded work (WriteStep.fold); any other kind running one is a bug.
    if (plan.kind !== 'create' && context.folded.length > 0)
      throw new Error(`a ${plan.kind} cannot fold ${context.folded.map((step) => step.name).join(', ')}`);
    switch (plan.kind) {
      case 'create': {
        const folds = context.folded.map((step) => step.fold?.sql(context) as FoldedWork);
        const rows = (
          await insertSql(
            object,
            plan.items.map((item) => item.values),
            full,
            folds,
            body,
          ).execute(context.db)
        ).rows;
        if (rows.length !== plan.items.length) throw new Error(`insert returned ${rows.length} rows for ${plan.items.length} records`);
        for (const [index, row] of rows.entries()) setWritten(context, index, row);
        return;
      }
      case 'patch':
      case 'stageMove':
        // Many records (a bulk update): one UPDATE per set of written columns (bulk/multi-row-sql.ts).
        if (plan.items.length > 1) return writeManyPatches(context, full);
        for (const [index, item] of plan.items.entries()) {
          const row = (await updateSql(object, item.id as string, item.values, item.expectedVersion, full).execute(context.db)).rows[0];
          if (!row) throw await explainMissedWrite(context.db, plan, item.id as string, item.expectedVersion);
          setWritten(context, index, row);
        }
        return;
      case 'delete':
        if (plan.items.length > 1) return writeManyDeletes(context);
        for (const item of plan.items) {
          const row = (await softDeleteSql(object, item.id as string, item.expectedVersion).execute(context.db)).rows[0];
          if (!row) throw await explainMissedWrite(context.db, plan, item.id as string, item.expectedVersion);
        }
        return;
      case 'restore': {
        const rows = (
          await restoreSql(
            object,
            plan.items.map((item) => item.id as string),
          ).execute(context.db)
        ).rows;
        const byId = new Map(rows.map((row) => [row.id, row]));
        plan.items.forEach((item, index) => {
          const row = byId.get(item.id as string);
          if (row) setWritten(context, index, row);
        });
        return;
      }
    }
  },
};

async function writeManyPatches(context: WriteContext, full: StoredJson | undefined): Promise<void> {
  const { plan } = context;
  const index = new Map(plan.items.map((item, position) => [item.id as string, position]));
  const items = plan.items.map((item) => ({
    id: item.id as string,
    values: item.values,
    ...(item.expectedVersion === undefined ? {} : { expectedVersion: item.expectedVersion }),
  }));
  for (const group of groupByColumns(items)) {
    const rows = (await multiRowUpdateSql(plan.object, group, full).execute(context.db)).rows;
    for (const row of rows) setWritten(context, index.get(row.id) as number, row);
  }
  const missed = plan.items.find((_, position) => context.items[position]?.written === undefined);
  if (missed) throw await explainMissedWrite(context.db, plan, missed.id as string, missed.expectedVersion);
}

async function writeManyDeletes(context: WriteContext): Promise<void> {
  const { plan } = context;
  const items = plan.items.map((item) => ({
    id: item.id as string,
    values: {},
    ...(item.expectedVersion === undefined ? {} : { expectedVersion: item.expectedVersion }),
  }));
  const done = new Set((await multiRowDeleteSql(plan.object, items).execute(context.db)).rows.map((row) => row.id));
  const missed = plan.items.find((item) => !done.has(item.id as string));
  if (missed) throw await explainMissedWrite(context.db, plan, missed.id as string, missed.expectedVersion);
}

function setWritten(context: WriteContext, index: number, row: ReturnedRow): void {
  const state = context.items[index];
  if (!state) return;
  const written: WrittenRow = { json: row.j ?? '', version: row.version, id: row.id };
  // `f` whenever the view is not the stored record or was not returned (see `full` above), so one of them is there.
  if (context.wantsWrittenRecord) written.record = JSON.parse((row.f ?? row.j) as string) as Record<string, unknown>;
  state.written = written;
}

/** A write matched no row: the record is gone or hidden (404), not the caller's to change (403), or its version moved on (409). */
export async function explainMissedWrite(db: ObjectDb, plan: WritePlan, id: string, expected: number | undefined): Promise<ApiError> {
  const action = plan.kind === 'delete' ? 'delete' : 'edit';
  const state = (await currentStateSql(plan.object, id, action).execute(db)).rows[0];
  // A record the caller cannot see answers exactly like one that does not exist.
  if (!state || state.deleted || !state.visible) return recordNotFound(plan.object, id);
  if (!state.allowed) return writeForbidden(plan.object, action);
  return staleVersion(plan.object, id, state.version, expected);
}
