export { APPROVAL_OBJECT_PROPERTIES, APPROVAL_SCHEMA_DEFS } from './approval-schemas.ts';
export {
  APPROVAL_MODES,
  type ApprovalActionDef,
  type ApprovalFlowDef,
  type ApprovalMode,
  type ApprovalStepDef,
  type ApprovalTimeLimitDef,
  type ApproverDef,
  ESCALATION_ACTIONS,
  type EscalationAction,
  type NormalisedApprovalFlow,
  type NormalisedApprovalStep,
} from './approval-types.ts';
export { checkApprovalFlows } from './check-approval-flows.ts';
export { normaliseApprovalFlows, normaliseFlow, requiredApprovals } from './normalise-approval-flows.ts';
