// Approval flows of each object → every semantic problem, with JSON pointers: TSR202 duplicate
// flow names, TSR550 everything else — unique step names, entry and step criteria pass the rule
// checks (list-filter operators over known fields), `field` approvers name owner_id, created_by or
// a lookup, a ratio comes with mode `ratio`, editable fields and setField actions name writable
// fields, moveStage names a stage of the object's pipelines that this flow (or nothing) gates.
// (A stage's `approvalFlow` naming no flow is left to the pipeline: the move stays refused, TSR535.)
import { type ProblemDetail, problem } from '../error-codes.ts';
import { analyseRule } from '../rules/analyse-rule.ts';
import { ruleNamesOf } from '../rules/rule-names.ts';
import { joinPointer } from '../validate/json-pointer.ts';
import type { ObjectUnderCheck } from '../validate/object-under-check.ts';
import type { ApprovalActionDef, ApprovalFlowDef } from './approval-types.ts';

const USER_COLUMNS = new Set(['owner_id', 'created_by']);
const READ_ONLY_TYPES = new Set(['formula', 'rollup', 'autonumber']);

export function checkApprovalFlows(objects: readonly ObjectUnderCheck[]): ProblemDetail[] {
  return objects.flatMap((object) => checkObjectFlows(object));
}

function checkObjectFlows(object: ObjectUnderCheck): ProblemDetail[] {
  const flows = object.def.approvalFlows ?? [];
  const problems: ProblemDetail[] = [];
  const listPath = joinPointer(object.path, 'approvalFlows');
  const seen = new Map<string, number>();
  flows.forEach((flow, index) => {
    const earlier = seen.get(flow.apiName);
    if (earlier === undefined) seen.set(flow.apiName, index);
    else
      problems.push(
        problem(
          joinPointer(listPath, index, 'apiName'),
          'TSR202',
          `${object.def.apiName} approval flow '${flow.apiName}' is defined more than once (first at ${earlier})`,
        ),
      );
    problems.push(...checkFlow(object, flow, joinPointer(listPath, index)));
  });
  return problems;
}

function checkFlow({ def, normalised }: ObjectUnderCheck, flow: ApprovalFlowDef, at: string): ProblemDetail[] {
  const problems: ProblemDetail[] = [];
  const owner = `${def.apiName} approval flow '${flow.apiName}'`;
  const fields = new Map(normalised.fields.map((field) => [field.apiName, field]));
  const names = ruleNamesOf(normalised, { context: true, previous: false });
  const criteria = (rule: unknown, path: string, what: string) => {
    for (const detail of analyseRule(rule, names, path).problems) problems.push(problem(detail.path, 'TSR550', `${owner}, ${what}: ${detail.message}`));
  };
  const writable = (name: string, path: string, what: string) => {
    const field = fields.get(name);
    if (!field) problems.push(problem(path, 'TSR550', `${owner}, ${what}: '${name}' is not a field of ${def.apiName}`));
    else if (READ_ONLY_TYPES.has(field.type))
      problems.push(problem(path, 'TSR550', `${owner}, ${what}: ${def.apiName}.${name} is a ${field.type} field and cannot be written`));
  };
  if (flow.entryCriteria !== undefined) criteria(flow.entryCriteria, joinPointer(at, 'entryCriteria'), 'entry criteria');

  const steps = new Set<string>();
  flow.steps.forEach((step, index) => {
    const stepAt = joinPointer(at, 'steps', index);
    const what = `step '${step.apiName}'`;
    if (steps.has(step.apiName)) problems.push(problem(joinPointer(stepAt, 'apiName'), 'TSR550', `${owner} lists step '${step.apiName}' more than once`));
    steps.add(step.apiName);
    if (step.criteria !== undefined) criteria(step.criteria, joinPointer(stepAt, 'criteria'), `${what} criteria`);
    if (step.ratio !== undefined && step.mode !== 'ratio')
      problems.push(problem(joinPointer(stepAt, 'ratio'), 'TSR550', `${owner}, ${what}: a ratio needs mode 'ratio'`));
    if (step.mode === 'ratio' && step.ratio === undefined)
      problems.push(problem(joinPointer(stepAt, 'mode'), 'TSR550', `${owner}, ${what}: mode 'ratio' needs a ratio (e.g. 0.67 for 2 of 3)`));
    step.approvers.forEach((approver, position) => {
      if (approver.type !== 'field') return;
      const path = joinPointer(stepAt, 'approvers', position, 'field');
      const field = fields.get(approver.field);
      if (USER_COLUMNS.has(approver.field)) return;
      if (!field) problems.push(problem(path, 'TSR550', `${owner}, ${what}: '${approver.field}' is not a field of ${def.apiName}`));
      else if (field.type !== 'lookup' && field.type !== 'user')
        problems.push(
          problem(
            path,
            'TSR550',
            `${owner}, ${what}: ${def.apiName}.${approver.field} is a ${field.type} field; an approver field is owner_id, created_by, a user field or a lookup (whose record's owner approves)`,
          ),
        );
    });
    (step.editableFields ?? []).forEach((name, position) => {
      writable(name, joinPointer(stepAt, 'editableFields', position), `${what} editable fields`);
    });
  });

  const actions = (list: ApprovalActionDef[] | undefined, key: 'onApprove' | 'onReject') => {
    (list ?? []).forEach((action, index) => {
      const path = joinPointer(at, key, index);
      if (action.type === 'setField') {
        writable(action.field, joinPointer(path, 'field'), key);
        return;
      }
      const pipelines = normalised.pipelines ?? [];
      const gates = pipelines.flatMap((pipeline) => pipeline.stages.filter((stage) => stage.value === action.stage));
      if (gates.length === 0)
        problems.push(problem(joinPointer(path, 'stage'), 'TSR550', `${owner}, ${key}: '${action.stage}' is not a stage of any ${def.apiName} pipeline`));
      for (const stage of gates) {
        if (stage.approvalFlow && stage.approvalFlow !== flow.apiName) {
          problems.push(
            problem(
              joinPointer(path, 'stage'),
              'TSR550',
              `${owner}, ${key}: stage '${action.stage}' needs approval flow '${stage.approvalFlow}', so this flow cannot move a record into it`,
            ),
          );
        }
      }
    });
  };
  actions(flow.onApprove, 'onApprove');
  actions(flow.onReject, 'onReject');
  return problems;
}
