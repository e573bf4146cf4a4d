// Approval flows as the metamodel states them (ObjectDef.approvalFlows): who may submit a record
// (entry criteria), ordered steps (each with its own skip criteria, approver resolution, decision
// mode, editable fields and time limit with escalation), what happens on final approval and on
// rejection, and whether the record is locked while a request is pending. The runtime engine is
// runtime/src/approvals; a request in flight keeps the definition it started with.
import type { JsonLogicRule, Labels } from '../leaf-types.ts';

/** 或签 `any` (the first decision decides), 会签 `all` (every approver approves), `ratio` (e.g. 2 of 3). */
export type ApprovalMode = 'any' | 'all' | 'ratio';
export const APPROVAL_MODES: readonly ApprovalMode[] = ['any', 'all', 'ratio'] as const;

/** What a step's time limit does when it passes with the step still pending. */
export type EscalationAction = 'remind' | 'reassign' | 'approve' | 'reject';
export const ESCALATION_ACTIONS: readonly EscalationAction[] = ['remind', 'reassign', 'approve', 'reject'] as const;

/** Who decides a step; a step may list several (their union). */
export type ApproverDef =
  /** One user, by email (users are tenant data, resolved when the step starts). */
  | { type: 'user'; email: string }
  /** Every active user holding the role (by role name). */
  | { type: 'role'; role: string }
  /** The submitter's manager `levels` up the manager chain (default 1 = direct manager). */
  | { type: 'manager'; levels?: number }
  /** The user whose id the record holds in a field (`owner_id`, `created_by` or a lookup). */
  | { type: 'field'; field: string }
  /** A named queue: one task any member may decide (counts as one approver). */
  | { type: 'queue'; queue: string };

export interface ApprovalTimeLimitDef {
  hours: number;
  /** Default `remind`. `reassign`: each pending approver's task goes to their manager. */
  action?: EscalationAction;
}

export interface ApprovalStepDef {
  /** Stable identifier, unique within the flow (reject-to-step names it). */
  apiName: string;
  labels?: Labels;
  /** JsonLogic over the record when the step is reached: false skips the step. */
  criteria?: JsonLogicRule;
  approvers: ApproverDef[];
  /** Default `any`. */
  mode?: ApprovalMode;
  /** For `ratio`: the share of approvers that must approve, 0 < ratio ≤ 1; needed = round(N × ratio), at least 1 (2 of 3: 0.67). */
  ratio?: number;
  /** Fields the step's approvers may edit while deciding (and while the record is locked). */
  editableFields?: string[];
  timeLimit?: ApprovalTimeLimitDef;
}

/** Done on final approval or rejection, in order, through the record service (validation and history run). */
export type ApprovalActionDef = { type: 'setField'; field: string; value: unknown } | { type: 'moveStage'; stage: string };

export interface ApprovalFlowDef {
  /** Stable identifier, unique within the object. */
  apiName: string;
  labels: Labels;
  description?: string;
  /** Default true; an inactive flow takes no new requests (requests in flight finish). */
  active?: boolean;
  /** JsonLogic over the record at submit: must be truthy to submit. */
  entryCriteria?: JsonLogicRule;
  steps: ApprovalStepDef[];
  onApprove?: ApprovalActionDef[];
  onReject?: ApprovalActionDef[];
  /** Default true: while pending only approvers (their step's editable fields) and admins may edit. */
  lockRecord?: boolean;
  /** Default true: the submitter may recall (撤回) a pending request. */
  allowRecall?: boolean;
}

export interface NormalisedApprovalStep {
  apiName: string;
  labels: Labels;
  criteria?: JsonLogicRule;
  approvers: ApproverDef[];
  mode: ApprovalMode;
  /** 1 for `any`, for `all` every approver; else the share. */
  ratio: number;
  editableFields: string[];
  timeLimit: { hours: number; action: EscalationAction } | null;
}

export interface NormalisedApprovalFlow {
  apiName: string;
  labels: Labels;
  description?: string;
  active: boolean;
  entryCriteria?: JsonLogicRule;
  steps: NormalisedApprovalStep[];
  onApprove: ApprovalActionDef[];
  onReject: ApprovalActionDef[];
  lockRecord: boolean;
  allowRecall: boolean;
}
