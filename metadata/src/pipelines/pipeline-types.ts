// Pipelines as the metamodel states them (ObjectDef.pipelines): a stage picklist of the object
// turned into a sales process — ordered stages with probability and category (open / won / lost),
// what must be true to enter each stage (required fields, a JsonLogic entry criterion, a reason,
// an approval), guidance, a time limit with an optional reassignment, and the moves allowed
// between stages. Several pipelines per object are chosen by record type.
import type { JsonLogicRule, Labels } from '../leaf-types.ts';

export type StageCategory = 'open' | 'won' | 'lost';
export const STAGE_CATEGORIES: readonly StageCategory[] = ['open', 'won', 'lost'] as const;

/** `forward`: only to a later stage, or from an open stage to a closed one; `any`: every move; or an explicit graph from → allowed targets. */
export type StageTransitions = 'forward' | 'any' | Record<string, string[]>;

export interface StageTimeLimitDef {
  /** A record still in the stage this many hours after entering it is stale: its owner gets a reminder. */
  hours: number;
  /** Optionally, this many hours after the record went stale, its owner becomes `toUser` (a user's email). */
  reassign?: { afterHours: number; toUser: string };
}

export interface PipelineStageDef {
  /** A value of the pipeline's stage picklist. */
  value: string;
  /** Default: the picklist value's labels. */
  labels?: Labels;
  /** 0–100. Default: 100 for won, 0 for lost and open stages. */
  probability?: number;
  /** Default `open`. */
  category?: StageCategory;
  /** Fields that must have a value for a record to enter the stage. */
  requiredFields?: string[];
  /** JsonLogic over the record as it would be after the move (fields, `$today`, `$now`, `$user.id`): must be truthy to enter. */
  entryCriteria?: JsonLogicRule;
  /** Shown with the stage ("guidance for success"). */
  guidance?: Labels;
  timeLimit?: StageTimeLimitDef;
  /** Entering the stage needs a value in the pipeline's `reasonField` (e.g. why a deal was lost). */
  requiresReason?: boolean;
  /** Api name of the approval flow that must approve a move into this stage before it completes. */
  approvalFlow?: string;
}

export interface PipelineDef {
  /** Stable identifier, unique within the object. */
  apiName: string;
  labels: Labels;
  description?: string;
  /** The picklist field that holds the stage. */
  stageField: string;
  /** Ordered: the order is the process's order (board columns, forward moves, funnel). */
  stages: PipelineStageDef[];
  /** Default `any`. */
  transitions?: StageTransitions;
  /** Numeric field summed on the board and in the forecast. */
  amountField?: string;
  /** Date field the forecast groups by month. */
  closeDateField?: string;
  /** Numeric field holding a record's own probability (0–100); the stage's probability applies when it is empty. */
  probabilityField?: string;
  /** Field written by `POST …/stage {"reason"}` and required by stages with `requiresReason`. */
  reasonField?: string;
  /** Record types that use this pipeline; absent: the object's default pipeline (records of any other type). */
  recordTypes?: string[];
}

export interface NormalisedTimeLimit {
  hours: number;
  reassign: { afterHours: number; toUser: string } | null;
}

export interface NormalisedStage {
  value: string;
  labels: Labels;
  probability: number;
  category: StageCategory;
  requiredFields: string[];
  entryCriteria?: JsonLogicRule;
  guidance?: Labels;
  timeLimit: NormalisedTimeLimit | null;
  requiresReason: boolean;
  approvalFlow: string | null;
}

export interface NormalisedPipeline {
  apiName: string;
  labels: Labels;
  description?: string;
  stageField: string;
  stages: NormalisedStage[];
  transitions: StageTransitions;
  amountField: string | null;
  closeDateField: string | null;
  probabilityField: string | null;
  reasonField: string | null;
  /** Empty: the default pipeline. */
  recordTypes: string[];
}
