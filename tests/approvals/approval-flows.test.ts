// The approval engine over HTTP on PostgreSQL and PGlite with an injected clock: each decision mode
// (或签, 会签, ratio), each approver resolution (user, role, manager N levels up, owner field,
// lookup owner, queue), skip criteria, reject to the submitter and to an earlier step, recall,
// reassign (转交), add approver before and after (加签), versioned definitions, the record lock,
// final actions (set fields, a gated pipeline stage move), the inbox, notifications and history
// with comments and timings, and every refusal with its exact code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responseChecker } from '../support/openapi-responses.ts';
import { testDriverKinds } from '../../runtime/src/db/test-database.ts';
import { type ApprovalServer, type Org, quoteObject, QUOTE_FLOWS, accountObject, dealObject, setUpOrg, startApprovalServer } from './approval-server.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are dynamic JSON
type Json = Record<string, any>;
const HOUR = 3_600_000;
const kinds = await testDriverKinds();

describe.each(kinds)('approval flows on %s', (kind) => {
  let server: ApprovalServer;
  let org: Org;
  const call = async (who: string, method: string, path: string, body?: unknown) => {
    const token = who === 'tenant' ? org.tenantToken : org.tokens[who];
    return server.request<Json>(method, path, { token, ...(body === undefined ? {} : { body }) });
  };
  const ok = async (who: string, method: string, path: string, body?: unknown, status = 200): Promise<Json> => {
    const result = await call(who, method, path, body);
    expect(result.status, `${method} ${path}: ${result.text}`).toBe(status);
    return result.body;
  };
  const quote = async (body: Json = {}): Promise<string> =>
    (await ok('rep', 'POST', '/api/v1/objects/quote/records', { name: 'Q', amount: 500, discount: 10, ...body }, 201)).id;
  const submit = async (flow: string, body: Json = {}, who = 'rep'): Promise<Json> => {
    const recordId = body.recordId ?? (await quote(body.record ?? {}));
    return ok(who, 'POST', '/api/v1/approvals/requests', { object: 'quote', recordId, flow, ...(body.comment ? { comment: body.comment } : {}) }, 201);
  };
  const act = (who: string, id: string, action: string, body: Json = {}) => call(who, 'POST', `/api/v1/approvals/requests/${id}/${action}`, body);
  const approve = async (who: string, id: string, body: Json = {}) => {
    const result = await act(who, id, 'approve', body);
    expect(result.status, `${who} approves: ${result.text}`).toBe(200);
    return result.body;
  };
  const record = async (object: string, id: string) => ok('tenant', 'GET', `/api/v1/objects/${object}/records/${id}`);
  const openTasks = (request: Json) =>
    request.steps
      .at(-1)
      .tasks.filter((task: Json) => task.status === 'pending')
      .map((task: Json) => task.approverId ?? `queue:${task.queueId}`)
      .sort();
  const kindsOf = (request: Json) => request.history.map((event: Json) => event.kind);

  beforeAll(async () => {
    server = await startApprovalServer(kind);
    org = await setUpOrg(server, 'approvals');
  }, 120_000);
  afterAll(async () => server?.close());

  it("或签: the first approval decides, the other approvers' tasks are cancelled, and the final action runs", async () => {
    const request = await submit('any_flow', { comment: 'please' });
    expect(request).toMatchObject({
      status: 'pending',
      flow: 'any_flow',
      flowVersion: 1,
      currentStep: 'finance',
      comment: 'please',
      submittedBy: org.ids.rep,
      submitter: 'user:rep@example.com',
    });
    expect(request.steps).toEqual([expect.objectContaining({ step: 'finance', mode: 'any', required: 1, status: 'pending' })]);
    expect(openTasks(request)).toEqual([org.ids.finance1, org.ids.finance2, org.ids.finance3].sort());
    const done = await approve('finance2', request.id, { comment: 'fine' });
    expect(done.status).toBe('approved');
    expect(done.steps[0].tasks.map((task: Json) => [task.approverId, task.status]).sort()).toEqual(
      [org.ids.finance1, org.ids.finance2, org.ids.finance3].sort().map((id) => [id, id === org.ids.finance2 ? 'approved' : 'cancelled']),
    );
    expect(kindsOf(done)).toEqual(['submitted', 'step_started', 'task_approved', 'step_approved', 'approved']);
    expect(done.history[2]).toMatchObject({ actorId: org.ids.finance2, comment: 'fine' });
    expect((await record('quote', done.recordId)).status).toBe('approved');
    const late = await act('finance1', request.id, 'approve');
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'TSR555', errors: [{ path: '/status', code: 'TSR555', message: 'request is approved' }] });
  });

  it('或签: one rejection rejects and runs the rejection action', async () => {
    const request = await submit('any_flow');
    const rejected = await act('finance3', request.id, 'reject', { comment: 'too cheap' });
    expect(rejected.status, rejected.text).toBe(200);
    expect(rejected.body.status).toBe('rejected');
    expect(kindsOf(rejected.body)).toEqual(['submitted', 'step_started', 'task_rejected', 'step_rejected', 'rejected']);
    expect((await record('quote', request.recordId)).status).toBe('rejected');
  });

  it('会签: every approver must approve; one rejection rejects', async () => {
    const request = await submit('all_flow');
    expect(request.steps[0]).toMatchObject({ mode: 'all', required: 3 });
    expect((await approve('finance1', request.id)).status).toBe('pending');
    expect((await approve('finance2', request.id)).status).toBe('pending');
    const done = await approve('finance3', request.id);
    expect(done.status).toBe('approved');
    expect(done.steps[0].tasks.map((task: Json) => task.status)).toEqual(['approved', 'approved', 'approved']);

    const second = await submit('all_flow');
    await approve('finance1', second.id);
    const rejected = await act('finance2', second.id, 'reject');
    expect(rejected.body.status).toBe('rejected');
    expect(rejected.body.steps[0].tasks.map((task: Json) => task.status).sort()).toEqual(['approved', 'cancelled', 'rejected']);
  });

  it('ratio: 2 of 3 approve; a ratio step survives one rejection and fails on the second', async () => {
    const request = await submit('ratio_flow');
    expect(request.steps[0]).toMatchObject({ mode: 'ratio', required: 2 });
    const afterReject = await act('finance1', request.id, 'reject');
    expect(afterReject.body.status).toBe('pending');
    expect((await approve('finance2', request.id)).status).toBe('pending');
    expect((await approve('finance3', request.id)).status).toBe('approved');

    const second = await submit('ratio_flow');
    await act('finance1', second.id, 'reject');
    const rejected = await act('finance2', second.id, 'reject');
    expect(rejected.body.status).toBe('rejected');
    expect(rejected.body.steps[0].tasks.map((task: Json) => task.status).sort()).toEqual(['cancelled', 'rejected', 'rejected']);
  });

  it('resolves approvers by user, role, manager two levels up, owner field, lookup owner and queue', async () => {
    const account = (await ok('legal2', 'POST', '/api/v1/objects/account/records', { name: 'ACME' }, 201)).id;
    const request = await submit('resolution_flow', { record: { account } });
    expect(openTasks(request)).toEqual([org.ids.legal1]);
    let current = await approve('legal1', request.id);
    expect(current.currentStep).toBe('by_role');
    expect(openTasks(current)).toEqual([org.ids.finance1, org.ids.finance2, org.ids.finance3].sort());
    for (const who of ['finance1', 'finance2', 'finance3']) current = await approve(who, request.id);
    expect(current.currentStep).toBe('by_manager');
    expect(openTasks(current)).toEqual([org.ids.director]);
    current = await approve('director', request.id);
    expect(current.currentStep).toBe('by_owner');
    expect(openTasks(current)).toEqual([org.ids.rep]);
    current = await approve('rep', request.id);
    expect(current.currentStep).toBe('by_lookup');
    expect(openTasks(current)).toEqual([org.ids.legal2]);
    current = await approve('legal2', request.id);
    expect(current.currentStep).toBe('by_queue');
    const queueTask = current.steps.at(-1).tasks[0];
    expect(queueTask).toMatchObject({ approverId: null, queueId: expect.any(String), status: 'pending' });
    // Every member sees the queue task; one decides it for the queue.
    const legal1Inbox = await ok('legal1', 'GET', '/api/v1/approvals/inbox?box=pending');
    expect(legal1Inbox.data.filter((item: Json) => item.request.id === request.id)).toEqual([
      expect.objectContaining({ taskId: queueTask.id, viaQueue: true, step: 'by_queue' }),
    ]);
    const refused = await act('outsider', request.id, 'approve');
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'TSR556' });
    current = await approve('legal1', request.id);
    expect(current.status).toBe('approved');
    expect(current.steps.map((step: Json) => [step.step, step.status])).toEqual([
      ['by_user', 'approved'],
      ['by_role', 'approved'],
      ['by_manager', 'approved'],
      ['by_owner', 'approved'],
      ['by_lookup', 'approved'],
      ['by_queue', 'approved'],
    ]);
    expect(current.steps.at(-1).tasks[0]).toMatchObject({ status: 'approved', decidedBy: org.ids.legal1 });
  });

  it('skips a step whose criteria are false and runs it when they hold', async () => {
    const small = await submit('skip_flow', { record: { amount: 500 } });
    await approve('mgr', small.id);
    const after = await ok('rep', 'GET', `/api/v1/approvals/requests/${small.id}`);
    expect(after.steps.map((step: Json) => [step.step, step.status])).toEqual([
      ['manager', 'approved'],
      ['big_deal', 'skipped'],
      ['legal', 'pending'],
    ]);
    expect(kindsOf(after)).toContain('step_skipped');
    const big = await submit('skip_flow', { record: { amount: 5000 } });
    const next = await approve('mgr', big.id);
    expect(next.currentStep).toBe('big_deal');
  });

  it('rejects back to a named earlier step, which starts again; refuses a later or unknown step', async () => {
    const request = await submit('return_flow');
    await approve('mgr', request.id);
    await approve('finance1', request.id);
    const later = await act('legal1', request.id, 'reject', { to: 'legal' });
    expect(later.status).toBe(422);
    expect(later.body).toMatchObject({ code: 'TSR560', errors: [{ path: '/to', code: 'TSR560' }] });
    const back = await act('legal1', request.id, 'reject', { to: 'manager', comment: 'fix the terms' });
    expect(back.status, back.text).toBe(200);
    expect(back.body).toMatchObject({ status: 'pending', currentStep: 'manager' });
    expect(back.body.steps.map((step: Json) => [step.step, step.status])).toEqual([
      ['manager', 'approved'],
      ['finance', 'approved'],
      ['legal', 'rejected'],
      ['manager', 'pending'],
    ]);
    expect(kindsOf(back.body).slice(-4)).toEqual(['task_rejected', 'step_rejected', 'returned', 'step_started']);
    expect(back.body.history.find((event: Json) => event.kind === 'returned').detail).toEqual({ from: 'legal', to: 'manager' });
    await approve('mgr', request.id);
    await approve('finance2', request.id);
    expect((await approve('legal2', request.id)).status).toBe('approved');
  });

  it('recall: the submitter withdraws a pending request; others may not; nothing can be decided afterwards', async () => {
    const request = await submit('any_flow');
    const foreign = await act('finance1', request.id, 'recall');
    expect(foreign.status).toBe(403);
    expect(foreign.body).toMatchObject({ code: 'TSR557' });
    const recalled = await act('rep', request.id, 'recall', { comment: 'wrong price' });
    expect(recalled.status, recalled.text).toBe(200);
    expect(recalled.body.status).toBe('recalled');
    expect(recalled.body.steps[0].status).toBe('cancelled');
    expect(recalled.body.steps[0].tasks.map((task: Json) => task.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect(recalled.body.history.at(-1)).toMatchObject({ kind: 'recalled', comment: 'wrong price', actorId: org.ids.rep });
    expect((await act('finance1', request.id, 'approve')).body.code).toBe('TSR555');
    expect((await record('quote', request.recordId)).status).toBe('draft');
    // The record is free again: a new request may be submitted.
    await ok('rep', 'POST', '/api/v1/approvals/requests', { object: 'quote', recordId: request.recordId, flow: 'any_flow' }, 201);
  });

  it('reassign (转交): the task moves to another user, who decides; the old approver no longer can', async () => {
    const request = await submit('all_flow');
    const moved = await act('finance1', request.id, 'reassign', { userId: org.ids.legal2, comment: 'on leave' });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body.steps[0].tasks.map((task: Json) => [task.approverId, task.status, task.origin])).toEqual(
      expect.arrayContaining([
        [org.ids.finance1, 'reassigned', 'resolved'],
        [org.ids.legal2, 'pending', 'reassigned'],
      ]),
    );
    expect(moved.body.steps[0].required).toBe(3);
    expect((await act('finance1', request.id, 'approve')).body.code).toBe('TSR556');
    const twice = await act('finance2', request.id, 'reassign', { userId: org.ids.legal2 });
    expect(twice.status).toBe(422);
    expect(twice.body).toMatchObject({ code: 'TSR560', errors: [{ path: '/userId', code: 'TSR560', message: 'already an approver of this step' }] });
    const unknown = await act('finance2', request.id, 'reassign', { userId: '00000000-0000-7000-8000-000000000000' });
    expect(unknown.body).toMatchObject({ code: 'TSR560', errors: [{ path: '/userId' }] });
    await approve('legal2', request.id);
    await approve('finance2', request.id);
    expect((await approve('finance3', request.id)).status).toBe('approved');
  });

  it('add approver before (前加签): the added user decides first, then the adder', async () => {
    const request = await submit('any_flow');
    const added = await act('finance1', request.id, 'add-approver', { userId: org.ids.legal1, position: 'before', comment: 'legal should look' });
    expect(added.status, added.text).toBe(200);
    const tasks = added.body.steps[0].tasks;
    expect(tasks.find((task: Json) => task.approverId === org.ids.finance1)).toMatchObject({ status: 'waiting' });
    expect(tasks.find((task: Json) => task.approverId === org.ids.legal1)).toMatchObject({
      status: 'pending',
      base: false,
      origin: 'added_before',
      addedBy: org.ids.finance1,
    });
    const early = await act('finance1', request.id, 'approve');
    expect(early.status).toBe(403);
    expect(early.body).toMatchObject({ code: 'TSR556', errors: [{ message: 'you added an approver before yourself; they decide first' }] });
    const afterLegal = await approve('legal1', request.id);
    expect(afterLegal.status).toBe('pending');
    expect(afterLegal.steps[0].tasks.find((task: Json) => task.approverId === org.ids.finance1).status).toBe('pending');
    expect((await approve('finance1', request.id)).status).toBe('approved');
  });

  it('add approver after (后加签): the adder approves now and the step waits for the added user', async () => {
    const request = await submit('any_flow');
    const added = await act('finance2', request.id, 'add-approver', { userId: org.ids.legal2, position: 'after' });
    expect(added.status, added.text).toBe(200);
    expect(added.body.status).toBe('pending');
    expect(added.body.steps[0].tasks.find((task: Json) => task.approverId === org.ids.finance2).status).toBe('approved');
    const inbox = await ok('legal2', 'GET', '/api/v1/approvals/inbox?box=pending');
    expect(inbox.data.some((item: Json) => item.request.id === request.id)).toBe(true);
    expect((await approve('legal2', request.id)).status).toBe('approved');
    const self = await submit('any_flow');
    expect((await act('finance1', self.id, 'add-approver', { userId: org.ids.finance1, position: 'after' })).body.code).toBe('TSR560');
  });

  it("locks the record while pending: approvers edit only the step's fields, admins anything, others nothing", async () => {
    const request = await submit('discount_flow', { record: { discount: 30 } });
    const path = `/api/v1/objects/quote/records/${request.recordId}`;
    const byRep = await call('rep', 'PATCH', path, { note: 'sneaky' });
    expect(byRep.status).toBe(409);
    expect(byRep.body).toMatchObject({ code: 'TSR559', errors: [{ path: '', code: 'TSR559', message: `locked by approval request ${request.id}` }] });
    expect((await call('rep', 'DELETE', path)).body.code).toBe('TSR559');
    const byApproverWrongField = await call('mgr', 'PATCH', path, { note: 'x', discount: 25 });
    expect(byApproverWrongField.status).toBe(403);
    expect(byApproverWrongField.body).toMatchObject({
      code: 'TSR563',
      errors: [{ path: '/note', code: 'TSR563', message: 'not editable in the current approval step' }],
    });
    const byApprover = await call('mgr', 'PATCH', path, { discount: 25 });
    expect(byApprover.status, byApprover.text).toBe(200);
    expect((await call('boss', 'PATCH', path, { note: 'admin fix' })).status).toBe(200);
    // Editing while deciding: only editable fields.
    const wrong = await act('mgr', request.id, 'approve', { fields: { note: 'no' } });
    expect(wrong.body).toMatchObject({ code: 'TSR563', errors: [{ path: '/fields/note', code: 'TSR563' }] });
    const done = await approve('mgr', request.id, { fields: { discount: 15 }, comment: 'capped at 15' });
    expect(done.status).toBe('approved');
    const stored = await record('quote', request.recordId);
    expect(stored).toMatchObject({ discount: 15, note: 'admin fix', status: 'approved' });
    expect((await call('rep', 'PATCH', path, { note: 'free again' })).status).toBe(200);
  });

  it('refuses submits: entry criteria unmet, a second pending request, unknown flow, hidden record', async () => {
    const id = await quote({ discount: 0 });
    const unmet = await call('rep', 'POST', '/api/v1/approvals/requests', { object: 'quote', recordId: id, flow: 'discount_flow' });
    expect(unmet.status).toBe(422);
    expect(unmet.body).toMatchObject({ code: 'TSR553' });
    await ok('rep', 'POST', '/api/v1/approvals/requests', { object: 'quote', recordId: id, flow: 'any_flow' }, 201);
    const twice = await call('rep', 'POST', '/api/v1/approvals/requests', { object: 'quote', recordId: id, flow: 'all_flow' });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ code: 'TSR554', errors: [{ path: '/recordId', code: 'TSR554' }] });
    const unknown = await call('rep', 'POST', '/api/v1/approvals/requests', { object: 'quote', recordId: await quote(), flow: 'nope' });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'TSR551' });
    const missing = await call('rep', 'POST', '/api/v1/approvals/requests', {
      object: 'quote',
      recordId: '00000000-0000-7000-8000-000000000000',
      flow: 'any_flow',
    });
    expect(missing.body).toMatchObject({ code: 'TSR111' });
    const bad = await call('rep', 'POST', '/api/v1/approvals/requests', { object: 'quote', recordId: id, extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'TSR100', errors: [{ path: '/extra', code: 'TSR100', message: 'unknown property' }] });
  });

  it('a request finishes on the flow version it started with', async () => {
    const v1 = await submit('versioned_flow');
    expect(v1.flowVersion).toBe(1);
    const flows = QUOTE_FLOWS.map((flow) =>
      flow.apiName === 'versioned_flow'
        ? { ...flow, steps: [...flow.steps, { apiName: 'second', approvers: [{ type: 'user' as const, email: 'legal1@example.com' }] }] }
        : flow,
    );
    const applied = await call('tenant', 'POST', '/api/v1/metadata/apply', { objects: [accountObject, quoteObject(flows), dealObject] });
    expect(applied.status, applied.text).toBe(200);
    const v2 = await submit('versioned_flow');
    expect(v2.flowVersion).toBe(2);
    expect(v2.definition.steps.map((step: Json) => step.apiName)).toEqual(['first', 'second']);
    // The v1 request still has one step: approving it finishes it.
    expect((await approve('mgr', v1.id)).status).toBe('approved');
    expect((await approve('mgr', v2.id)).status).toBe('pending');
    expect((await approve('legal1', v2.id)).status).toBe('approved');
    const listed = await ok('tenant', 'GET', '/api/v1/approvals/flows/quote/versioned_flow');
    expect(listed.version).toBe(2);
    expect(listed.versions.map((version: Json) => [version.version, version.definition.steps.length])).toEqual([
      [1, 1],
      [2, 2],
    ]);
  });

  it('a pipeline stage gated by a flow moves only after approval, once, as the final action', async () => {
    const deal = (await ok('rep', 'POST', '/api/v1/objects/deal/records', { name: 'Big', discount: 12 }, 201)).id;
    const direct = await call('rep', 'PATCH', `/api/v1/objects/deal/records/${deal}`, { stage: 'won' });
    expect(direct.status).toBe(409);
    expect(direct.body).toMatchObject({ code: 'TSR535' });
    const request = await ok('rep', 'POST', '/api/v1/approvals/requests', { object: 'deal', recordId: deal, stage: 'won', comment: 'signed' }, 201);
    expect(request).toMatchObject({ flow: 'win', stageMove: { pipeline: 'sales', stage: 'won' } });
    const done = await approve('mgr', request.id);
    expect(done.status).toBe('approved');
    expect(await record('deal', deal)).toMatchObject({ stage: 'won', discount: 0 });
    const history = await ok('tenant', 'GET', `/api/v1/objects/deal/records/${deal}/stage-history`);
    expect(history.data[0]).toMatchObject({ from: 'open', to: 'won' });
    // The approval was used up: moving out and back in needs a new one.
    await ok('tenant', 'PATCH', `/api/v1/objects/deal/records/${deal}`, { stage: 'open' });
    expect((await call('tenant', 'PATCH', `/api/v1/objects/deal/records/${deal}`, { stage: 'won' })).body.code).toBe('TSR535');
    const notGated = await call('rep', 'POST', '/api/v1/approvals/requests', { object: 'deal', recordId: deal, stage: 'lost' });
    expect(notGated.body).toMatchObject({ code: 'TSR560', errors: [{ path: '/stage' }] });
  });

  it("inboxes, notifications, comments and the record's history with timings", async () => {
    const start = server.clock.now;
    const request = await submit('return_flow', { comment: 'go' });
    const pending = await ok('mgr', 'GET', '/api/v1/approvals/inbox?box=pending');
    expect(pending.data.find((item: Json) => item.request.id === request.id)).toMatchObject({
      step: 'manager',
      taskStatus: 'pending',
      stepStartedAt: new Date(start).toISOString(),
    });
    const notes = await ok('mgr', 'GET', '/api/v1/notifications?unread=true');
    const assigned = notes.data.find((note: Json) => note.requestId === request.id);
    expect(assigned).toMatchObject({ kind: 'approval.step_started', object: 'quote', recordId: request.recordId, readAt: null });
    expect((await ok('mgr', 'POST', `/api/v1/notifications/${assigned.id}/read`)).readAt).toBe(new Date(start).toISOString());
    expect((await call('rep', 'POST', `/api/v1/notifications/${assigned.id}/read`)).body.code).toBe('TSR561');
    server.clock.now += 2 * HOUR;
    await ok('outsider', 'POST', `/api/v1/approvals/requests/${request.id}/comment`, { comment: 'FYI' }, 201);
    await approve('mgr', request.id, { comment: 'ok' });
    server.clock.now += 30 * 60_000;
    await act('finance1', request.id, 'reject', { comment: 'no budget' });
    const decided = await ok('mgr', 'GET', '/api/v1/approvals/inbox?box=decided');
    expect(decided.data.find((item: Json) => item.request.id === request.id)).toMatchObject({
      taskStatus: 'approved',
      decisionComment: 'ok',
      decidedAt: new Date(start + 2 * HOUR).toISOString(),
    });
    const submitted = await ok('rep', 'GET', '/api/v1/approvals/inbox?box=submitted');
    expect(submitted.data.find((item: Json) => item.id === request.id)).toMatchObject({ status: 'rejected', seconds: 9_000 });
    const repNotes = await ok('rep', 'GET', '/api/v1/notifications');
    expect(repNotes.data.filter((note: Json) => note.requestId === request.id).map((note: Json) => note.kind)).toEqual([
      'approval.rejected',
      'approval.commented',
    ]);
    const unreadBefore = (await ok('rep', 'GET', '/api/v1/notifications?unread=true')).data.length;
    expect(unreadBefore).toBeGreaterThan(0);
    const markedAll = await ok('rep', 'POST', '/api/v1/notifications/read-all');
    expect(markedAll.data).toHaveLength(unreadBefore);
    // The OpenAPI document describes these responses as they are.
    const check = responseChecker(await ok('rep', 'GET', '/api/v1/openapi.json'));
    check('/api/v1/notifications', 'get', '200', repNotes);
    check('/api/v1/notifications/read-all', 'post', '200', markedAll);
    check('/api/v1/notifications/{id}/read', 'post', '200', await ok('mgr', 'POST', `/api/v1/notifications/${assigned.id}/read`));
    expect((await ok('rep', 'GET', '/api/v1/notifications?unread=true')).data).toEqual([]);
    expect((await call('rep', 'POST', '/api/v1/notifications/read-some')).body.code).toBe('TSR107');
    const history = await ok('rep', 'GET', `/api/v1/objects/quote/records/${request.recordId}/approvals`);
    expect(history.data).toHaveLength(1);
    const full = history.data[0];
    expect(full.steps.map((step: Json) => [step.step, step.status, step.seconds])).toEqual([
      ['manager', 'approved', 7_200],
      ['finance', 'rejected', 1_800],
    ]);
    expect(full.history.map((event: Json) => [event.kind, event.actor, event.comment])).toEqual([
      ['submitted', 'user:rep@example.com', 'go'],
      ['step_started', 'user:rep@example.com', null],
      ['commented', 'user:outsider@example.com', 'FYI'],
      ['task_approved', 'user:mgr@example.com', 'ok'],
      ['step_approved', 'user:mgr@example.com', null],
      ['step_started', 'user:mgr@example.com', null],
      ['task_rejected', 'user:finance1@example.com', 'no budget'],
      ['step_rejected', 'user:finance1@example.com', null],
      ['rejected', 'user:finance1@example.com', null],
    ]);
    expect(full.history.map((event: Json) => event.at)).toEqual([0, 0, 2, 2, 2, 2, 2.5, 2.5, 2.5].map((hours) => new Date(start + hours * HOUR).toISOString()));
    const inboxOfIntegration = await call('tenant', 'GET', '/api/v1/approvals/inbox');
    expect(inboxOfIntegration.body.code).toBe('TSR302');
    expect((await call('rep', 'GET', '/api/v1/approvals/inbox?box=all')).body).toMatchObject({ code: 'TSR102', errors: [{ path: 'box' }] });
  });

  it('falls back to the administrators when a step resolves to nobody', async () => {
    // The outsider has no manager: the manager step goes to the tenant's administrators.
    const id = await quote();
    const request = await ok('outsider', 'POST', '/api/v1/approvals/requests', { object: 'quote', recordId: id, flow: 'versioned_flow' }, 201);
    expect(request.steps[0].tasks.map((task: Json) => [task.approverId, task.origin])).toEqual([[org.ids.boss, 'fallback']]);
    expect(kindsOf(request)).toEqual(['submitted', 'fallback_approvers', 'step_started']);
  });

  it('refuses invalid flows at save time with JSON pointers', async () => {
    const bad = quoteObject([
      {
        apiName: 'broken',
        labels: { en: 'Broken' },
        entryCriteria: { '>': [{ var: 'nope' }, 1] },
        steps: [
          { apiName: 'a', approvers: [{ type: 'field', field: 'name' }], editableFields: ['ghost'], mode: 'ratio' },
          { apiName: 'a', approvers: [{ type: 'role', role: 'x' }], ratio: 0.5 },
        ],
        onApprove: [
          { type: 'setField', field: 'missing', value: 1 },
          { type: 'moveStage', stage: 'won' },
        ],
      },
    ]);
    const result = await call('tenant', 'POST', '/api/v1/metadata/validate', bad);
    expect(result.status).toBe(422);
    expect(result.body.errors.map((error: Json) => [error.path, error.code])).toEqual([
      ['/approvalFlows/0/entryCriteria/>/0/var', 'TSR550'],
      ['/approvalFlows/0/steps/0/mode', 'TSR550'],
      ['/approvalFlows/0/steps/0/approvers/0/field', 'TSR550'],
      ['/approvalFlows/0/steps/0/editableFields/0', 'TSR550'],
      ['/approvalFlows/0/steps/1/apiName', 'TSR550'],
      ['/approvalFlows/0/steps/1/ratio', 'TSR550'],
      ['/approvalFlows/0/onApprove/0/field', 'TSR550'],
      ['/approvalFlows/0/onApprove/1/stage', 'TSR550'],
    ]);
    const schemaBad = await call(
      'tenant',
      'POST',
      '/api/v1/metadata/validate',
      quoteObject([{ apiName: 'x', labels: { en: 'X' }, steps: [{ apiName: 's', approvers: [{ type: 'robot' }] }] } as never]),
    );
    expect(schemaBad.status).toBe(422);
    expect(schemaBad.body.code).toBe('TSR200');
    expect(schemaBad.body.errors).toEqual([expect.objectContaining({ path: '/approvalFlows/0/steps/0/approvers/0/type', code: 'TSR201' })]);
  });
});
