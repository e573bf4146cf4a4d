// The fast path of a create's first stage entry (records/write/steps/record-stage-move.ts), for one
// record or many (a bulk create, an import's chunk): when no stage of the object's pipeline has a
// requirement (required fields, entry criteria, a reason, an approval) and the pipeline does not
// depend on the record type, entering a stage on create can only fail for a value that is not a
// stage, which the plan's own values show. Then the history rows are known before the INSERT runs,
// and go into the same statement as a CTE: one round trip instead of BEGIN, INSERT, INSERT, COMMIT,
// and no written record to return, parse and check record by record.
import { findStage, type NormalisedObject, type NormalisedPipeline } from '@tessera/metadata';
import { sql } from 'kysely';
import type { FoldedWork, WriteContext } from '../records/write/write-context.ts';
import type { WritePlan } from '../records/write/write-plan.ts';
import { SLOT } from '../sql/statement-template.ts';

/** Per object definition (one per revision): its pipeline when every stage can be entered freely, else null. */
const freePipelines = new WeakMap<NormalisedObject, NormalisedPipeline | null>();

function freePipeline(definition: NormalisedObject): NormalisedPipeline | null {
  let pipeline = freePipelines.get(definition);
  if (pipeline === undefined) {
    const pipelines = definition.pipelines ?? [];
    // With record types a pipeline is chosen per record (pipelineFor); keep those on the full path.
    const candidate = pipelines.every((each) => each.recordTypes.length === 0) ? pipelines[0] : undefined;
    const free = candidate?.stages.every(
      (stage) => stage.requiredFields.length === 0 && stage.entryCriteria === undefined && !stage.requiresReason && !stage.approvalFlow,
    );
    pipeline = candidate && free ? candidate : null;
    freePipelines.set(definition, pipeline);
  }
  return pipeline;
}

/**
 * Whether the create's stage entries fold: a free pipeline, and every record's stage value is one of
 * its stages (a bulk create or an import chunk folds as one record does).
 */
export function foldsFirstStage(plan: WritePlan): boolean {
  if (plan.kind !== 'create' || plan.items.length === 0 || plan.stage !== undefined) return false;
  const pipeline = freePipeline(plan.object.definition);
  if (!pipeline) return false;
  return plan.items.every((item) => {
    const to = item.values[pipeline.stageField];
    return typeof to === 'string' && findStage(pipeline, to) !== undefined;
  });
}

/**
 * The `_stage_history` rows of the moves, exactly as recordStageMoves writes them for creates: one
 * per written row, in the write's order, its stage read from the row as written (`w.r_<stage>`).
 */
export function firstStageSql(context: WriteContext): FoldedWork {
  const { plan } = context;
  const pipeline = freePipeline(plan.object.definition) as NormalisedPipeline;
  return {
    key: 'first-stage',
    reads: [pipeline.stageField],
    parts: [
      sql`insert into ${sql.id(plan.object.schema, '_stage_history')} (object, record_id, pipeline, from_stage, to_stage, moved_at, moved_by, actor, seconds_in_previous, reason, comment) `,
      'select ',
      SLOT,
      '::text, w.id, ',
      SLOT,
      sql`::text, null, ${sql.ref(`w.r_${pipeline.stageField}`)}::text, `,
      SLOT,
      '::timestamptz, ',
      SLOT,
      '::uuid, ',
      SLOT,
      '::text, null, null, null from w',
    ],
    values: [plan.object.apiName, pipeline.apiName, context.rules.context.now, context.actor.id, context.actor.label],
  };
}
