// ObjectDef → its normalised approval flows, as a property to spread into the NormalisedObject:
// absent when the object defines none, so snapshots of other objects stay as they were. Fills
// mode, ratio, labels and switches with their defaults. Assumes schema-valid input;
// checkApprovalFlows reports the semantic errors.
import type { ObjectDef } from '../types.ts';
import type { ApprovalFlowDef, ApprovalStepDef, NormalisedApprovalFlow, NormalisedApprovalStep } from './approval-types.ts';

export function normaliseApprovalFlows(object: ObjectDef): { approvalFlows?: NormalisedApprovalFlow[] } {
  const flows = (object.approvalFlows ?? []).map(normaliseFlow);
  return flows.length > 0 ? { approvalFlows: flows } : {};
}

export function normaliseFlow(flow: ApprovalFlowDef): NormalisedApprovalFlow {
  return {
    apiName: flow.apiName,
    labels: flow.labels,
    ...(flow.description === undefined ? {} : { description: flow.description }),
    active: flow.active ?? true,
    ...(flow.entryCriteria === undefined ? {} : { entryCriteria: flow.entryCriteria }),
    steps: flow.steps.map(normaliseStep),
    onApprove: flow.onApprove ?? [],
    onReject: flow.onReject ?? [],
    lockRecord: flow.lockRecord ?? true,
    allowRecall: flow.allowRecall ?? true,
  };
}

function normaliseStep(step: ApprovalStepDef): NormalisedApprovalStep {
  const mode = step.mode ?? 'any';
  return {
    apiName: step.apiName,
    labels: step.labels ?? { en: step.apiName },
    ...(step.criteria === undefined ? {} : { criteria: step.criteria }),
    approvers: step.approvers.map((approver) => (approver.type === 'manager' ? { type: 'manager', levels: approver.levels ?? 1 } : approver)),
    mode,
    ratio: mode === 'ratio' ? (step.ratio ?? 1) : 1,
    editableFields: step.editableFields ?? [],
    timeLimit: step.timeLimit ? { hours: step.timeLimit.hours, action: step.timeLimit.action ?? 'remind' } : null,
  };
}

/**
 * Approvals a step needs out of `approvers` base approvers: 1 (或签), all (会签) or, for a ratio,
 * round(N × ratio) and at least 1 — 销售易's 通过率 rule, so 0.67 of 3 is 2 and 0.5 of 3 is 2.
 */
export function requiredApprovals(step: Pick<NormalisedApprovalStep, 'mode' | 'ratio'>, approvers: number): number {
  if (approvers === 0) return 0;
  if (step.mode === 'any') return 1;
  if (step.mode === 'all') return approvers;
  return Math.min(approvers, Math.max(1, Math.round(step.ratio * approvers)));
}
