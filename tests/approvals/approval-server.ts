// A Tessera server for the approval suites: createApp with an injected clock (time limits and
// timings are asserted exactly), security without rate limits, the security suites' TenantAdmin
// for users and roles, and the `quote` / `account` / `deal` model with one approval flow per
// behaviour under test. Users: rep → mgr → director (manager chain), three finance users (role
// `finance`), two legal users (queue `legal`), an outsider and an administrator.
import type { ApprovalFlowDef, ObjectDef } from '@tessera/metadata';
import type { DatabaseKind } from '@tessera/runtime';
import { expect } from 'vitest';
import { type RunningSecurityServer, startSecurityServer, TenantAdmin } from '../security/security-server.ts';

export interface ApprovalServer extends RunningSecurityServer {
  clock: { now: number };
}

export async function startApprovalServer(kind: DatabaseKind): Promise<ApprovalServer> {
  // Whole seconds, so times round-trip through timestamptz(3) exactly.
  const clock = { now: Date.UTC(2026, 2, 2, 9, 0, 0) };
  const server = await startSecurityServer(kind, { rateLimit: false }, { clock: () => new Date(clock.now) });
  return { ...server, clock };
}

const labels = (en: string) => ({ en, zh: en });
const step = (apiName: string, rest: Partial<ApprovalFlowDef['steps'][number]> & Pick<ApprovalFlowDef['steps'][number], 'approvers'>) => ({ apiName, ...rest });
const finance = [{ type: 'role' as const, role: 'finance' }];
const manager = [{ type: 'manager' as const }];
const approvedStatus = {
  onApprove: [{ type: 'setField' as const, field: 'status', value: 'approved' }],
  onReject: [{ type: 'setField' as const, field: 'status', value: 'rejected' }],
};

export const QUOTE_FLOWS: ApprovalFlowDef[] = [
  { apiName: 'any_flow', labels: labels('Any'), steps: [step('finance', { approvers: finance, mode: 'any' })], ...approvedStatus },
  { apiName: 'all_flow', labels: labels('All'), steps: [step('finance', { approvers: finance, mode: 'all' })], ...approvedStatus },
  { apiName: 'ratio_flow', labels: labels('Ratio'), steps: [step('finance', { approvers: finance, mode: 'ratio', ratio: 0.67 })], ...approvedStatus },
  {
    apiName: 'resolution_flow',
    labels: labels('Resolution'),
    steps: [
      step('by_user', { approvers: [{ type: 'user', email: 'legal1@example.com' }] }),
      step('by_role', { approvers: finance, mode: 'all' }),
      step('by_manager', { approvers: [{ type: 'manager', levels: 2 }] }),
      step('by_owner', { approvers: [{ type: 'field', field: 'owner_id' }] }),
      step('by_lookup', { approvers: [{ type: 'field', field: 'account' }] }),
      step('by_queue', { approvers: [{ type: 'queue', queue: 'legal' }] }),
    ],
    ...approvedStatus,
  },
  {
    apiName: 'skip_flow',
    labels: labels('Skip'),
    steps: [
      step('manager', { approvers: manager }),
      step('big_deal', { approvers: finance, criteria: { '>': [{ var: 'amount' }, 1000] } }),
      step('legal', { approvers: [{ type: 'user', email: 'legal1@example.com' }] }),
    ],
    ...approvedStatus,
  },
  {
    apiName: 'return_flow',
    labels: labels('Return'),
    steps: [
      step('manager', { approvers: manager }),
      step('finance', { approvers: finance }),
      step('legal', { approvers: [{ type: 'queue', queue: 'legal' }] }),
    ],
    ...approvedStatus,
  },
  {
    apiName: 'discount_flow',
    labels: labels('Discount'),
    entryCriteria: { '>': [{ var: 'discount' }, 0] },
    steps: [step('manager', { approvers: manager, editableFields: ['discount'] })],
    ...approvedStatus,
  },
  {
    apiName: 'remind_flow',
    labels: labels('Remind'),
    steps: [step('s', { approvers: manager, timeLimit: { hours: 24, action: 'remind' } })],
    ...approvedStatus,
  },
  {
    apiName: 'reassign_flow',
    labels: labels('Reassign'),
    steps: [step('s', { approvers: manager, timeLimit: { hours: 24, action: 'reassign' } })],
    ...approvedStatus,
  },
  {
    apiName: 'auto_approve_flow',
    labels: labels('Auto approve'),
    steps: [step('s', { approvers: manager, timeLimit: { hours: 24, action: 'approve' } })],
    ...approvedStatus,
  },
  {
    apiName: 'auto_reject_flow',
    labels: labels('Auto reject'),
    steps: [step('s', { approvers: manager, timeLimit: { hours: 24, action: 'reject' } })],
    ...approvedStatus,
  },
  {
    apiName: 'committee_flow',
    labels: labels('Committee'),
    steps: [step('committee', { approvers: [{ type: 'role', role: 'committee' }], mode: 'all' })],
    ...approvedStatus,
  },
  { apiName: 'versioned_flow', labels: labels('Versioned'), steps: [step('first', { approvers: manager })], ...approvedStatus },
];

export const accountObject: ObjectDef = {
  apiName: 'account',
  labels: labels('Account'),
  fields: [{ apiName: 'name', type: 'text', labels: labels('Name'), required: true }],
};

export function quoteObject(flows: ApprovalFlowDef[] = QUOTE_FLOWS): ObjectDef {
  return {
    apiName: 'quote',
    labels: labels('Quote'),
    fields: [
      { apiName: 'name', type: 'text', labels: labels('Name'), required: true },
      { apiName: 'amount', type: 'currency', labels: labels('Amount') },
      { apiName: 'discount', type: 'number', labels: labels('Discount') },
      { apiName: 'note', type: 'text', labels: labels('Note') },
      { apiName: 'account', type: 'lookup', target: 'account', labels: labels('Account') },
      {
        apiName: 'status',
        type: 'picklist',
        labels: labels('Status'),
        values: [
          { apiName: 'draft', labels: labels('Draft'), default: true },
          { apiName: 'approved', labels: labels('Approved') },
          { apiName: 'rejected', labels: labels('Rejected') },
        ],
      },
    ],
    approvalFlows: flows,
  };
}

export const dealObject: ObjectDef = {
  apiName: 'deal',
  labels: labels('Deal'),
  fields: [
    { apiName: 'name', type: 'text', labels: labels('Name'), required: true },
    { apiName: 'discount', type: 'number', labels: labels('Discount') },
    {
      apiName: 'stage',
      type: 'picklist',
      labels: labels('Stage'),
      values: [
        { apiName: 'open', labels: labels('Open'), default: true },
        { apiName: 'won', labels: labels('Won') },
        { apiName: 'lost', labels: labels('Lost') },
      ],
    },
  ],
  pipelines: [
    {
      apiName: 'sales',
      labels: labels('Sales'),
      stageField: 'stage',
      stages: [{ value: 'open' }, { value: 'won', category: 'won', approvalFlow: 'win' }, { value: 'lost', category: 'lost' }],
    },
  ],
  approvalFlows: [
    {
      apiName: 'win',
      labels: labels('Win'),
      steps: [{ apiName: 'manager', approvers: [{ type: 'manager' }] }],
      onApprove: [{ type: 'setField', field: 'discount', value: 0 }],
    },
  ],
};

export const COMMITTEE_SIZE = 20;

export interface Org {
  admin: TenantAdmin;
  tenantToken: string;
  ids: Record<string, string>;
  tokens: Record<string, string>;
  committee: { id: string; token: string }[];
}

/** Users, roles, the manager chain, the legal queue and the model, all through the public API. */
export async function setUpOrg(server: ApprovalServer, slug: string): Promise<Org> {
  const tenantToken = await server.createTenant(slug);
  const admin = new TenantAdmin(server, slug, tenantToken);
  const applied = await server.request('POST', '/api/v1/metadata/apply', { token: tenantToken, body: { objects: [accountObject, quoteObject(), dealObject] } });
  expect(applied.status, applied.text).toBe(200);
  const grant = { create: true, read: true, edit: true, delete: true, viewAll: true, modifyAll: true };
  const everyone = await admin.permissionSet('everyone', { quote: grant, account: grant, deal: grant });
  const financeRole = await admin.role('finance');
  const committeeRole = await admin.role('committee');
  const ids: Record<string, string> = {};
  const tokens: Record<string, string> = {};
  const people: [string, { roleId?: string; admin?: boolean }][] = [
    ['rep', {}],
    ['mgr', {}],
    ['director', {}],
    ['finance1', { roleId: financeRole }],
    ['finance2', { roleId: financeRole }],
    ['finance3', { roleId: financeRole }],
    ['legal1', {}],
    ['legal2', {}],
    ['outsider', {}],
    ['boss', { admin: true }],
  ];
  for (const [name, options] of people) {
    ids[name] = await admin.user(`${name}@example.com`, { ...options, permissionSetIds: [everyone] });
    tokens[name] = await admin.userToken(`${name}@example.com`);
  }
  await admin.call('PUT', `/api/v1/approvals/managers/${ids.rep}`, { managerId: ids.mgr });
  await admin.call('PUT', `/api/v1/approvals/managers/${ids.mgr}`, { managerId: ids.director });
  await admin.call('PUT', '/api/v1/approvals/queues/legal', { label: 'Legal', members: [ids.legal1, ids.legal2] });
  const committee = [];
  for (let i = 0; i < COMMITTEE_SIZE; i++) {
    const email = `member${i}@example.com`;
    const id = await admin.user(email, { roleId: committeeRole, permissionSetIds: [everyone] });
    committee.push({ id, token: await admin.userToken(email) });
  }
  return { admin, tenantToken, ids, tokens, committee };
}
