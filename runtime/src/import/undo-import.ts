// POST /imports/:id/undo: in one transaction, the records the import created are deleted (to the
// recycle bin, through the write pipeline, so roll-ups, duplicate keys and history follow) and
// the ones it updated get their mapped fields' previous values back. Refused (409 TSR155, naming
// each record) when a record moved on since the import — edited, deleted — because undoing would
// silently throw that later change away.
import type { ProblemDetail } from '@tessera/metadata';
import { sql } from 'kysely';
import { writeAudit } from '../audit/audit-log.ts';
import type { Catalog, CompiledObject } from '../catalog/catalog-types.ts';
import { recordNameSql } from '../catalog/record-name-sql.ts';
import { ApiError } from '../core/api-error.ts';
import { StageTimer } from '../core/stage-timer.ts';
import { tenantTables } from '../db/tenant-tables.ts';
import { type RecordContext, RecordService } from '../records/record-service.ts';
import { planPatch } from '../records/write/plan-write.ts';
import type { ObjectDb } from '../records/write/write-context.ts';
import { freezePlan, type WriteItem } from '../records/write/write-plan.ts';

const UNDO_CHUNK = 500;

export interface UndoOutcome {
  deleted: number;
  restored: number;
}

export async function undoImport(db: ObjectDb, catalog: Catalog, context: RecordContext, schema: string, importId: string): Promise<UndoOutcome> {
  const outcome = await db.transaction().execute(async (tx) => {
    const tables = tenantTables(tx, schema);
    const run = await tables.selectFrom('_imports').selectAll().where('id', '=', importId).forUpdate().executeTakeFirst();
    if (!run) throw new ApiError('TSR156', `Import ${importId} does not exist.`);
    if (run.status !== 'done') {
      const why = run.status === 'undone' ? 'it was already undone' : run.status === 'dry-run' ? 'a dry run wrote nothing' : `its status is ${run.status}`;
      throw new ApiError('TSR155', `Import ${importId} cannot be undone: ${why}.`, [{ path: '/status', code: 'TSR155', message: why }]);
    }
    const service = new RecordService(tx, catalog, new StageTimer(), context);
    const object = service.object(run.object);
    const rows = await tables.selectFrom('_import_rows').selectAll().where('import_id', '=', importId).execute();
    await refuseMovedOn(tx, object, rows);
    const input = service.planInput(object);
    const created = rows.filter((row) => row.action === 'created');
    const updated = rows.filter((row) => row.action === 'updated');
    for (let start = 0; start < updated.length; start += UNDO_CHUNK) {
      const items = updated
        .slice(start, start + UNDO_CHUNK)
        .map((row) => planPatch(input, row.record_id, restorable(row.previous), row.version).items[0] as WriteItem);
      await service.write(freezePlan({ kind: 'patch', object, stored: input.stored, items }));
    }
    for (let start = 0; start < created.length; start += UNDO_CHUNK) {
      const items = created.slice(start, start + UNDO_CHUNK).map((row): WriteItem => ({ id: row.record_id, values: {}, expectedVersion: row.version }));
      await service.write(freezePlan({ kind: 'delete', object, stored: input.stored, items }));
    }
    await tables.updateTable('_imports').set({ status: 'undone', undone_at: sql<Date>`now()` }).where('id', '=', importId).execute();
    return { object: object.apiName, deleted: created.length, restored: updated.length };
  });
  await writeAudit(db, schema, {
    event: 'import.undo',
    actor: context.actor ?? { id: null, label: 'integration' },
    target: outcome.object,
    detail: { import: importId, deleted: outcome.deleted, restored: outcome.restored },
    ...(context.requestId ? { requestId: context.requestId } : {}),
  });
  return { deleted: outcome.deleted, restored: outcome.restored };
}

/** A lookup rendered as {id, name} goes back as its id. */
function restorable(previous: unknown): Record<string, unknown> {
  const values = (previous ?? {}) as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(values).map(([field, value]) => [
      field,
      typeof value === 'object' && value !== null && !Array.isArray(value) && 'id' in value ? (value as { id: unknown }).id : value,
    ]),
  );
}

async function refuseMovedOn(tx: ObjectDb, object: CompiledObject, rows: ReadonlyArray<{ record_id: string; version: number }>): Promise<void> {
  if (rows.length === 0) return;
  const name = recordNameSql(object);
  const current = await sql<{ id: string; version: number; deleted: boolean; name: string | null }>`
    select t.id, t.version, t.deleted_at is not null as deleted, ${name ?? sql`null`} as name
    from ${sql.id(object.schema, object.table)} as t where t.id = any(${rows.map((row) => row.record_id)}::uuid[]) for update of t`.execute(tx);
  const byId = new Map(current.rows.map((row) => [row.id, row]));
  const problems: ProblemDetail[] = [];
  for (const row of rows) {
    const now = byId.get(row.record_id);
    const label = now?.name ? `${now.name} (${row.record_id})` : row.record_id;
    if (!now) problems.push({ path: `/records/${row.record_id}`, code: 'TSR155', message: `${label} no longer exists` });
    else if (now.deleted) problems.push({ path: `/records/${row.record_id}`, code: 'TSR155', message: `${label} was deleted after the import` });
    else if (now.version !== row.version)
      problems.push({
        path: `/records/${row.record_id}`,
        code: 'TSR155',
        message: `${label} was edited after the import (version ${row.version} → ${now.version})`,
      });
  }
  if (problems.length > 0) {
    throw new ApiError('TSR155', `${problems.length} record(s) changed after the import; undoing would lose those changes, so nothing was undone.`, problems);
  }
}
