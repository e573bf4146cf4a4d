// Pipelines of each object → every semantic problem, with JSON pointers: TSR202 duplicate pipeline
// names, TSR536 everything else — the stage field is a picklist and every stage one of its values
// (once), required fields exist, entry criteria pass the rule checks (list-filter operators over
// known fields), the transition graph names stages, amount / close date / probability / reason
// fields exist with a fitting type, record types exist and each picks at most one pipeline.
import { type ProblemDetail, problem } from '../error-codes.ts';
import type { NormalisedField } from '../normalised-types.ts';
import { analyseRule } from '../rules/analyse-rule.ts';
import { ruleNamesOf } from '../rules/rule-names.ts';
import { joinPointer } from '../validate/json-pointer.ts';
import type { ObjectUnderCheck } from '../validate/object-under-check.ts';
import type { PipelineDef } from './pipeline-types.ts';

type FieldKind = 'numeric' | 'date' | 'reason';
const KIND_TEXT: Record<FieldKind, string> = {
  numeric: 'a number, currency or percent field',
  date: 'a date or datetime field',
  reason: 'a text, textarea or picklist field',
};

function fieldKinds(field: NormalisedField): Set<FieldKind> {
  switch (field.type) {
    case 'number':
    case 'currency':
    case 'percent':
      return new Set(['numeric']);
    case 'date':
    case 'datetime':
      return new Set(['date']);
    case 'text':
    case 'textarea':
    case 'picklist':
      return new Set(['reason']);
    case 'formula':
      return new Set(
        field.returns === 'date' || field.returns === 'datetime' ? ['date'] : field.returns === 'text' || field.returns === 'boolean' ? [] : ['numeric'],
      );
    case 'rollup':
      return new Set(field.result.type === 'date' || field.result.type === 'datetime' ? ['date'] : ['numeric']);
    default:
      return new Set();
  }
}

export function checkPipelines(objects: readonly ObjectUnderCheck[]): ProblemDetail[] {
  return objects.flatMap((object) => checkObjectPipelines(object));
}

function checkObjectPipelines(object: ObjectUnderCheck): ProblemDetail[] {
  const { def, normalised, path } = object;
  const pipelines = def.pipelines ?? [];
  if (pipelines.length === 0) return [];
  const problems: ProblemDetail[] = [];
  const listPath = joinPointer(path, 'pipelines');
  const seen = new Map<string, number>();
  pipelines.forEach((pipeline, index) => {
    const earlier = seen.get(pipeline.apiName);
    if (earlier === undefined) seen.set(pipeline.apiName, index);
    else
      problems.push(
        problem(
          joinPointer(listPath, index, 'apiName'),
          'TSR202',
          `${def.apiName} pipeline '${pipeline.apiName}' is defined more than once (first at ${earlier})`,
        ),
      );
    problems.push(...checkPipeline(object, pipeline, joinPointer(listPath, index)));
  });

  // Which pipeline a record follows is decided by its record type: one default, one pipeline per type.
  const recordTypes = new Set((normalised.recordTypes ?? []).map((recordType) => recordType.apiName));
  const defaults = pipelines.flatMap((pipeline, index) => (pipeline.recordTypes === undefined ? [index] : []));
  for (const index of defaults.slice(1)) {
    problems.push(
      problem(
        joinPointer(listPath, index, 'recordTypes'),
        'TSR536',
        `${def.apiName} has ${defaults.length} pipelines without recordTypes; at most one can be the default, the others must name their record types`,
      ),
    );
  }
  const claimed = new Map<string, string>();
  pipelines.forEach((pipeline, index) => {
    (pipeline.recordTypes ?? []).forEach((name, position) => {
      const at = joinPointer(listPath, index, 'recordTypes', position);
      if (!recordTypes.has(name))
        problems.push(problem(at, 'TSR536', `pipeline '${pipeline.apiName}' names record type '${name}', which ${def.apiName} does not define`));
      else if (claimed.has(name))
        problems.push(problem(at, 'TSR536', `record type '${name}' of ${def.apiName} already follows pipeline '${claimed.get(name)}'`));
      else claimed.set(name, pipeline.apiName);
    });
  });
  return problems;
}

function checkPipeline({ def, normalised }: ObjectUnderCheck, pipeline: PipelineDef, at: string): ProblemDetail[] {
  const problems: ProblemDetail[] = [];
  const owner = `${def.apiName} pipeline '${pipeline.apiName}'`;
  const fields = new Map(normalised.fields.map((field) => [field.apiName, field]));
  const stageField = fields.get(pipeline.stageField);
  const values = new Set(stageField?.type === 'picklist' ? stageField.values.map((value) => value.apiName) : []);
  if (!stageField) problems.push(problem(joinPointer(at, 'stageField'), 'TSR536', `${owner}: '${pipeline.stageField}' is not a field of ${def.apiName}`));
  else if (stageField.type !== 'picklist')
    problems.push(
      problem(
        joinPointer(at, 'stageField'),
        'TSR536',
        `${owner}: the stage field ${def.apiName}.${pipeline.stageField} is a ${stageField.type} field; it must be a picklist`,
      ),
    );

  const names = ruleNamesOf(normalised, { context: true, previous: false });
  const stages = new Set<string>();
  pipeline.stages.forEach((stage, index) => {
    const stageAt = joinPointer(at, 'stages', index);
    if (stages.has(stage.value)) problems.push(problem(joinPointer(stageAt, 'value'), 'TSR536', `${owner} lists stage '${stage.value}' more than once`));
    stages.add(stage.value);
    if (stageField?.type === 'picklist' && !values.has(stage.value)) {
      problems.push(problem(joinPointer(stageAt, 'value'), 'TSR536', `${owner}: '${stage.value}' is not a value of ${def.apiName}.${pipeline.stageField}`));
    }
    (stage.requiredFields ?? []).forEach((name, position) => {
      if (!fields.has(name))
        problems.push(
          problem(joinPointer(stageAt, 'requiredFields', position), 'TSR536', `${owner}, stage '${stage.value}': '${name}' is not a field of ${def.apiName}`),
        );
    });
    if (stage.entryCriteria !== undefined) {
      for (const detail of analyseRule(stage.entryCriteria, names, joinPointer(stageAt, 'entryCriteria')).problems) {
        problems.push(problem(detail.path, 'TSR536', `${owner}, stage '${stage.value}' entry criteria: ${detail.message}`));
      }
    }
    if (stage.requiresReason && pipeline.reasonField === undefined) {
      problems.push(
        problem(joinPointer(stageAt, 'requiresReason'), 'TSR536', `${owner}, stage '${stage.value}' requires a reason, but the pipeline names no reasonField`),
      );
    }
    const category = stage.category ?? 'open';
    if (category !== 'open' && stage.timeLimit) {
      problems.push(
        problem(joinPointer(stageAt, 'timeLimit'), 'TSR536', `${owner}, stage '${stage.value}' is closed (${category}), so it cannot have a time limit`),
      );
    }
  });

  const transitions = pipeline.transitions;
  if (transitions !== undefined && typeof transitions === 'object') {
    for (const [from, targets] of Object.entries(transitions)) {
      const fromAt = joinPointer(at, 'transitions', from);
      if (!stages.has(from)) problems.push(problem(fromAt, 'TSR536', `${owner}: transitions start from '${from}', which is not a stage of the pipeline`));
      targets.forEach((to, position) => {
        if (!stages.has(to))
          problems.push(problem(joinPointer(fromAt, position), 'TSR536', `${owner}: transitions lead to '${to}', which is not a stage of the pipeline`));
      });
    }
  }

  const fieldChecks: [keyof PipelineDef, FieldKind][] = [
    ['amountField', 'numeric'],
    ['probabilityField', 'numeric'],
    ['closeDateField', 'date'],
    ['reasonField', 'reason'],
  ];
  for (const [key, kind] of fieldChecks) {
    const name = pipeline[key];
    if (typeof name !== 'string') continue;
    const field = fields.get(name);
    if (!field) problems.push(problem(joinPointer(at, key), 'TSR536', `${owner}: ${key} '${name}' is not a field of ${def.apiName}`));
    else if (!fieldKinds(field).has(kind))
      problems.push(problem(joinPointer(at, key), 'TSR536', `${owner}: ${key} ${def.apiName}.${name} is a ${field.type} field; it must be ${KIND_TEXT[kind]}`));
    else if (kind === 'reason' && (field.type === 'formula' || field.type === 'rollup'))
      problems.push(problem(joinPointer(at, key), 'TSR536', `${owner}: the reason field must be writable`));
  }
  return problems;
}
