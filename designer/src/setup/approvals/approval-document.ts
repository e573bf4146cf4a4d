// The Approvals tab's edits as documents for plan → apply: a flow as a draft (steps, approvers and
// actions with stable keys for drag and drop), the draft back to the metamodel's ApprovalFlowDef,
// and the object's latest definition with the flow added, replaced or removed.
import type { ApprovalActionDef, ApprovalFlowDef, ApprovalMode, ApprovalStepDef, ApproverDef, EscalationAction, FieldType, ObjectDef } from '@tessera/metadata';
import { newItemKey } from '../pipelines/sortable-list.tsx';

type Pair = { zh: string; en: string };
export type ApproverType = ApproverDef['type'];
export const APPROVER_TYPES: readonly ApproverType[] = ['user', 'role', 'manager', 'field', 'queue'];

/** One approver with a box for each type's value, so switching type keeps what was typed. */
export interface ApproverDraft {
  key: string;
  type: ApproverType;
  email: string;
  role: string;
  levels: number | undefined;
  field: string;
  queue: string;
}

export interface ActionDraft {
  key: string;
  type: ApprovalActionDef['type'];
  field: string;
  /** As typed; turned into the field's type (number, boolean) when written. */
  value: string;
  stage: string;
}

export interface StepDraft {
  key: string;
  apiName: string;
  labels: Pair;
  criteria: unknown;
  approvers: ApproverDraft[];
  mode: ApprovalMode;
  ratio: number | undefined;
  editableFields: string[];
  timeLimitHours: number | undefined;
  escalation: EscalationAction | '';
}

export interface FlowDraft {
  apiName: string;
  labels: Pair;
  description: string;
  active: boolean;
  entryCriteria: unknown;
  steps: StepDraft[];
  onApprove: ActionDraft[];
  onReject: ActionDraft[];
  lockRecord: boolean;
  allowRecall: boolean;
}

/** Fields a flow may write (editable fields, setField): formulas, roll-ups and auto-numbers are computed. */
export const isWritable = (field: { type: FieldType }) => field.type !== 'formula' && field.type !== 'rollup' && field.type !== 'autonumber';

const pair = (labels: { zh?: string; en?: string } | undefined): Pair => ({ zh: labels?.zh ?? '', en: labels?.en ?? '' });
const labelsOf = (value: Pair) => Object.fromEntries(Object.entries(value).filter(([, text]) => text.trim() !== ''));

export function approverDraft(approver?: ApproverDef): ApproverDraft {
  return {
    key: newItemKey('approver'),
    type: approver?.type ?? 'role',
    email: approver?.type === 'user' ? approver.email : '',
    role: approver?.type === 'role' ? approver.role : '',
    levels: approver?.type === 'manager' ? approver.levels : undefined,
    field: approver?.type === 'field' ? approver.field : '',
    queue: approver?.type === 'queue' ? approver.queue : '',
  };
}

export function actionDraft(action?: ApprovalActionDef): ActionDraft {
  const value = action?.type === 'setField' ? action.value : '';
  return {
    key: newItemKey('action'),
    type: action?.type ?? 'setField',
    field: action?.type === 'setField' ? action.field : '',
    value: typeof value === 'string' ? value : JSON.stringify(value),
    stage: action?.type === 'moveStage' ? action.stage : '',
  };
}

export function stepDraft(step?: ApprovalStepDef, apiName = ''): StepDraft {
  return {
    key: newItemKey('step'),
    apiName: step?.apiName ?? apiName,
    labels: pair(step?.labels),
    criteria: step?.criteria,
    // A new step starts with the submitter's manager: valid as it stands, so the metamodel's checks run at once.
    approvers: (step?.approvers ?? [{ type: 'manager' }]).map(approverDraft),
    mode: step?.mode ?? 'any',
    ratio: step?.ratio,
    editableFields: [...(step?.editableFields ?? [])],
    timeLimitHours: step?.timeLimit?.hours,
    escalation: step?.timeLimit?.action ?? '',
  };
}

export function flowDraft(flow: ApprovalFlowDef | undefined, apiName = ''): FlowDraft {
  return {
    apiName: flow?.apiName ?? apiName,
    labels: pair(flow?.labels),
    description: flow?.description ?? '',
    active: flow?.active !== false,
    entryCriteria: flow?.entryCriteria,
    steps: flow ? flow.steps.map((step) => stepDraft(step)) : [stepDraft(undefined, 'step_1')],
    onApprove: (flow?.onApprove ?? []).map(actionDraft),
    onReject: (flow?.onReject ?? []).map(actionDraft),
    lockRecord: flow?.lockRecord !== false,
    allowRecall: flow?.allowRecall !== false,
  };
}

function approverOf(draft: ApproverDraft): ApproverDef {
  switch (draft.type) {
    case 'user':
      return { type: 'user', email: draft.email.trim() };
    case 'role':
      return { type: 'role', role: draft.role.trim() };
    case 'manager':
      return draft.levels === undefined ? { type: 'manager' } : { type: 'manager', levels: draft.levels };
    case 'field':
      return { type: 'field', field: draft.field };
    case 'queue':
      return { type: 'queue', queue: draft.queue.trim() };
  }
}

/** A setField value in the field's type: numbers and booleans are not text. */
export function typedValue(text: string, type: FieldType | undefined): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if ((type === 'number' || type === 'currency' || type === 'percent') && Number.isFinite(Number(trimmed))) return Number(trimmed);
  if (type === 'boolean' && (trimmed === 'true' || trimmed === 'false')) return trimmed === 'true';
  return text;
}

function actionOf(draft: ActionDraft, fieldType: (field: string) => FieldType | undefined): ApprovalActionDef {
  return draft.type === 'moveStage'
    ? { type: 'moveStage', stage: draft.stage }
    : { type: 'setField', field: draft.field, value: typedValue(draft.value, fieldType(draft.field)) };
}

function stepOf(step: StepDraft): ApprovalStepDef {
  const labels = labelsOf(step.labels);
  return {
    apiName: step.apiName,
    ...(Object.keys(labels).length ? { labels } : {}),
    ...(step.criteria !== undefined ? { criteria: step.criteria as ApprovalStepDef['criteria'] } : {}),
    approvers: step.approvers.map(approverOf),
    mode: step.mode,
    ...(step.ratio !== undefined ? { ratio: step.ratio } : {}),
    ...(step.editableFields.length ? { editableFields: step.editableFields } : {}),
    ...(step.timeLimitHours !== undefined || step.escalation
      ? { timeLimit: { hours: step.timeLimitHours as number, ...(step.escalation ? { action: step.escalation } : {}) } }
      : {}),
  };
}

const DRAFT_KEYS = new Set(['apiName', 'labels', 'description', 'active', 'entryCriteria', 'steps', 'onApprove', 'onReject', 'lockRecord', 'allowRecall']);

export function flowOf(draft: FlowDraft, previous: ApprovalFlowDef | undefined, fieldType: (field: string) => FieldType | undefined): ApprovalFlowDef {
  return {
    // Anything a later metamodel adds is carried over untouched.
    ...(previous ? Object.fromEntries(Object.entries(previous).filter(([key]) => !DRAFT_KEYS.has(key))) : {}),
    apiName: draft.apiName,
    labels: labelsOf(draft.labels),
    ...(draft.description.trim() ? { description: draft.description } : {}),
    active: draft.active,
    ...(draft.entryCriteria !== undefined ? { entryCriteria: draft.entryCriteria as ApprovalFlowDef['entryCriteria'] } : {}),
    steps: draft.steps.map(stepOf),
    ...(draft.onApprove.length ? { onApprove: draft.onApprove.map((action) => actionOf(action, fieldType)) } : {}),
    ...(draft.onReject.length ? { onReject: draft.onReject.map((action) => actionOf(action, fieldType)) } : {}),
    lockRecord: draft.lockRecord,
    allowRecall: draft.allowRecall,
  };
}

/** Where the flow sits in `approvalFlows` (the end for a new one): problems point there. */
export const flowPosition = (object: ObjectDef, original: string | undefined): number => {
  const flows = object.approvalFlows ?? [];
  const index = original === undefined ? -1 : flows.findIndex((flow) => flow.apiName === original);
  return index >= 0 ? index : flows.length;
};

export function withFlow(object: ObjectDef, flow: ApprovalFlowDef, original: string | undefined): ObjectDef {
  const flows = [...(object.approvalFlows ?? [])];
  const exists = original !== undefined && flows.some((entry) => entry.apiName === original);
  flows.splice(flowPosition(object, original), exists ? 1 : 0, flow);
  return { ...object, approvalFlows: flows };
}

export function withoutFlow(object: ObjectDef, apiName: string): ObjectDef {
  const flows = (object.approvalFlows ?? []).filter((flow) => flow.apiName !== apiName);
  const { approvalFlows: _dropped, ...rest } = object;
  return flows.length ? { ...rest, approvalFlows: flows } : rest;
}
