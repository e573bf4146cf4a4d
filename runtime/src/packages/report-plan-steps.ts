// Migration steps → progress. The runner's beforeStep hook sees only an action's index, so the
// steps come from the plan recorded with the revision being applied (`_meta_revision.plan`), read
// once inside the apply's transaction: each report has the step's description and rows and the
// step count of the plan that actually runs.
import { type Kysely, sql } from 'kysely';
import type { PlanStep } from '../migrate/plan-change.ts';
import type { PackageProgress } from './operation-progress.ts';

// biome-ignore lint/suspicious/noExplicitAny: tenant tables are dynamic
type Db = Kysely<any>;

export interface PlanStepReporter {
  /** From the derive callback: the apply's transaction and the revision it will record. */
  planning(trx: Db, revision: number): void;
  beforeStep(index: number): Promise<void>;
}

export function reportPlanSteps(schema: string, progress: PackageProgress): PlanStepReporter {
  let applying: { trx: Db; revision: number } | undefined;
  let steps: PlanStep[] | undefined;
  return {
    planning(trx, revision) {
      applying = { trx, revision };
      steps = undefined;
    },
    async beforeStep(index) {
      if (!applying) return;
      steps ??= await recordedPlanSteps(applying.trx, schema, applying.revision);
      const step = steps[index];
      if (step) progress.metadataStep(step, steps.length);
    },
  };
}

async function recordedPlanSteps(trx: Db, schema: string, revision: number): Promise<PlanStep[]> {
  const found = await sql<{ steps: PlanStep[] | string | null }>`
    select plan->'steps' as steps from ${sql.id(schema, '_meta_revision')} where revision = ${revision}`.execute(trx);
  const steps = found.rows[0]?.steps ?? [];
  return typeof steps === 'string' ? (JSON.parse(steps) as PlanStep[]) : steps;
}
