// Public surface of the approvals engine (routes, jobs and tests use these).
export type { ApprovalActor, ApprovalContext } from './approval-context.ts';
export { SYSTEM_ACTOR } from './approval-context.ts';
export { runApprovalJob, type ApprovalJobRun } from './approval-job.ts';
export { addApprover, commentOn, decide, reassignTask, recallRequest, submitRequest } from './approval-operations.ts';
export { findRequest, inbox, recordRequests, requestDetail } from './approval-queries.ts';
export { processApprovalTimeouts, type TimeoutRun } from './approval-timeouts.ts';
export { assertNotLocked } from './record-lock.ts';
