// One import, from its stored file to its report: rows read in chunks (bounded memory), coerced,
// written through the bulk layer, all in ONE transaction. A dry run does exactly the same writes
// — rules, duplicate checks, unique indexes included — and rolls them back, so its counts are the
// run's; an all-or-nothing run with any bad row rolls back the same way and writes nothing.
// Progress is written outside the transaction, so GET /imports/:id sees it while the job runs.
import { rm } from 'node:fs/promises';
import { type ColumnMapping, matchColumns } from '@tessera/metadata';
import { sql } from 'kysely';
import { writeAudit } from '../audit/audit-log.ts';
import type { Catalog, CompiledObject } from '../catalog/catalog-types.ts';
import { StageTimer } from '../core/stage-timer.ts';
import { type TenantDb, tenantTables } from '../db/tenant-tables.ts';
import { type RecordContext, RecordService } from '../records/record-service.ts';
import { deferRollups, flushDeferredRollups } from '../rules/rollup-deferral.ts';
import type { ObjectDb } from '../records/write/write-context.ts';
import type { ImportOptions } from './import-options.ts';
import { holdImportLock } from './interrupted-imports.ts';
import { type CellError, type Column, coerceRows, type FileRow, mappedColumns } from './prepare-rows.ts';
import { type ImportFormat, readRows } from './read-rows.ts';
import { ConnectionTurns, yieldToIo } from './connection-turns.ts';
import { type KeyedChunk, splitAtRepeatedKeys } from './split-repeated-keys.ts';
import { type ChunkCounts, type PlannedChunk, planChunk, writeChunk } from './write-chunk.ts';

/**
 * Rows per chunk: one planned write set, so per-chunk statements (lookups, duplicate checks, the
 * multi-row insert, stage history, undo rows) are paid once per this many rows, and at most three
 * chunks are in memory (one written, one planned, one read). Every per-chunk statement binds one array per column, not a parameter per
 * row; the one that could (an insert whose rows differ in shape: a VALUES list) is cut into slices
 * under PostgreSQL's 65,535 parameters where it is written (write-chunk.ts). 5,000 rather than 2,000:
 * in the bench's 100,000-row import, CPU per 1,000 rows fell from 138 to 115 ms in PostgreSQL and
 * from 136 to 122 ms in the server.
 */
export const IMPORT_CHUNK = 5000;

/**
 * The settings an operator may change: `TESSERA_IMPORT_CHUNK_ROWS` (rows per chunk; fewer hold less
 * memory and pay the per-chunk statements more often) and `TESSERA_IMPORT_PLAN_AHEAD=off` (plan each
 * chunk only after the one before it is written). Read per run; the tests use both to compare a
 * pipelined import with a serial one chunk boundary for chunk boundary.
 */
export function importTuning(env: NodeJS.ProcessEnv = process.env): { rowsPerChunk: number; planAhead: boolean } {
  const rows = Number(env.TESSERA_IMPORT_CHUNK_ROWS);
  return { rowsPerChunk: Number.isInteger(rows) && rows > 0 ? rows : IMPORT_CHUNK, planAhead: env.TESSERA_IMPORT_PLAN_AHEAD !== 'off' };
}
/** Errors kept in the report (the errors CSV); the count keeps counting past it. */
export const KEPT_ERRORS = 10_000;

export interface ImportReport {
  counts: ChunkCounts;
  errorCount: number;
  errors: CellError[];
  mapping: ColumnMapping;
  rows: number;
  /** Why a run stopped other than by its rows' errors (the database went away, a bug): for the status page. */
  failure?: string;
}

export interface ImportFile {
  path: string;
  format: ImportFormat;
  name: string;
  /** An upload's temporary copy, removed when the import has read it (a CLI user's own file is kept). */
  temporary: boolean;
}

class RollBack extends Error {}
/** Another runner claimed the import first: leave it and its file to that runner. */
class NotClaimed extends Error {}

/** The header row and the mapping that applies: the request's, a saved one, or matched automatically. */
export async function resolveMapping(
  db: ObjectDb,
  object: CompiledObject,
  file: ImportFile,
  options: ImportOptions,
): Promise<{ headers: string[]; mapping: ColumnMapping }> {
  let headers: string[] = [];
  for await (const row of readRows(file.path, file.format)) {
    headers = row.map((cell) => cell.trim());
    break;
  }
  let base: ColumnMapping = matchColumns(headers, object.definition.fields);
  if (options.savedMapping) {
    const saved = await tenantTables(db, object.schema)
      .selectFrom('_import_mappings')
      .select('mapping')
      .where('object', '=', object.apiName)
      .where('name', '=', options.savedMapping)
      .executeTakeFirst();
    base = { ...base, ...((saved?.mapping as ColumnMapping | undefined) ?? {}) };
  }
  const mapping: ColumnMapping = {};
  for (const header of headers) mapping[header] = options.mapping && header in options.mapping ? (options.mapping[header] ?? null) : (base[header] ?? null);
  return { headers, mapping };
}

export async function runImport(
  db: ObjectDb,
  catalog: Catalog,
  context: RecordContext,
  object: CompiledObject,
  importId: string,
  file: ImportFile,
  headers: readonly string[],
  options: ImportOptions & { mapping: ColumnMapping },
  /**
   * 'one' for a database with a single connection (PGlite): progress is then written inside the
   * import's transaction, since a write beside it would wait for the connection the transaction
   * holds, for ever. Readers see the progress when the import ends instead of while it runs.
   */
  connections: 'many' | 'one' = 'many',
): Promise<ImportReport> {
  const tables = tenantTables(db, object.schema) as TenantDb;
  const report: ImportReport = { counts: { create: 0, update: 0, skip: 0, error: 0 }, errorCount: 0, errors: [], mapping: options.mapping, rows: 0 };
  const addError = (error: CellError) => {
    report.errorCount += 1;
    if (report.errors.length < KEPT_ERRORS) report.errors.push(error);
  };
  const columns = mappedColumns(object, headers, options.mapping);
  const { rowsPerChunk, planAhead } = importTuning();
  let committed = false;
  // A run stopped by something other than its rows keeps its file for "Run again" (import-files.ts).
  let keepFile = false;
  try {
    await db.transaction().execute(async (tx) => {
      // Owned from here: the lock lives as long as this transaction (and this process), so a
      // `running` row whose lock is free was interrupted (interrupted-imports.ts).
      await holdImportLock(tx, object.schema, importId);
      const beside = connections === 'one' ? (tenantTables(tx, object.schema) as TenantDb) : tables;
      // Claimed only from `queued`: the request that queued it and the queued-imports sweep may
      // both reach here for one import (queued-imports.ts), and only one of them may run it.
      const claimed = await beside
        .updateTable('_imports')
        .set({ status: 'running' })
        .where('id', '=', importId)
        .where('status', '=', 'queued')
        .returning('id')
        .executeTakeFirst();
      if (!claimed) throw new NotClaimed();
      const service = new RecordService(tx, catalog, new StageTimer(), {
        ...context,
        rules: { ...context.rules, language: options.language, confirmDuplicates: options.duplicates === 'create' },
      });
      const txObject = service.object(object.apiName);
      await deferRollups(tx);
      const turns = new ConnectionTurns();
      const plan = (chunk: KeyedChunk) => planChunk(tx, catalog, service, txObject, columns, chunk, options, turns);
      // Early plans and undo statements still running on the connection. Nothing of this import may
      // run there once its transaction ends, so every path out of the loop waits for them; a failed
      // undo statement is the cause of what failed after it (the transaction was aborted).
      const inFlight = new Set<Promise<void>>();
      let undoFailure: unknown;
      const track = <T>(work: Promise<T>): Promise<T> => {
        const settled = work.then(
          () => undefined,
          () => undefined,
        );
        inFlight.add(settled);
        void settled.then(() => inFlight.delete(settled));
        return work;
      };
      const write = async (planned: PlannedChunk) => {
        report.counts.error += planned.rowsWithCellErrors;
        const chunkErrors = [...planned.cellErrors];
        const { undo } = await writeChunk(tx, service, txObject, importId, columns, planned, options, report.counts, (error) => chunkErrors.push(error), turns);
        track(undo).catch((error: unknown) => {
          undoFailure ??= error;
        });
        // In file order (cell errors and refused writes of one chunk interleave by row), whatever the chunk size.
        for (const error of chunkErrors.sort((a, b) => a.row - b.row)) addError(error);
        report.rows += planned.rows;
        const processed = report.rows;
        const progress = () => beside.updateTable('_imports').set({ processed }).where('id', '=', importId).execute();
        // On the import's own connection (one-connection databases) the progress takes a turn too.
        if (connections === 'one') await turns.take(progress);
        else await progress();
      };
      // Pipelined: while a chunk is written, the next is planned (its reads take their turn on the
      // connection first, its CPU work runs while the write waits for PostgreSQL) and the one after
      // is read, parsed and coerced. So at most three chunks are in memory. A chunk is planned early
      // only when the write before it cannot change what its plan reads (readsAhead).
      const readsAhead = planAhead && planAheadAllowed(txObject, columns);
      // The external id that decides updates or skips: rows naming one twice apply in file order.
      const keyField = options.duplicates === 'create' ? undefined : options.matchField;
      const chunks = readChunks(file, rowsPerChunk, columns, options, txObject, keyField);
      try {
        let pending = chunks.next();
        const first = await pending;
        let planned = first.done ? undefined : await plan(first.value);
        if (!first.done) pending = chunks.next();
        while (planned) {
          const current = planned;
          const next = await pending;
          if (!next.done) {
            pending = chunks.next();
            // A failed write ends the loop before the read ahead is awaited; its error is the write's.
            pending.catch(() => undefined);
          }
          const early = !next.done && readsAhead && !sharesKeys(current.keys, next.value.keys) ? track(plan(next.value)) : undefined;
          early?.catch(() => undefined);
          await write(current);
          planned = next.done ? undefined : await (early ?? plan(next.value));
        }
        await Promise.all([...inFlight]);
        if (undoFailure !== undefined) throw undoFailure;
      } catch (error) {
        await Promise.all([...inFlight]);
        throw undoFailure ?? error;
      } finally {
        await chunks.return(undefined).catch(() => undefined);
      }
      // Also in a dry run: a roll-up the import would overflow fails the dry run as it would the run.
      await flushDeferredRollups(tx, object.schema, catalog.snapshot);
      if (options.dryRun || (options.mode === 'all-or-nothing' && report.counts.error > 0)) throw new RollBack();
    });
    committed = true;
  } catch (error) {
    if (error instanceof NotClaimed) {
      keepFile = true;
      return { ...report, failure: 'claimed by another runner' };
    }
    if (!(error instanceof RollBack)) {
      keepFile = true;
      report.failure = error instanceof Error ? error.message : String(error);
      await finish(tables, importId, 'failed', report);
      throw error;
    }
  } finally {
    if (file.temporary && !keepFile) await rm(file.path, { force: true });
  }
  const status = options.dryRun ? 'dry-run' : committed ? 'done' : 'failed';
  await finish(tables, importId, status, report);
  await writeAudit(db, object.schema, {
    event: options.dryRun ? 'import.dry_run' : 'import.run',
    actor: context.actor ?? { id: null, label: 'integration' },
    target: `${object.apiName}`,
    detail: { import: importId, file: file.name, status, counts: report.counts, rows: report.rows },
    ...(context.requestId ? { requestId: context.requestId } : {}),
  });
  return report;
}

/**
 * Whether a chunk may be planned while the one before it is written: not when a mapped column
 * looks up the imported object itself (a row may name a record the chunk before creates).
 */
function planAheadAllowed(object: CompiledObject, columns: readonly Column[]): boolean {
  return !columns.some(({ field }) => {
    if (field.type === 'lookup' || field.type === 'manytomany') return field.target === object.apiName;
    if (field.type === 'polylookup') return field.targets.includes(object.apiName);
    return false;
  });
}

/** Whether two chunks name a common external id: the later one's matches depend on the earlier one's write. */
function sharesKeys(written: ReadonlySet<string>, next: ReadonlySet<string>): boolean {
  for (const key of next) if (written.has(key)) return true;
  return false;
}

/**
 * The file's data rows (blank ones left out) in chunks of `size`, numbered as the file's lines,
 * coerced, and cut again before a row that repeats an external id of its chunk (split-repeated-keys.ts).
 */
async function* readChunks(
  file: ImportFile,
  size: number,
  columns: readonly Column[],
  options: ImportOptions,
  object: CompiledObject,
  keyField: string | undefined,
): AsyncGenerator<KeyedChunk, void, undefined> {
  let chunk: FileRow[] = [];
  let number = 0;
  const coerced = async (rows: FileRow[]) => splitAtRepeatedKeys(object, await coerceRows(columns, rows, options, yieldToIo), keyField);
  for await (const cells of readRows(file.path, file.format)) {
    number += 1;
    if (number === 1 || cells.every((cell) => cell.trim() === '')) continue;
    chunk.push({ row: number, cells });
    if (chunk.length >= size) {
      yield* await coerced(chunk);
      chunk = [];
    }
  }
  if (chunk.length > 0) yield* await coerced(chunk);
}

async function finish(tables: TenantDb, importId: string, status: string, report: ImportReport): Promise<void> {
  await tables
    .updateTable('_imports')
    .set({ status, report: JSON.stringify(report), total: report.rows, processed: report.rows, finished_at: sql<Date>`now()` })
    .where('id', '=', importId)
    .execute();
}
