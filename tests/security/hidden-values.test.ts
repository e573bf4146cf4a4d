// Hidden fields stay hidden on every history and definition surface (issue #22, Access 2): stage
// history (a loss reason kept in a hidden field), approval history (values an approver edited),
// `GET /metadata`, and approval flow definitions (criteria naming a hidden field and its
// threshold). A rep with `margin` and `loss_reason` hidden reads each surface; an administrator
// reading the same surfaces sees everything (so the assertions can fail). PostgreSQL and PGlite.
import type { ObjectDef } from '@tessera/metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labels, STAGE_FIELD } from './stage-picklist.ts';
import { testDriverKinds } from '../../runtime/src/db/test-database.ts';
import { type RunningSecurityServer, startSecurityServer, TenantAdmin } from './security-server.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are dynamic JSON
type Json = Record<string, any>;
const kinds = await testDriverKinds();
// A threshold no other part of the model contains, so finding it in a response is a leak.
const THRESHOLD = 17.25;
const SECRET_REASON = 'price war with the incumbent';

const deal: ObjectDef = {
  apiName: 'deal',
  labels: labels('Deal'),
  fields: [
    { apiName: 'name', type: 'text', labels: labels('Name'), required: true },
    { apiName: 'discount', type: 'number', labels: labels('Discount') },
    { apiName: 'margin', type: 'number', labels: labels('Margin') },
    { apiName: 'loss_reason', type: 'text', labels: labels('Loss reason') },
    STAGE_FIELD,
  ],
  validationRules: [
    {
      apiName: 'margin_floor',
      condition: { or: [{ '==': [{ var: 'margin' }, null] }, { '>=': [{ var: 'margin' }, THRESHOLD] }] },
      message: labels('Margin too low'),
    },
    {
      apiName: 'discount_cap',
      condition: { or: [{ '==': [{ var: 'discount' }, null] }, { '<=': [{ var: 'discount' }, 50] }] },
      message: labels('Discount too high'),
      field: 'discount',
    },
  ],
  pipelines: [
    {
      apiName: 'sales',
      labels: labels('Sales'),
      stageField: 'stage',
      reasonField: 'loss_reason',
      stages: [
        { value: 'open' },
        { value: 'won', category: 'won', entryCriteria: { '>': [{ var: 'margin' }, THRESHOLD] } },
        { value: 'lost', category: 'lost', requiresReason: true },
      ],
    },
  ],
  approvalFlows: [
    {
      apiName: 'pricing',
      labels: labels('Pricing'),
      entryCriteria: { '>=': [{ var: 'margin' }, THRESHOLD] },
      steps: [
        {
          apiName: 'boss',
          approvers: [{ type: 'user', email: 'boss@example.com' }],
          editableFields: ['margin', 'discount'],
          criteria: { '<': [{ var: 'margin' }, 90] },
        },
      ],
      onApprove: [
        { type: 'setField', field: 'margin', value: 31 },
        { type: 'setField', field: 'discount', value: 4 },
      ],
    },
  ],
};

describe.each(kinds)('hidden values on history and definitions on %s', (kind) => {
  let server: RunningSecurityServer;
  const tokens: Record<string, string> = {};
  const call = (who: string, method: string, path: string, body?: unknown) =>
    server.request<Json>(method, path, { token: tokens[who], ...(body === undefined ? {} : { body }) });
  const ok = async (who: string, method: string, path: string, body?: unknown, status = 200): Promise<Json> => {
    const result = await call(who, method, path, body);
    expect(result.status, `${method} ${path}: ${result.text}`).toBe(status);
    return result.body;
  };
  /** The response text as `who` reads it, with the assertion that it names no hidden value. */
  const leaksNothing = async (path: string) => {
    const asRep = await call('rep', 'GET', path);
    expect(asRep.status, asRep.text).toBe(200);
    const asAdmin = await call('tenant', 'GET', path);
    // The administrator's view names what the rep's must not: the test can tell a leak.
    expect(asAdmin.text).toMatch(/margin|price war/);
    for (const secret of ['margin', 'loss_reason', String(THRESHOLD), SECRET_REASON, 'margin_floor'])
      expect(asRep.text, `${path} leaks ${secret}`).not.toContain(secret);
    return asRep.body;
  };
  let dealId = '';
  let requestId = '';

  beforeAll(async () => {
    server = await startSecurityServer(kind, { rateLimit: false });
    tokens.tenant = await server.createTenant('hiddenvalues');
    const admin = new TenantAdmin(server, 'hiddenvalues', tokens.tenant);
    await admin.call('POST', '/api/v1/metadata/apply', { objects: [deal] });
    const reps = await admin.permissionSet('reps', { deal: { create: true, read: true, edit: true, fields: { margin: 'none', loss_reason: 'none' } } });
    await admin.user('rep@example.com', { permissionSetIds: [reps] });
    tokens.rep = await admin.userToken('rep@example.com');
    await admin.user('boss@example.com', { admin: true });
    tokens.boss = await admin.userToken('boss@example.com');
    dealId = (await ok('rep', 'POST', '/api/v1/objects/deal/records', { name: 'Hidden', discount: 10 }, 201)).id;
    await ok('tenant', 'PATCH', `/api/v1/objects/deal/records/${dealId}`, { margin: 40 });
    requestId = (await ok('rep', 'POST', '/api/v1/approvals/requests', { object: 'deal', recordId: dealId, flow: 'pricing' }, 201)).id;
    await ok('boss', 'POST', `/api/v1/approvals/requests/${requestId}/approve`, { fields: { margin: 35, discount: 6 } });
    await ok('tenant', 'POST', `/api/v1/objects/deal/records/${dealId}/stage`, { stage: 'lost', reason: SECRET_REASON });
  }, 120_000);
  afterAll(async () => server?.close());

  it('stage history leaves out a reason kept in a hidden field', async () => {
    const history = await leaksNothing(`/api/v1/objects/deal/records/${dealId}/stage-history`);
    expect(history.data.map((entry: Json) => [entry.from, entry.to])).toEqual([
      ['open', 'lost'],
      [null, 'open'],
    ]);
    expect(history.data[0]).not.toHaveProperty('reason');
  });

  it('approval history leaves out hidden fields an approver edited, and keeps the visible ones', async () => {
    const detail = await leaksNothing(`/api/v1/approvals/requests/${requestId}`);
    const approved = detail.history.find((event: Json) => event.kind === 'task_approved');
    expect(approved.detail.fields).toEqual({ discount: 6 });
    // The definition keeps what reads no hidden field.
    expect(detail.definition.onApprove).toEqual([{ type: 'setField', field: 'discount', value: 4 }]);
    expect(detail.definition.steps[0].editableFields).toEqual(['discount']);
    expect(detail.definition).not.toHaveProperty('entryCriteria');
    const listed = await leaksNothing(`/api/v1/objects/deal/records/${dealId}/approvals`);
    expect(listed.data[0].history.find((event: Json) => event.kind === 'task_approved').detail.fields).toEqual({ discount: 6 });
  });

  it('approval flow definitions name no hidden field or threshold', async () => {
    const flows = await leaksNothing('/api/v1/approvals/flows');
    expect(flows.data.map((flow: Json) => flow.apiName)).toEqual(['pricing']);
    const flow = await leaksNothing('/api/v1/approvals/flows/deal/pricing');
    expect(flow.versions[0].definition.steps[0].apiName).toBe('boss');
  });

  it('GET /metadata leaves out rules and criteria over hidden fields and keeps the rest', async () => {
    const metadata = await leaksNothing('/api/v1/metadata');
    const object = metadata.objects.find((candidate: Json) => candidate.apiName === 'deal');
    expect(object.validationRules.map((rule: Json) => rule.apiName)).toEqual(['discount_cap']);
    const stages = object.pipelines[0].stages;
    expect(stages.map((stage: Json) => stage.value)).toEqual(['open', 'won', 'lost']);
    expect(stages[1].entryCriteria ?? null).toBeNull();
    await leaksNothing('/api/v1/metadata/objects/deal');
  });

  it('the record form carries no validation rule over a hidden field', async () => {
    const form = await leaksNothing('/api/v1/forms/deal');
    expect(form.rules.validation.map((rule: Json) => rule.apiName ?? rule.name)).toEqual(['discount_cap']);
  });
});
