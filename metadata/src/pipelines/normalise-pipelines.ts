// ObjectDef → its normalised pipelines, as a property to spread into the NormalisedObject: absent
// when the object defines none, so snapshots of other objects stay as they were. Fills labels from
// the stage picklist, probability and category defaults. Assumes schema-valid input; checkPipelines
// reports the semantic errors.
import type { ObjectDef } from '../types.ts';
import type { NormalisedPipeline, NormalisedStage, PipelineDef, PipelineStageDef } from './pipeline-types.ts';

export function normalisePipelines(object: ObjectDef): { pipelines?: NormalisedPipeline[] } {
  const pipelines = (object.pipelines ?? []).map((pipeline) => normalisePipeline(object, pipeline));
  return pipelines.length > 0 ? { pipelines } : {};
}

function normalisePipeline(object: ObjectDef, pipeline: PipelineDef): NormalisedPipeline {
  const field = object.fields.find((candidate) => candidate.apiName === pipeline.stageField);
  const values = field && field.type === 'picklist' ? field.values : [];
  return {
    apiName: pipeline.apiName,
    labels: pipeline.labels,
    ...(pipeline.description === undefined ? {} : { description: pipeline.description }),
    stageField: pipeline.stageField,
    stages: pipeline.stages.map((stage) => normaliseStage(stage, values.find((value) => value.apiName === stage.value)?.labels)),
    transitions: pipeline.transitions ?? 'any',
    amountField: pipeline.amountField ?? null,
    closeDateField: pipeline.closeDateField ?? null,
    probabilityField: pipeline.probabilityField ?? null,
    reasonField: pipeline.reasonField ?? null,
    recordTypes: pipeline.recordTypes ?? [],
  };
}

function normaliseStage(stage: PipelineStageDef, valueLabels: PipelineStageDef['labels']): NormalisedStage {
  const category = stage.category ?? 'open';
  return {
    value: stage.value,
    labels: stage.labels ?? valueLabels ?? { en: stage.value },
    probability: stage.probability ?? (category === 'won' ? 100 : 0),
    category,
    requiredFields: stage.requiredFields ?? [],
    ...(stage.entryCriteria === undefined ? {} : { entryCriteria: stage.entryCriteria }),
    ...(stage.guidance === undefined ? {} : { guidance: stage.guidance }),
    timeLimit: stage.timeLimit ? { hours: stage.timeLimit.hours, reassign: stage.timeLimit.reassign ?? null } : null,
    requiresReason: stage.requiresReason ?? false,
    approvalFlow: stage.approvalFlow ?? null,
  };
}
