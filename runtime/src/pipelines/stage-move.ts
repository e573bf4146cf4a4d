// The stage-move step of a record write (records/write/steps/record-stage-move.ts), shared by
// PATCH …/records/:id (when the body changes a stage field), POST …/records/:id/stage and create
// (a new record enters its first stage). Inside the write's transaction, on the row locked before
// the write: check the move on the record exactly as written — every unmet requirement at once, 422 (TSR530 or the one
// code they share) — and record it in `_stage_history` with the time spent in the previous stage.
// Throwing rolls the write back, so a refused move leaves nothing behind.
//
// Approvals: a stage with `approvalFlow` is refused with TSR535 (409) for now. The approvals engine
// hooks in at `APPROVAL_HOOK` below: submit the move for approval instead of refusing it.
import { type NormalisedPipeline, type ProblemDetail, pipelineFor, type RuleContext, stageMoveProblems } from '@tessera/metadata';
import type { Kysely } from 'kysely';
import type { AuditActor } from '../audit/audit-log.ts';
import type { CompiledObject } from '../catalog/catalog-types.ts';
import { ApiErrorWithExtensions } from '../core/api-error.ts';
import { insertStageHistory, latestEntries } from './stage-history.ts';
import { approvalClearsMove } from '../approvals/stage-gate.ts';

// biome-ignore lint/suspicious/noExplicitAny: tenant tables are dynamic
type Db = Kysely<any>;

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

/** A move checked and allowed, waiting to be recorded with the others of its write. */
export interface PendingMove {
  recordId: string;
  pipeline: NormalisedPipeline;
  from: string | null;
  to: string;
  /** For an update: when the record was created (its entry time when it has no history yet); null for a create. */
  createdAt: string | null;
  reason: string | null;
  comment: string | null;
}

/**
 * Checks a move of one record, inside the write's transaction, after the SQL write: `previous` is
 * the stored record locked before it (null for a create), `written` the record as written, both
 * with every field (requirements read fields the caller's view hides). Throws the refusal; returns
 * the move to record, or null when the record stays where it was.
 */
export async function checkStageMove(
  trx: Db,
  object: CompiledObject,
  recordId: string,
  previous: Readonly<Record<string, unknown>> | null,
  written: Readonly<Record<string, unknown>>,
  options: StageMoveOptions,
): Promise<PendingMove | null> {
  const pipeline = pipelineFor(object.definition, written.record_type);
  if (!pipeline) return null;
  const to = written[pipeline.stageField];
  const from = previous ? ((previous[pipeline.stageField] as string | null | undefined) ?? null) : null;
  const samePipeline = !previous || pipelineFor(object.definition, previous.record_type) === pipeline;
  if (typeof to !== 'string' || (previous && samePipeline && from === to)) {
    if (options.requireMove)
      throw refusal(object, pipeline, from, String(to), [
        { path: `/${pipeline.stageField}`, code: 'TSR533', message: `the record is already in stage '${to}'` },
      ]);
    return null;
  }
  const problems = stageMoveProblems({
    object: object.definition,
    pipeline,
    from: samePipeline ? from : null,
    to,
    record: written,
    context: options.context,
    create: !previous,
  });
  // APPROVAL_HOOK: when the only unmet requirement is TSR535, an approved request of the stage's flow
  // that names this move lets it through, once (approvals/stage-gate.ts); submit one with
  // POST /approvals/requests {"object", "recordId", "stage"}.
  if (problems.length > 0 && !(await approvalClearsMove(trx, object, recordId, pipeline, to, problems))) throw refusal(object, pipeline, from, to, problems);
  return {
    recordId,
    pipeline,
    from,
    to,
    createdAt: previous ? (previous.created_at as string) : null,
    reason: options.reason ?? reasonOf(pipeline, to, written),
    comment: options.comment ?? null,
  };
}

/**
 * Records the allowed moves of one write in `_stage_history`, set-based: one query for when the
 * moved records entered their current stage, one multi-row insert (a bulk write or an import chunk
 * of thousands of records costs two statements, not two per record). A record moved twice in one
 * plan enters its second move at the first's time, as when the moves were recorded one by one.
 */
export async function recordStageMoves(trx: Db, object: CompiledObject, moves: readonly PendingMove[], options: StageMoveOptions): Promise<void> {
  if (moves.length === 0) return;
  const updated = moves.filter((move) => move.createdAt !== null).map((move) => move.recordId);
  const entries = await latestEntries(trx, object.schema, object.apiName, updated);
  const movedAt = options.context.now;
  await insertStageHistory(
    trx,
    object.schema,
    moves.map((move) => {
      const entered = move.createdAt === null ? null : (entries.get(move.recordId) ?? move.createdAt);
      entries.set(move.recordId, movedAt);
      return {
        object: object.apiName,
        recordId: move.recordId,
        pipeline: move.pipeline.apiName,
        from: move.from,
        to: move.to,
        movedAt,
        actor: options.actor,
        secondsInPrevious: entered === null ? null : (Date.parse(movedAt) - Date.parse(entered)) / 1000,
        reason: move.reason,
        comment: move.comment,
      };
    }),
  );
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
