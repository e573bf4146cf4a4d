// The Pipeline tab's edits as documents for plan → apply: a pipeline as a draft (stages with
// stable keys, so drag and drop and the transition graph survive renaming a stage), the draft back
// to the metamodel's PipelineDef, and the object's latest definition with it added, replaced or removed.
import type { ObjectDef, PipelineDef, PipelineStageDef, StageCategory } from '@tessera/metadata';
import { newItemKey } from './sortable-list.tsx';

type Pair = { zh: string; en: string };
export type TransitionMode = 'forward' | 'any' | 'graph';
export const OPTIONAL_FIELDS = ['reasonField', 'amountField', 'closeDateField', 'probabilityField'] as const;
export type OptionalField = (typeof OPTIONAL_FIELDS)[number];

export interface StageDraft {
  key: string;
  value: string;
  labels: Pair;
  probability: number | undefined;
  category: StageCategory;
  requiredFields: string[];
  entryCriteria: unknown;
  guidance: Pair;
  timeLimitHours: number | undefined;
  reassignAfter: number | undefined;
  reassignTo: string;
  requiresReason: boolean;
  approvalFlow: string;
}

export interface PipelineDraft extends Record<OptionalField, string> {
  apiName: string;
  labels: Pair;
  description: string;
  stageField: string;
  recordTypes: string[];
  stages: StageDraft[];
  mode: TransitionMode;
  /** Stage key → stage keys it may move to (mode `graph`). */
  graph: Record<string, string[]>;
}

const pair = (labels: { zh?: string; en?: string } | undefined): Pair => ({ zh: labels?.zh ?? '', en: labels?.en ?? '' });
const labelsOf = (value: Pair) => Object.fromEntries(Object.entries(value).filter(([, text]) => text.trim() !== ''));

export function stageDraft(stage: PipelineStageDef): StageDraft {
  return {
    key: newItemKey('stage'),
    value: stage.value,
    labels: pair(stage.labels),
    probability: stage.probability,
    category: stage.category ?? 'open',
    requiredFields: [...(stage.requiredFields ?? [])],
    entryCriteria: stage.entryCriteria,
    guidance: pair(stage.guidance),
    timeLimitHours: stage.timeLimit?.hours,
    reassignAfter: stage.timeLimit?.reassign?.afterHours,
    reassignTo: stage.timeLimit?.reassign?.toUser ?? '',
    requiresReason: stage.requiresReason === true,
    approvalFlow: stage.approvalFlow ?? '',
  };
}

/** A new pipeline: every value of the stage field becomes a stage, in the picklist's order. */
export function newPipelineDraft(stageField: string, values: readonly string[], apiName: string): PipelineDraft {
  return {
    apiName,
    labels: { zh: '', en: '' },
    description: '',
    stageField,
    recordTypes: [],
    stages: values.map((value) => stageDraft({ value })),
    mode: 'forward',
    graph: {},
    reasonField: '',
    amountField: '',
    closeDateField: '',
    probabilityField: '',
  };
}

export function pipelineDraft(pipeline: PipelineDef): PipelineDraft {
  const stages = pipeline.stages.map(stageDraft);
  const keyOf = new Map(stages.map((stage) => [stage.value, stage.key]));
  const transitions = pipeline.transitions ?? 'any';
  const graph: Record<string, string[]> = {};
  if (typeof transitions === 'object') {
    for (const [from, targets] of Object.entries(transitions)) {
      const key = keyOf.get(from);
      if (key) graph[key] = targets.flatMap((to) => keyOf.get(to) ?? []);
    }
  }
  return {
    apiName: pipeline.apiName,
    labels: pair(pipeline.labels),
    description: pipeline.description ?? '',
    stageField: pipeline.stageField,
    recordTypes: [...(pipeline.recordTypes ?? [])],
    stages,
    mode: typeof transitions === 'object' ? 'graph' : transitions,
    graph,
    reasonField: pipeline.reasonField ?? '',
    amountField: pipeline.amountField ?? '',
    closeDateField: pipeline.closeDateField ?? '',
    probabilityField: pipeline.probabilityField ?? '',
  };
}

/** The graph a switch to `graph` starts from: each stage may move to the ones after it. */
export function forwardGraph(stages: readonly StageDraft[]): Record<string, string[]> {
  return Object.fromEntries(stages.map((stage, index) => [stage.key, stages.slice(index + 1).map((later) => later.key)]));
}

function stageOf(stage: StageDraft): PipelineStageDef {
  const labels = labelsOf(stage.labels);
  const guidance = labelsOf(stage.guidance);
  const reassign = stage.reassignAfter !== undefined || stage.reassignTo.trim() !== '';
  return {
    value: stage.value,
    ...(Object.keys(labels).length ? { labels } : {}),
    ...(stage.probability !== undefined ? { probability: stage.probability } : {}),
    category: stage.category,
    ...(stage.requiredFields.length ? { requiredFields: stage.requiredFields } : {}),
    ...(stage.entryCriteria !== undefined ? { entryCriteria: stage.entryCriteria as PipelineStageDef['entryCriteria'] } : {}),
    ...(Object.keys(guidance).length ? { guidance } : {}),
    ...(stage.timeLimitHours !== undefined || reassign
      ? {
          timeLimit: {
            hours: stage.timeLimitHours as number,
            ...(reassign ? { reassign: { afterHours: stage.reassignAfter as number, toUser: stage.reassignTo.trim() } } : {}),
          },
        }
      : {}),
    ...(stage.requiresReason ? { requiresReason: true } : {}),
    ...(stage.approvalFlow ? { approvalFlow: stage.approvalFlow } : {}),
  };
}

export function pipelineOf(draft: PipelineDraft, previous: PipelineDef | undefined): PipelineDef {
  const stageValue = new Map(draft.stages.map((stage) => [stage.key, stage.value]));
  const transitions: PipelineDef['transitions'] =
    draft.mode === 'graph'
      ? Object.fromEntries(
          draft.stages.map((stage) => [
            stage.value,
            (draft.graph[stage.key] ?? []).flatMap((key) => (stageValue.has(key) ? [stageValue.get(key) as string] : [])),
          ]),
        )
      : draft.mode;
  const optional = Object.fromEntries(OPTIONAL_FIELDS.flatMap((key) => (draft[key] ? [[key, draft[key]]] : [])));
  return {
    ...(previous ? Object.fromEntries(Object.entries(previous).filter(([key]) => !(key in draftKeys))) : {}),
    apiName: draft.apiName,
    labels: labelsOf(draft.labels),
    ...(draft.description.trim() ? { description: draft.description } : {}),
    stageField: draft.stageField,
    stages: draft.stages.map(stageOf),
    transitions,
    ...optional,
    ...(draft.recordTypes.length ? { recordTypes: draft.recordTypes } : {}),
  } as PipelineDef;
}

/** Keys the draft owns (anything else a future metamodel adds is carried over untouched). */
const draftKeys = {
  apiName: 1,
  labels: 1,
  description: 1,
  stageField: 1,
  stages: 1,
  transitions: 1,
  recordTypes: 1,
  reasonField: 1,
  amountField: 1,
  closeDateField: 1,
  probabilityField: 1,
};

/** Where the pipeline sits in `pipelines` (the end for a new one): problems point there. */
export const pipelinePosition = (object: ObjectDef, original: string | undefined): number => {
  const pipelines = object.pipelines ?? [];
  const index = original === undefined ? -1 : pipelines.findIndex((pipeline) => pipeline.apiName === original);
  return index >= 0 ? index : pipelines.length;
};

export function withPipeline(object: ObjectDef, pipeline: PipelineDef, original: string | undefined): ObjectDef {
  const pipelines = [...(object.pipelines ?? [])];
  const exists = original !== undefined && pipelines.some((entry) => entry.apiName === original);
  pipelines.splice(pipelinePosition(object, original), exists ? 1 : 0, pipeline);
  return { ...object, pipelines };
}

export function withoutPipeline(object: ObjectDef, apiName: string): ObjectDef {
  const pipelines = (object.pipelines ?? []).filter((pipeline) => pipeline.apiName !== apiName);
  const { pipelines: _dropped, ...rest } = object;
  return pipelines.length ? { ...rest, pipelines } : rest;
}
