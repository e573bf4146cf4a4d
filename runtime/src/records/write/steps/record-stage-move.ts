// Step 9: stage rules and stage history (pipelines/stage-move.ts) for writes that can move a record
// between stages: a create on an object with pipelines, a change of a stage field or record type,
// and POST …/records/:id/stage (which must move). Decided on the locked row, inside the write.
// Every record is checked first (the first refusal throws and rolls the write back), then the
// allowed moves are recorded together: a plan of many records costs the same statements as one.
import { firstStageSql, foldsFirstStage } from '../../../pipelines/fold-first-stage.ts';
import { checkStageMove, type PendingMove, recordStageMoves, touchesStage } from '../../../pipelines/stage-move.ts';
import { isUpdateKind, type WritePlan } from '../write-plan.ts';
import type { WriteContext, WriteStep } from '../write-context.ts';

const moves = (plan: WritePlan): boolean =>
  plan.object.definition.pipelines !== undefined &&
  (plan.kind === 'create' || plan.kind === 'stageMove' || (plan.kind === 'patch' && plan.items.some((item) => touchesStage(plan.object, item.values))));

export const recordStageMove: WriteStep = {
  name: 'stage rules and history',
  applies: moves,
  needs: (plan) => ({ stored: isUpdateKind(plan.kind), writtenRecord: true, transaction: true }),
  async run(context: WriteContext) {
    const { plan } = context;
    const options = { context: context.rules.context, actor: context.actor, ...plan.stage, requireMove: plan.kind === 'stageMove' };
    const allowed: PendingMove[] = [];
    for (const [index, item] of plan.items.entries()) {
      const state = context.items[index];
      const written = state?.written;
      if (!written?.record) continue;
      if (plan.kind === 'patch' && !touchesStage(plan.object, item.values)) continue;
      const move = await checkStageMove(context.db, plan.object, written.id, state?.stored?.record ?? null, written.record, options);
      if (move) allowed.push(move);
    }
    await recordStageMoves(context.db, plan.object, allowed, options);
  },
  // A create entering a stage nothing guards: its history row goes into the INSERT (fold-first-stage.ts).
  fold: { applies: foldsFirstStage, sql: firstStageSql },
};
