// Pure stage logic shared by the server and the designer: which pipeline a record follows, whether
// a move is allowed by the pipeline's transitions, and every unmet requirement of entering a stage
// (unknown stage, forbidden move, missing fields, failed entry criteria, missing reason, approval).
// Records are in API form, as they would be after the move.
import { type ProblemDetail, problem } from '../error-codes.ts';
import type { NormalisedObject } from '../normalised-types.ts';
import { applyRule, isTruthy, type RuleContext, ruleData } from '../rules/evaluate-rules.ts';
import type { NormalisedPipeline, NormalisedStage } from './pipeline-types.ts';

/** The pipeline a record follows: the one naming its record type, else the default (without record types). */
export function pipelineFor(object: NormalisedObject, recordType: unknown): NormalisedPipeline | undefined {
  const pipelines = object.pipelines ?? [];
  if (typeof recordType === 'string') {
    const typed = pipelines.find((pipeline) => pipeline.recordTypes.includes(recordType));
    if (typed) return typed;
  }
  return pipelines.find((pipeline) => pipeline.recordTypes.length === 0);
}

export const findStage = (pipeline: NormalisedPipeline, value: unknown): NormalisedStage | undefined => pipeline.stages.find((stage) => stage.value === value);

export const stageIndex = (pipeline: NormalisedPipeline, value: unknown): number => pipeline.stages.findIndex((stage) => stage.value === value);

/** Whether the pipeline's transitions allow from → to (a record without a stage may enter any stage). */
export function transitionAllowed(pipeline: NormalisedPipeline, from: string | null, to: string): boolean {
  if (from === null || from === to) return true;
  const rule = pipeline.transitions;
  if (rule === 'any') return true;
  if (rule === 'forward') {
    const source = findStage(pipeline, from);
    const target = findStage(pipeline, to);
    // A stage left out of the pipeline (e.g. after a metadata change) can only move forward into it.
    if (!source) return true;
    if (!target) return false;
    if (source.category !== 'open') return false;
    return target.category !== 'open' || stageIndex(pipeline, to) > stageIndex(pipeline, from);
  }
  return (rule[from] ?? []).includes(to);
}

/** A value counts as given when it is not null, not blank text and not an empty list. */
export function hasValue(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

export interface StageMoveCheck {
  object: NormalisedObject;
  pipeline: NormalisedPipeline;
  /** null: the record had no stage (or is being created). */
  from: string | null;
  to: string;
  /** The record after the move, as the API returns it. */
  record: Readonly<Record<string, unknown>>;
  context: RuleContext;
  /** Creating a record enters its first stage: its requirements apply, transitions do not. */
  create?: boolean;
}

/** Every unmet requirement of the move, all at once (empty: the move may complete). */
export function stageMoveProblems(check: StageMoveCheck): ProblemDetail[] {
  const { object, pipeline, from, to, record, context } = check;
  const at = `/${pipeline.stageField}`;
  const name = `${object.apiName} pipeline '${pipeline.apiName}'`;
  const stage = findStage(pipeline, to);
  if (!stage) return [problem(at, 'TSR537', `'${to}' is not a stage of ${name}`)];
  const problems: ProblemDetail[] = [];
  if (!check.create && !transitionAllowed(pipeline, from, to)) {
    problems.push(problem(at, 'TSR533', `${name} does not allow moving from '${from}' to '${to}' (transitions: ${describeTransitions(pipeline, from)})`));
  }
  for (const field of stage.requiredFields) {
    if (!hasValue(record[field])) problems.push(problem(`/${field}`, 'TSR531', `${object.apiName}.${field} must have a value to enter stage '${to}'`));
  }
  if (stage.entryCriteria !== undefined && !isTruthy(applyRule(stage.entryCriteria, ruleData(record, context)))) {
    problems.push(problem(at, 'TSR532', `the entry criteria of stage '${to}' are not met: ${JSON.stringify(stage.entryCriteria)}`));
  }
  if (stage.requiresReason && pipeline.reasonField && !hasValue(record[pipeline.reasonField])) {
    problems.push(problem(`/${pipeline.reasonField}`, 'TSR534', `stage '${to}' needs a reason in ${object.apiName}.${pipeline.reasonField}`));
  }
  if (stage.approvalFlow) {
    problems.push(problem(at, 'TSR535', `entering stage '${to}' needs approval flow '${stage.approvalFlow}' to approve it first`));
  }
  return problems;
}

function describeTransitions(pipeline: NormalisedPipeline, from: string | null): string {
  const rule = pipeline.transitions;
  if (rule === 'forward') return 'forward only';
  if (rule === 'any') return 'any';
  const targets = from === null ? [] : (rule[from] ?? []);
  return targets.length > 0 ? `from '${from}' only to ${targets.map((target) => `'${target}'`).join(', ')}` : `none from '${from}'`;
}
