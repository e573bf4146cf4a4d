// /metadata…: read the live model, validate (dry run), plan, apply and revert changes, list revisions. An apply installs the
// freshly compiled catalog in this process at once; other processes hear the NOTIFY.
import { toApplicableDef } from '@tessera/metadata/packages';
import { type Context, Hono } from 'hono';
import { auditActor } from '../audit/audit-actor.ts';
import { ApiError } from '../core/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import { readJsonBody } from '../http/read-json-body.ts';
import { readBodyText } from '../http/request-body.ts';
import { parsePreviewRequest, previewCalendar } from '../calendars/preview-calendar.ts';
import { applyChange, applyMetadata, planMetadata } from '../migrate/apply-metadata.ts';
import { type ChangeRequest, parseChangeRequest, parseRevisionMatch, planBody } from '../migrate/change-request.ts';
import { listRevisions, loadRevision } from '../migrate/revisions.ts';
import { validationOracleWarnings } from '../security/validation-oracle.ts';
import type { RouteDeps } from './route-deps.ts';

export function metadataRoutes(deps: RouteDeps) {
  const routes = new Hono<AppEnv>();

  routes.get('/', (c) => {
    const catalog = c.get('catalog');
    // Calendars are the whole section apply takes back (`calendars: [...]`), as written.
    return c.json({ revision: catalog.revision, objects: catalog.snapshot.objects, calendars: catalog.snapshot.calendars ?? [] });
  });

  // `?as=definition` answers the ObjectDef that apply takes (storage names left out), so a client
  // can read an object, change it and send it back; without it, the normalised live form.
  routes.get('/objects/:object', (c) => {
    const object = c.get('catalog').snapshot.objects.find((candidate) => candidate.apiName === c.req.param('object'));
    if (!object) throw new ApiError('TSR110', `Object '${c.req.param('object')}' does not exist.`);
    const as = c.req.query('as');
    if (as !== undefined && as !== 'definition')
      throw new ApiError('TSR102', `'as' may only be 'definition', not '${as.slice(0, 40)}'.`, [
        { path: 'as', code: 'TSR102', message: "expected 'definition'" },
      ]);
    return c.json(as === 'definition' ? toApplicableDef(object) : object);
  });

  routes.post('/validate', async (c) => {
    const document = await c.get('timer').time('parse', () => readJsonBody(c));
    const outcome = await c.get('timer').time('db', () => applyMetadata(deps.database.db, c.get('tenant'), document, { author: 'api', dryRun: true }));
    return c.json({ valid: true, revision: outcome.revision, actions: outcome.actions });
  });

  // The reviewed plan: ordered steps with risk and row counts, and the hash an apply must quote.
  routes.post('/plan', async (c) => {
    const request = parseChangeRequest(await c.get('timer').time('parse', () => readJsonBody(c)));
    const plan = await c.get('timer').time('db', () => planMetadata(deps.database.db, c.get('tenant'), request.input));
    // Warnings do not block the apply: they tell the admin which permission sets could probe hidden fields.
    return c.json({ ...planBody(plan), warnings: validationOracleWarnings(plan.next, c.get('access').security.permissionSets.values()) });
  });

  // Setup's calendar editor: what a formula would answer on the draft calendar, before it is saved.
  routes.post('/calendars/preview', async (c) => {
    const request = parsePreviewRequest(await c.get('timer').time('parse', () => readJsonBody(c)));
    return c.json(await c.get('timer').time('db', () => previewCalendar(deps.database.db, request)));
  });

  routes.post('/apply', async (c) => {
    const request = parseChangeRequest(await c.get('timer').time('parse', () => readJsonBody(c)));
    return applyAndRespond(c, request);
  });

  routes.get('/revisions', async (c) => {
    const limit = boundedInteger(c.req.query('limit'), 'limit', 1, 500) ?? 50;
    const before = boundedInteger(c.req.query('before'), 'before', 1, 2 ** 31 - 1);
    const data = await c
      .get('timer')
      .time('db', () => listRevisions(deps.database.db, c.get('tenant').schema, { limit, ...(before === undefined ? {} : { before }) }));
    return c.json({ data });
  });

  routes.get('/revisions/:revision', async (c) => {
    const number = revisionParam(c.req.param('revision'));
    const revision = await c.get('timer').time('db', () => loadRevision(deps.database.db, c.get('tenant').schema, number));
    if (!revision) throw new ApiError('TSR223', `Revision ${number} does not exist.`);
    return c.json(revision);
  });

  // Revert = plan and apply the model of revision N like any other change.
  routes.post('/revisions/:revision/revert', async (c) => {
    const revertTo = revisionParam(c.req.param('revision'), 0);
    const text = await readBodyText(c);
    // The body is optional here: `{ planHash, allowDestructive }` when the revert is not safe.
    const options = text.trim() === '' ? {} : parseChangeRequest({ revertTo, ...parseJson(text) });
    return applyAndRespond(c, { ...options, input: { revertTo } });
  });

  async function applyAndRespond(c: Context<AppEnv>, request: ChangeRequest) {
    const tenant = c.get('tenant');
    const ifMatch = parseRevisionMatch(c.req.header('if-match'));
    const outcome = await c.get('timer').time('db', () =>
      applyChange(deps.database.changes, tenant, request.input, {
        author: 'api',
        audit: { event: 'revertTo' in request.input ? 'metadata.revert' : 'metadata.apply', actor: auditActor(c.get('access')), requestId: c.get('requestId') },
        ...(request.planHash === undefined ? {} : { planHash: request.planHash }),
        ...(request.allowDestructive ? { allowDestructive: true } : {}),
        ...(ifMatch === undefined ? {} : { ifMatch }),
      }),
    );
    c.header('ETag', `"${outcome.revision}"`);
    if (!outcome.changed) return c.json({ revision: outcome.revision, changed: false, actions: [] });
    deps.catalogs.installApplied(tenant, outcome);
    return c.json({
      revision: outcome.revision,
      changed: true,
      actions: outcome.actions,
      baseRevision: outcome.plan.baseRevision,
      planHash: outcome.plan.planHash,
      steps: outcome.plan.steps,
      ...(outcome.plan.revertTo === undefined ? {} : { revertedTo: outcome.plan.revertTo }),
    });
  }

  return routes;
}

function revisionParam(text: string, min = 1): number {
  const value = /^\d{1,9}$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= min))
    throw new ApiError('TSR223', `'${text.slice(0, 20)}' is not a revision number.`, [{ path: 'revision', code: 'TSR223', message: 'not a revision number' }]);
  return value;
}

function boundedInteger(text: string | undefined, name: string, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const value = /^\d{1,10}$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= min && value <= max))
    throw new ApiError('TSR102', `${name} must be an integer from ${min} to ${max}.`, [
      { path: name, code: 'TSR102', message: `integer from ${min} to ${max}` },
    ]);
  return value;
}

function parseJson(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new ApiError('TSR101', 'The body must be a JSON object such as {"planHash": "…", "allowDestructive": true}.');
}
