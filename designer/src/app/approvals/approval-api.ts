// The approvals API (runtime/src/routes/approval-routes.ts) as the inbox and the record page call
// it: the caller's inbox, one request with its steps and history, the actions on it, and submit.
import type { ApiClient } from '../../api/index.ts';

export type RequestStatus = 'pending' | 'approved' | 'rejected' | 'recalled';

export interface ApprovalRequest {
  id: string;
  object: string;
  recordId: string;
  flow: string;
  status: RequestStatus;
  submittedBy: string | null;
  submitter: string;
  comment: string | null;
  submittedAt: string;
  decidedAt: string | null;
  currentStep: string | null;
}

/** A pending or decided task of mine: the request with the step it is at. */
export interface InboxTask {
  taskId: string;
  taskStatus: string;
  step: string;
  stepStartedAt: string;
  decidedAt: string | null;
  decisionComment: string | null;
  request: ApprovalRequest;
}

export type InboxBox = 'pending' | 'submitted' | 'decided';
export type InboxRow = InboxTask | ApprovalRequest;

export interface ApprovalTask {
  id: string;
  approverId: string | null;
  queueId: string | null;
  status: string;
  decidedBy: string | null;
  decidedAt: string | null;
  comment: string | null;
}

export interface ApprovalStep {
  id: string;
  step: string;
  index: number;
  mode: string;
  status: string;
  startedAt: string;
  decidedAt: string | null;
  tasks: ApprovalTask[];
}

export interface ApprovalEvent {
  id: string;
  kind: string;
  stepId: string | null;
  actorId: string | null;
  actor: string;
  comment: string | null;
  at: string;
}

export interface FlowStepDefinition {
  apiName: string;
  labels?: { en?: string; zh?: string };
}

export interface RequestDetail extends ApprovalRequest {
  definition: { labels?: { en?: string; zh?: string }; steps: FlowStepDefinition[]; lockRecord?: boolean };
  steps: ApprovalStep[];
  history: ApprovalEvent[];
}

const requestPath = (id: string) => `/approvals/requests/${encodeURIComponent(id)}`;

export const inboxRequest = (row: InboxRow): ApprovalRequest => ('request' in row ? row.request : row);

export function approvalApi(client: ApiClient) {
  return {
    inbox: (box: InboxBox) => client.request<{ data: InboxRow[] }>('GET', `/approvals/inbox?box=${box}&limit=100`),
    request: (id: string) => client.request<RequestDetail>('GET', requestPath(id)),
    recordRequests: (object: string, id: string) =>
      client.request<{ data: RequestDetail[] }>('GET', `/objects/${encodeURIComponent(object)}/records/${encodeURIComponent(id)}/approvals`),
    submit: (body: { object: string; recordId: string; flow?: string; comment?: string }) => client.request<RequestDetail>('POST', '/approvals/requests', body),
    approve: (id: string, comment?: string) => client.request<RequestDetail>('POST', `${requestPath(id)}/approve`, withComment({}, comment)),
    reject: (id: string, comment?: string, to?: string) =>
      client.request<RequestDetail>('POST', `${requestPath(id)}/reject`, withComment(to ? { to } : {}, comment)),
    recall: (id: string, comment?: string) => client.request<RequestDetail>('POST', `${requestPath(id)}/recall`, withComment({}, comment)),
    reassign: (id: string, userId: string, comment?: string) =>
      client.request<RequestDetail>('POST', `${requestPath(id)}/reassign`, withComment({ userId }, comment)),
    addApprover: (id: string, userId: string, position: 'before' | 'after', comment?: string) =>
      client.request<RequestDetail>('POST', `${requestPath(id)}/add-approver`, withComment({ userId, position }, comment)),
    comment: (id: string, comment: string) => client.request<RequestDetail>('POST', `${requestPath(id)}/comment`, { comment }),
    /** Administrators only (the security API): whom a task can be handed to. */
    users: () => client.request<{ data: { id: string; name: string; email: string; active?: boolean }[] }>('GET', '/security/users'),
  };
}

export type ApprovalApi = ReturnType<typeof approvalApi>;

function withComment(body: Record<string, string>, comment: string | undefined): Record<string, string> {
  const text = comment?.trim();
  return text ? { ...body, comment: text } : body;
}
