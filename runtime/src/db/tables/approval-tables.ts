// The tenant's approval tables (tenant-migrations.ts step 3, approvals/approval-tables.ts): queues,
// flow versions, requests, step instances, tasks and their event history. `seq` orders rows written
// in the same millisecond.
import type { Generated } from 'kysely';
import type { CreatedAt, GeneratedId, Json, JsonWithDefault, Sequence, Timestamp } from './column-types.ts';

export type ApprovalRequestStatus = 'pending' | 'approved' | 'rejected' | 'recalled';
export type ApprovalStepStatus = 'pending' | 'approved' | 'rejected' | 'skipped' | 'cancelled';
export type ApprovalTaskStatus = 'pending' | 'waiting' | 'approved' | 'rejected' | 'reassigned' | 'cancelled';
export type ApprovalTaskOrigin = 'resolved' | 'reassigned' | 'added_before' | 'added_after' | 'escalated' | 'fallback';

export interface ApprovalQueuesTable {
  id: GeneratedId;
  name: string;
  label: string;
  created_at: CreatedAt;
}

export interface ApprovalQueueMembersTable {
  queue_id: string;
  user_id: string;
}

export interface ApprovalFlowVersionsTable {
  object: string;
  flow: string;
  version: number;
  revision: number;
  definition: Json;
  created_at: CreatedAt;
}

export interface ApprovalRequestsTable {
  id: GeneratedId;
  object: string;
  record_id: string;
  flow: string;
  flow_version: number;
  definition: Json;
  status: ApprovalRequestStatus;
  submitted_by: string | null;
  submitter: string;
  comment: string | null;
  current_step: number | null;
  stage_move: Json | null;
  stage_applied: Generated<boolean>;
  submitted_at: Timestamp;
  decided_at: Timestamp | null;
}

export interface ApprovalStepsTable {
  id: GeneratedId;
  seq: Sequence;
  request_id: string;
  step_index: number;
  step: string;
  mode: string;
  required: number;
  status: ApprovalStepStatus;
  started_at: Timestamp;
  due_at: Timestamp | null;
  escalated_at: Timestamp | null;
  decided_at: Timestamp | null;
}

export interface ApprovalTasksTable {
  id: GeneratedId;
  seq: Sequence;
  request_id: string;
  step_id: string;
  approver_id: string | null;
  queue_id: string | null;
  /** Counts toward the step's mode; added (加签) tasks must each approve as well. */
  base: boolean;
  origin: ApprovalTaskOrigin;
  status: ApprovalTaskStatus;
  waits_for: string | null;
  added_by: string | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  comment: string | null;
  created_at: Timestamp;
}

export interface ApprovalEventsTable {
  id: GeneratedId;
  seq: Sequence;
  request_id: string;
  step_id: string | null;
  task_id: string | null;
  kind: string;
  actor_id: string | null;
  actor: string;
  comment: string | null;
  detail: JsonWithDefault;
  at: Timestamp;
}

export interface ApprovalTables {
  _approval_queues: ApprovalQueuesTable;
  _approval_queue_members: ApprovalQueueMembersTable;
  _approval_flow_versions: ApprovalFlowVersionsTable;
  _approval_requests: ApprovalRequestsTable;
  _approval_steps: ApprovalStepsTable;
  _approval_tasks: ApprovalTasksTable;
  _approval_events: ApprovalEventsTable;
}
