// Who may submit a record for approval (issue #22, Access 1): submitting locks the record and can
// request a stage move, so it needs the right to edit the record, and a stage request needs the
// right to write the stage field and a transition the pipeline allows. A reader is refused with
// 403 TSR312 and the record stays unlocked. On PostgreSQL and PGlite.
import type { ObjectDef } from '@tessera/metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labels, STAGE_FIELD } from '../security/stage-picklist.ts';
import { testDriverKinds } from '../../runtime/src/db/test-database.ts';
import { type RunningSecurityServer, startSecurityServer, TenantAdmin } from '../security/security-server.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are dynamic JSON
type Json = Record<string, any>;
const kinds = await testDriverKinds();

const deal: ObjectDef = {
  apiName: 'deal',
  labels: labels('Deal'),
  fields: [
    { apiName: 'name', type: 'text', labels: labels('Name'), required: true },
    { apiName: 'amount', type: 'currency', labels: labels('Amount') },
    STAGE_FIELD,
  ],
  pipelines: [
    {
      apiName: 'sales',
      labels: labels('Sales'),
      stageField: 'stage',
      transitions: 'forward',
      stages: [{ value: 'open' }, { value: 'won', category: 'won', approvalFlow: 'win' }, { value: 'lost', category: 'lost' }],
    },
  ],
  approvalFlows: [
    { apiName: 'win', labels: labels('Win'), steps: [{ apiName: 'boss', approvers: [{ type: 'user', email: 'boss@example.com' }] }] },
    { apiName: 'check', labels: labels('Check'), steps: [{ apiName: 'boss', approvers: [{ type: 'user', email: 'boss@example.com' }] }] },
  ],
};

describe.each(kinds)('approval submit access on %s', (kind) => {
  let server: RunningSecurityServer;
  const tokens: Record<string, string> = {};
  const call = (who: string, method: string, path: string, body?: unknown) =>
    server.request<Json>(method, path, { token: tokens[who], ...(body === undefined ? {} : { body }) });
  const newDeal = async (body: Json = {}): Promise<string> => {
    const created = await call('owner', 'POST', '/api/v1/objects/deal/records', { name: 'D', amount: 100, ...body });
    expect(created.status, created.text).toBe(201);
    return created.body.id;
  };
  const submit = (who: string, recordId: string, extra: Json) => call(who, 'POST', '/api/v1/approvals/requests', { object: 'deal', recordId, ...extra });

  beforeAll(async () => {
    server = await startSecurityServer(kind, { rateLimit: false });
    tokens.tenant = await server.createTenant('submitaccess');
    const admin = new TenantAdmin(server, 'submitaccess', tokens.tenant);
    await admin.call('POST', '/api/v1/metadata/apply', { objects: [deal] });
    const sets = {
      owner: await admin.permissionSet('owners', { deal: { create: true, read: true, edit: true } }),
      reader: await admin.permissionSet('readers', { deal: { read: true, viewAll: true } }),
      stageless: await admin.permissionSet('stageless', { deal: { read: true, edit: true, viewAll: true, modifyAll: true, fields: { stage: 'read' } } }),
    };
    for (const [name, set] of Object.entries(sets)) {
      await admin.user(`${name}@example.com`, { permissionSetIds: [set] });
      tokens[name] = await admin.userToken(`${name}@example.com`);
    }
    await admin.user('boss@example.com', { admin: true });
  }, 120_000);
  afterAll(async () => server?.close());

  it('a reader may not submit: 403 TSR312, no request, and the owner can still edit', async () => {
    const id = await newDeal();
    const refused = await submit('reader', id, { flow: 'check' });
    expect(refused.status, refused.text).toBe(403);
    expect(refused.body).toMatchObject({ code: 'TSR312' });
    const stage = await submit('reader', id, { stage: 'won' });
    expect(stage.status, stage.text).toBe(403);
    expect(stage.body).toMatchObject({ code: 'TSR312' });
    const requests = await call('tenant', 'GET', `/api/v1/objects/deal/records/${id}/approvals`);
    expect(requests.body.data).toEqual([]);
    const edit = await call('owner', 'PATCH', `/api/v1/objects/deal/records/${id}`, { amount: 200 });
    expect(edit.status, edit.text).toBe(200);
  });

  it('a stage request needs the right to write the stage field (403 TSR312 at /stage)', async () => {
    const id = await newDeal();
    const refused = await submit('stageless', id, { stage: 'won' });
    expect(refused.status, refused.text).toBe(403);
    expect(refused.body).toMatchObject({ code: 'TSR312', errors: [{ path: '/stage', code: 'TSR312' }] });
    // The same user may submit a plain flow: they may edit the record.
    expect((await submit('stageless', id, { flow: 'check' })).status).toBe(201);
  });

  it('a stage request must be a move the pipeline allows from the current stage (422 TSR533)', async () => {
    const id = await newDeal();
    expect((await call('owner', 'PATCH', `/api/v1/objects/deal/records/${id}`, { stage: 'lost' })).status).toBe(200);
    const refused = await submit('owner', id, { stage: 'won' });
    expect(refused.status, refused.text).toBe(422);
    expect(refused.body).toMatchObject({ code: 'TSR533', errors: [{ path: '/stage', code: 'TSR533' }] });
  });

  it('the owner submits a stage move and a flow', async () => {
    const id = await newDeal();
    const submitted = await submit('owner', id, { stage: 'won' });
    expect(submitted.status, submitted.text).toBe(201);
    expect(submitted.body).toMatchObject({ flow: 'win', stageMove: { stage: 'won' } });
  });
});
