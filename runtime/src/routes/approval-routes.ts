// /approvals…: flows (with versions), requests (submit, read with history, approve, reject,
// recall, reassign, add-approver, comment), the caller's inbox, queues and the manager chain
// (administrators), webhook subscriptions (administrators); /objects/:object/records/:id/approvals;
// /notifications. Each handler: parse, build the approval context, run one engine operation, render.
import { Hono } from 'hono';
import type { Context } from 'hono';
import { listQueues, putQueue, setManager } from '../approvals/approval-admin.ts';
import type { ApprovalContext } from '../approvals/approval-context.ts';
import { addApprover, commentOn, decide, reassignTask, recallRequest, submitRequest } from '../approvals/approval-operations.ts';
import { findRequest, inbox, involvedIn, recordRequests, requestDetail } from '../approvals/approval-queries.ts';
import type { RequestRow } from '../approvals/approval-rows.ts';
import { currentFlowVersion, listFlowVersions } from '../approvals/flow-versions.ts';
import { requestNotFound } from '../approvals/lock-request.ts';
import { requestForReader } from '../approvals/request-view.ts';
import { assertMaySubmit } from '../approvals/submit-access.ts';
import { auditActor } from '../audit/audit-actor.ts';
import { ApiError } from '../core/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import { readJsonBody } from '../http/read-json-body.ts';
import { readBodyText } from '../http/request-body.ts';
import { listNotifications, markNotificationsRead } from '../notifications/notifications.ts';
import { checkWebhookTarget, WEBHOOK_ALLOW_ENV } from '../notifications/webhook-targets.ts';
import { createSubscription, deleteSubscription, listDeliveries, listSubscriptions } from '../notifications/webhooks.ts';
import { RecordService } from '../records/record-service.ts';
import { recordContext } from '../security/record-context.ts';
import { hiddenFields, redactDefinition } from '../security/redact-definition.ts';
import type { RouteDeps } from './route-deps.ts';

type Body = Record<string, unknown>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function approvalContext(c: Context<AppEnv>, deps: RouteDeps): ApprovalContext {
  const access = c.get('access');
  const catalog = c.get('catalog');
  const tenant = c.get('tenant');
  return {
    db: deps.database.db,
    catalog: catalog.unrestricted ?? catalog,
    schema: tenant.schema,
    tenant: tenant.slug,
    now: deps.clock ?? (() => new Date()),
    actor: { ...auditActor(access), admin: access.admin },
    requestId: c.get('requestId'),
    trackedFields: access.security.trackedFields,
  };
}

/** A JSON object body with only `allowed` keys; every problem at once (TSR100). */
async function readBody(c: Context<AppEnv>, allowed: readonly string[], required: readonly string[] = [], optional = false): Promise<Body> {
  const body = optional && (await readBodyText(c)).trim() === '' ? {} : await readJsonBody(c);
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new ApiError('TSR100', 'Send a JSON object.', [{ path: '', code: 'TSR100', message: 'must be an object' }]);
  const errors = [
    ...Object.keys(body)
      .filter((key) => !allowed.includes(key))
      .map((key) => ({ path: `/${key}`, code: 'TSR100' as const, message: 'unknown property' })),
    ...required.filter((key) => (body as Body)[key] === undefined).map((key) => ({ path: `/${key}`, code: 'TSR100' as const, message: 'is required' })),
  ];
  for (const key of ['comment', 'flow', 'object', 'recordId', 'to', 'stage', 'userId', 'taskId', 'position', 'label', 'url', 'secret']) {
    const value = (body as Body)[key];
    if (value !== undefined && (typeof value !== 'string' || value.length > 4000))
      errors.push({ path: `/${key}`, code: 'TSR100', message: 'must be a string of at most 4000 characters' });
  }
  if (errors.length > 0) throw new ApiError('TSR100', 'The request body is invalid; nothing was changed.', errors);
  return body as Body;
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function requireUser(c: Context<AppEnv>): string {
  const principal = c.get('access').principal;
  if (principal.kind !== 'user') throw new ApiError('TSR302', 'Only a signed-in user has an inbox and notifications.');
  return principal.userId;
}

function requireAdmin(c: Context<AppEnv>): void {
  if (!c.get('access').admin) throw new ApiError('TSR302', 'Only a tenant administrator may do this.');
}

function limitOf(c: Context<AppEnv>): number {
  const text = c.req.query('limit');
  if (text === undefined) return 50;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 200)
    throw new ApiError('TSR102', 'limit must be an integer from 1 to 200.', [{ path: 'limit', code: 'TSR102', message: 'must be 1–200' }]);
  return value;
}

export function approvalRoutes(deps: RouteDeps) {
  const routes = new Hono<AppEnv>();
  const db = deps.database.db;
  const records = (c: Context<AppEnv>) => new RecordService(db, c.get('catalog'), c.get('timer'), recordContext(c));

  /** The request if the caller may see it: administrators, its submitter, its approvers, and readers of its record. */
  const visibleRequest = async (c: Context<AppEnv>, id: string): Promise<RequestRow> => {
    const schema = c.get('tenant').schema;
    const request = await findRequest(db, schema, id);
    if (!request) throw requestNotFound(id);
    const access = c.get('access');
    if (access.admin || access.principal.kind !== 'user') return request;
    const userId = access.principal.userId;
    if (request.submitted_by === userId || (await involvedIn(db, schema, request.id, userId))) return request;
    try {
      const service = records(c);
      await service.get(service.object(request.object), request.record_id);
      return request;
    } catch {
      throw requestNotFound(id); // hidden exactly like a request that does not exist
    }
  };
  // Every rendered request goes through the reader's field permissions (request-view.ts).
  const render = async (c: Context<AppEnv>, request: RequestRow) =>
    requestForReader(await requestDetail(db, c.get('tenant').schema, request), c.get('catalog'));
  const detail = async (c: Context<AppEnv>, id: string) => render(c, (await findRequest(db, c.get('tenant').schema, id)) as RequestRow);

  routes.get('/flows', async (c) => {
    const ctx = approvalContext(c, deps);
    const data = [];
    for (const object of c.get('catalog').objects.values()) {
      for (const flow of object.definition.approvalFlows ?? []) {
        const version = await currentFlowVersion(db, ctx.schema, object.apiName, flow, ctx.catalog.revision);
        data.push({ object: object.apiName, version, ...redactDefinition(flow, hiddenFields(c.get('catalog'), object.apiName)) });
      }
    }
    return c.json({ data });
  });

  routes.get('/flows/:object/:flow', async (c) => {
    const ctx = approvalContext(c, deps);
    const object = c.get('catalog').objects.get(c.req.param('object'));
    const flow = object?.definition.approvalFlows?.find((candidate) => candidate.apiName === c.req.param('flow'));
    if (!object || !flow)
      throw new ApiError('TSR551', `There is no approval flow '${c.req.param('flow').slice(0, 80)}' on '${c.req.param('object').slice(0, 80)}'.`);
    const version = await currentFlowVersion(db, ctx.schema, object.apiName, flow, ctx.catalog.revision);
    const hidden = hiddenFields(c.get('catalog'), object.apiName);
    const versions = await listFlowVersions(db, ctx.schema, object.apiName, flow.apiName);
    return c.json({
      object: object.apiName,
      version,
      ...redactDefinition(flow, hidden),
      versions: versions.map((entry) => ({ ...entry, definition: redactDefinition(entry.definition, hidden) })),
    });
  });

  routes.post('/requests', async (c) => {
    const body = await readBody(c, ['object', 'recordId', 'flow', 'comment', 'stage'], ['object', 'recordId']);
    const service = records(c);
    const object = service.object(str(body.object) as string);
    // The submitter must see the record (404 like the record API) and may edit it (assertMaySubmit).
    const seen = await service.get(object, str(body.recordId) as string);
    await assertMaySubmit(db, object, JSON.parse(seen.json) as Body, str(body.stage));
    const id = await submitRequest(approvalContext(c, deps), {
      object: object.apiName,
      recordId: str(body.recordId) as string,
      ...(body.flow === undefined ? {} : { flow: str(body.flow) as string }),
      ...(body.comment === undefined ? {} : { comment: str(body.comment) as string }),
      ...(body.stage === undefined ? {} : { stage: str(body.stage) as string }),
    });
    return c.json(await detail(c, id), 201, { Location: `/api/v1/approvals/requests/${id}` });
  });

  routes.get('/requests/:id', async (c) => {
    const request = await visibleRequest(c, c.req.param('id'));
    return c.json(await render(c, request));
  });

  routes.post('/requests/:id/approve', async (c) => {
    const body = await readBody(c, ['comment', 'fields']);
    if (body.fields !== undefined && (typeof body.fields !== 'object' || body.fields === null || Array.isArray(body.fields))) {
      throw new ApiError('TSR100', 'fields must be an object of field values.', [{ path: '/fields', code: 'TSR100', message: 'must be an object' }]);
    }
    const id = c.req.param('id');
    await decide(approvalContext(c, deps), id, 'approve', {
      ...(body.comment === undefined ? {} : { comment: str(body.comment) }),
      ...(body.fields ? { fields: body.fields as Body } : {}),
    });
    return c.json(await detail(c, id));
  });

  routes.post('/requests/:id/reject', async (c) => {
    const body = await readBody(c, ['comment', 'to']);
    const id = c.req.param('id');
    await decide(approvalContext(c, deps), id, 'reject', {
      ...(body.comment === undefined ? {} : { comment: str(body.comment) }),
      ...(body.to === undefined ? {} : { to: str(body.to) }),
    });
    return c.json(await detail(c, id));
  });

  routes.post('/requests/:id/recall', async (c) => {
    const body = await readBody(c, ['comment'], [], true);
    const id = c.req.param('id');
    await recallRequest(approvalContext(c, deps), id, str(body.comment));
    return c.json(await detail(c, id));
  });

  routes.post('/requests/:id/reassign', async (c) => {
    const body = await readBody(c, ['userId', 'taskId', 'comment'], ['userId']);
    const id = c.req.param('id');
    await reassignTask(approvalContext(c, deps), id, {
      userId: body.userId,
      ...(body.taskId === undefined ? {} : { taskId: str(body.taskId) }),
      ...(body.comment === undefined ? {} : { comment: str(body.comment) }),
    });
    return c.json(await detail(c, id));
  });

  routes.post('/requests/:id/add-approver', async (c) => {
    const body = await readBody(c, ['userId', 'position', 'comment'], ['userId', 'position']);
    if (body.position !== 'before' && body.position !== 'after')
      throw new ApiError('TSR100', 'position must be "before" or "after".', [{ path: '/position', code: 'TSR100', message: 'must be before or after' }]);
    const id = c.req.param('id');
    await addApprover(approvalContext(c, deps), id, {
      userId: body.userId,
      position: body.position,
      ...(body.comment === undefined ? {} : { comment: str(body.comment) }),
    });
    return c.json(await detail(c, id));
  });

  routes.post('/requests/:id/comment', async (c) => {
    const body = await readBody(c, ['comment'], ['comment']);
    const request = await visibleRequest(c, c.req.param('id'));
    await commentOn(approvalContext(c, deps), request, str(body.comment) as string);
    return c.json(await render(c, request), 201);
  });

  routes.get('/inbox', async (c) => {
    const userId = requireUser(c);
    const box = c.req.query('box') ?? 'pending';
    if (box !== 'pending' && box !== 'decided' && box !== 'submitted')
      throw new ApiError('TSR102', 'box must be pending, decided or submitted.', [
        { path: 'box', code: 'TSR102', message: 'must be pending, decided or submitted' },
      ]);
    return c.json({ box, data: await inbox(db, c.get('tenant').schema, userId, box, limitOf(c)) });
  });

  // Queues: named groups whose members share one task per step (administrators).
  routes.get('/queues', async (c) => {
    requireAdmin(c);
    return c.json({ data: await listQueues(db, c.get('tenant').schema) });
  });

  routes.put('/queues/:name', async (c) => {
    requireAdmin(c);
    const body = await readBody(c, ['label', 'members'], ['members']);
    const name = c.req.param('name');
    const members = body.members;
    if (!/^[a-z][a-z0-9_]{0,62}$/.test(name))
      throw new ApiError('TSR100', 'A queue name is lower case letters, digits and _.', [{ path: 'name', code: 'TSR100', message: 'invalid queue name' }]);
    if (!Array.isArray(members) || !members.every((member) => typeof member === 'string' && UUID.test(member))) {
      throw new ApiError('TSR100', 'members must be a list of user ids.', [{ path: '/members', code: 'TSR100', message: 'must be user ids' }]);
    }
    await putQueue(db, c.get('tenant').schema, { name, label: str(body.label) ?? name, members });
    return c.json({ name, label: str(body.label) ?? name, members: [...new Set((members as string[]).map((member) => member.toLowerCase()))].sort() });
  });

  // The manager chain ("the submitter's manager N levels up"): each user's direct manager (administrators).
  routes.put('/managers/:userId', async (c) => {
    requireAdmin(c);
    const body = await readBody(c, ['managerId'], ['managerId']);
    const userId = c.req.param('userId');
    const managerId = body.managerId;
    if (managerId !== null && (typeof managerId !== 'string' || !UUID.test(managerId)))
      throw new ApiError('TSR100', 'managerId must be a user id or null.', [{ path: '/managerId', code: 'TSR100', message: 'must be a user id or null' }]);
    await setManager(db, c.get('tenant').schema, userId, managerId, UUID.test(userId));
    return c.json({ userId, managerId });
  });

  routes.get('/webhooks', async (c) => {
    requireAdmin(c);
    return c.json({ data: await listSubscriptions(db, c.get('tenant').schema) });
  });

  routes.post('/webhooks', async (c) => {
    requireAdmin(c);
    const body = await readBody(c, ['url', 'events', 'secret'], ['url', 'events']);
    const url = str(body.url) as string;
    const events = body.events;
    const errors = [];
    if (!/^https?:\/\/[^\s]+$/i.test(url)) errors.push({ path: '/url', code: 'TSR100' as const, message: 'must be an http(s) URL' });
    if (!Array.isArray(events) || events.length === 0 || !events.every((event) => typeof event === 'string' && /^(\*|approval\.[a-z_]+)$/.test(event))) {
      errors.push({ path: '/events', code: 'TSR100' as const, message: 'must list events such as "approval.approved" or "*"' });
    }
    if (errors.length > 0) throw new ApiError('TSR100', 'The webhook subscription is invalid.', errors);
    const target = await checkWebhookTarget(url);
    if (!target.ok)
      throw new ApiError('TSR318', `Webhooks may not target this address: the URL ${target.reason} (on-premise receivers: set ${WEBHOOK_ALLOW_ENV}).`, [
        { path: '/url', code: 'TSR318', message: target.reason },
      ]);
    const created = await createSubscription(db, c.get('tenant').schema, {
      url,
      events: events as string[],
      ...(body.secret === undefined ? {} : { secret: str(body.secret) as string }),
    });
    return c.json(created, 201);
  });

  routes.delete('/webhooks/:id', async (c) => {
    requireAdmin(c);
    const id = c.req.param('id');
    if (!UUID.test(id) || !(await deleteSubscription(db, c.get('tenant').schema, id)))
      throw new ApiError('TSR562', `Webhook subscription '${id.slice(0, 64)}' does not exist.`);
    return c.body(null, 204);
  });

  routes.get('/webhook-deliveries', async (c) => {
    requireAdmin(c);
    return c.json({ data: await listDeliveries(db, c.get('tenant').schema, limitOf(c)) });
  });

  return routes;
}

/** GET /objects/:object/records/:id/approvals: the record's requests, newest first, each with its history. */
export function recordApprovalRoutes(deps: RouteDeps) {
  const routes = new Hono<AppEnv>();
  const db = deps.database.db;
  routes.get('/:object/records/:id/approvals', async (c) => {
    const service = new RecordService(db, c.get('catalog'), c.get('timer'), recordContext(c));
    const object = service.object(c.req.param('object'));
    await service.get(object, c.req.param('id'));
    const requests = await recordRequests(db, c.get('tenant').schema, object.apiName, c.req.param('id'));
    return c.json({ data: requests.map((request) => requestForReader(request, c.get('catalog'))) });
  });
  return routes;
}

/** GET /notifications (`unread=true`), POST /notifications/:id/read, POST /notifications/read-all. */
export function notificationRoutes(deps: RouteDeps) {
  const routes = new Hono<AppEnv>();
  const db = deps.database.db;
  const now = () => (deps.clock ?? (() => new Date()))().toISOString();
  routes.get('/', async (c) => {
    const userId = requireUser(c);
    const unread = c.req.query('unread');
    if (unread !== undefined && unread !== 'true' && unread !== 'false')
      throw new ApiError('TSR102', 'unread must be true or false.', [{ path: 'unread', code: 'TSR102', message: 'must be true or false' }]);
    return c.json({ data: await listNotifications(db, c.get('tenant').schema, userId, { unread: unread === 'true', limit: limitOf(c) }) });
  });
  // `read-all` arrives as a parameter: Hono's RegExpRouter cannot hold a static `/read-all` beside
  // `/:id/read`, and one such pair makes the whole app fall back to the slower TrieRouter (~2% of
  // a GET's CPU in a profile).
  routes.post('/:action', async (c) => {
    if (c.req.param('action') !== 'read-all') throw new ApiError('TSR107', `No route for POST ${new URL(c.req.url).pathname}.`);
    const userId = requireUser(c);
    return c.json({ data: await markNotificationsRead(db, c.get('tenant').schema, userId, undefined, now()) });
  });
  routes.post('/:id/read', async (c) => {
    const userId = requireUser(c);
    const id = c.req.param('id');
    const changed = UUID.test(id) ? await markNotificationsRead(db, c.get('tenant').schema, userId, id, now()) : [];
    if (!changed[0]) throw new ApiError('TSR561', `Notification '${id.slice(0, 64)}' does not exist.`);
    return c.json(changed[0]);
  });
  return routes;
}
