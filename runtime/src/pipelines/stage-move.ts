// The stage-move stage of a record write, shared by PATCH …/records/:id (when the body changes a
// stage field), POST …/records/:id/stage and create (a new record enters its first stage). Inside
// the write's transaction: lock the stored record, run the write (with its rules), then check the
// move on the record exactly as written — every unmet requirement at once, 422 (TSR530 or the one
// code they share) — and record it in `_stage_history` with the time spent in the previous stage.
// Throwing rolls the write back, so a refused move leaves nothing behind.
//
// Approvals: a stage with `approvalFlow` is refused with TSR535 (409) for now. The approvals engine
// hooks in at `APPROVAL_HOOK` below: submit the move for approval instead of refusing it.
import { type NormalisedPipeline, type ProblemDetail, pipelineFor, type RuleContext, stageMoveProblems } from '@tessera/metadata';
import { type Kysely, sql } from 'kysely';
import type { AuditActor } from '../audit/audit-log.ts';
import type { Catalog, CompiledObject } from '../catalog/catalog-types.ts';
import { ApiErrorWithExtensions } from '../http/api-error.ts';
import { insertStageHistory, latestEntry } from './stage-history.ts';
import { approvalClearsMove } from '../approvals/stage-gate.ts';

// biome-ignore lint/suspicious/noExplicitAny: tenant tables are dynamic
type Db = Kysely<any>;

interface WrittenRow {
  j: string;
  version: number;
}

export interface StageMoveOptions {
  context: RuleContext;
  actor: AuditActor;
  /** From POST …/stage: kept with the history entry. */
  comment?: string;
  reason?: string;
  /** POST …/stage: the record must actually change stage (else TSR533). */
  requireMove?: boolean;
}

/** Whether a write with these values may move the record between stages (or pipelines). */
export function touchesStage(object: CompiledObject, values: Readonly<Record<string, unknown>>): boolean {
  const pipelines = object.definition.pipelines;
  if (!pipelines) return false;
  return 'record_type' in values || pipelines.some((pipeline) => pipeline.stageField in values);
}

export async function writeWithStageMove(
  db: Db,
  catalog: Catalog,
  object: CompiledObject,
  id: string | undefined,
  options: StageMoveOptions,
  write: (db: Db) => Promise<WrittenRow | undefined>,
): Promise<WrittenRow | undefined> {
  const run = async (trx: Db): Promise<WrittenRow | undefined> => {
    const stored = catalog.unrestricted?.objects.get(object.apiName) ?? object;
    const previous = id ? await fullRecord(trx, stored, id, true) : null;
    if (id && !previous) return write(trx); // gone or hidden: the write itself reports it
    const row = await write(trx);
    if (!row) return row;
    const recordId = id ?? (JSON.parse(row.j) as { id: string }).id;
    // Requirements read every field, including those the caller's view hides.
    const written = catalog.unrestricted ? await fullRecord(trx, stored, recordId, false) : (JSON.parse(row.j) as Record<string, unknown>);
    if (!written) return row;
    const pipeline = pipelineFor(object.definition, written.record_type);
    if (!pipeline) return row;
    const to = written[pipeline.stageField];
    const from = previous ? ((previous[pipeline.stageField] as string | null | undefined) ?? null) : null;
    const samePipeline = !previous || pipelineFor(object.definition, previous.record_type) === pipeline;
    if (typeof to !== 'string' || (previous && samePipeline && from === to)) {
      if (options.requireMove) throw refusal(object, pipeline, from, String(to), [{ path: `/${pipeline.stageField}`, code: 'TSR533', message: `the record is already in stage '${to}'` }]);
      return row;
    }
    const problems = stageMoveProblems({ object: object.definition, pipeline, from: samePipeline ? from : null, to, record: written, context: options.context, create: !previous });
    // APPROVAL_HOOK: when the only unmet requirement is TSR535, an approved request of the stage's flow
    // that names this move lets it through, once (approvals/stage-gate.ts); submit one with
    // POST /approvals/requests {"object", "recordId", "stage"}.
    if (problems.length > 0 && !(await approvalClearsMove(trx, object, recordId, pipeline, to, problems))) throw refusal(object, pipeline, from, to, problems);
    const entered = previous ? ((await latestEntry(trx, object.schema, object.apiName, recordId))?.movedAt ?? (previous.created_at as string)) : null;
    const movedAt = options.context.now;
    await insertStageHistory(trx, object.schema, {
      object: object.apiName,
      recordId,
      pipeline: pipeline.apiName,
      from,
      to,
      movedAt,
      actor: options.actor,
      secondsInPrevious: entered === null ? null : (Date.parse(movedAt) - Date.parse(entered)) / 1000,
      reason: options.reason ?? reasonOf(pipeline, to, written),
      comment: options.comment ?? null,
    });
    return row;
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

async function fullRecord(db: Db, object: CompiledObject, id: string, lock: boolean): Promise<Record<string, unknown> | undefined> {
  const result = await sql<{ j: string }>`
    select ${object.recordJson('t')}::text as j from ${sql.id(object.schema, object.table)} as t
    where t.id = ${id}::uuid and t.deleted_at is null ${lock ? sql`for update` : sql``}`.execute(db);
  const row = result.rows[0];
  return row ? (JSON.parse(row.j) as Record<string, unknown>) : undefined;
}

/** One code when every problem shares it (e.g. only an approval: 409 TSR535), else the umbrella 422 TSR530. */
function refusal(object: CompiledObject, pipeline: NormalisedPipeline, from: string | null, to: string, problems: ProblemDetail[]): ApiErrorWithExtensions {
  const codes = new Set(problems.map((item) => item.code));
  const code = codes.size === 1 ? ([...codes][0] as ProblemDetail['code']) : 'TSR530';
  const count = problems.length;
  const detail = `Moving the ${object.apiName} record ${from === null ? 'into' : `from '${from}' to`} '${to}' is refused: ${count} unmet requirement${count === 1 ? '' : 's'}; nothing was saved.`;
  return new ApiErrorWithExtensions(code, detail, problems, { pipeline: pipeline.apiName, from, to });
}

/** The reason kept with a move into a stage that requires one: the pipeline's reason field as written. */
function reasonOf(pipeline: NormalisedPipeline, to: string, written: Readonly<Record<string, unknown>>): string | null {
  const stage = pipeline.stages.find((candidate) => candidate.value === to);
  if (!stage?.requiresReason || !pipeline.reasonField) return null;
  const value = written[pipeline.reasonField];
  return typeof value === 'string' ? value : null;
}
