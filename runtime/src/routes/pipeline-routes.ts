// Pipelines over HTTP: stage moves (POST …/records/:id/stage, the same check and history as a
// PATCH of the stage field), a record's stage history, and the board, funnel and forecast of an
// object's pipeline; plus /reminders (stale-record reminders of the caller, or everyone's for
// administrators). Each handler: resolve the object as the caller sees it, parse, run, render.
import { findStage, pipelineFor } from '@tessera/metadata';
import { Hono } from 'hono';
import type { Context } from 'hono';
import { ApiError, errorsToApiError } from '../core/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import { parseIfMatch } from '../http/if-match.ts';
import { readJsonBody } from '../http/read-json-body.ts';
import { parseListPlan } from '../records/read/parse-list.ts';
import { type RecordContext, RecordService } from '../records/record-service.ts';
import { readBoard } from '../pipelines/board-query.ts';
import { readForecast } from '../pipelines/forecast-query.ts';
import { readFunnel } from '../pipelines/funnel-query.ts';
import { choosePipeline, instantParameter, intParameter } from '../pipelines/pipeline-sql.ts';
import { listReminders, type ReminderQuery, setReminderDone } from '../pipelines/reminders.ts';
import { listStageHistory } from '../pipelines/stage-history.ts';
import { stageHistoryForReader } from '../pipelines/stage-history-view.ts';
import { ruleLanguage } from '../rules/record-rules.ts';
import { recordContext } from '../security/record-context.ts';
import type { RouteDeps } from './route-deps.ts';

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };
const DAY_MS = 86_400_000;

export function pipelineRoutes(deps: RouteDeps) {
  const routes = new Hono<AppEnv>();
  const db = deps.database.db;
  const now = () => (deps.clock ?? (() => new Date()))();
  const service = (c: Context<AppEnv>, stage?: RecordContext['stage']) =>
    new RecordService(db, c.get('catalog'), c.get('timer'), {
      ...recordContext(c),
      rules: { clock: deps.clock, language: ruleLanguage(c.req.header('accept-language')), confirmDuplicates: c.req.header('x-confirm-duplicates') === 'true' },
      ...(stage ? { stage } : {}),
    });
  /** The object as the caller sees it (rule context bound), its pipeline and the compiled filter. */
  const analysis = (c: Context<AppEnv>, allowed: readonly string[]) => {
    const query = c.req.query();
    const unknown = Object.keys(query).filter((name) => !allowed.includes(name));
    if (unknown.length > 0)
      throw new ApiError(
        'TSR102',
        `Unknown query parameter '${unknown[0]}'.`,
        unknown.map((name) => ({ path: name, code: 'TSR102', message: `unknown query parameter '${name}'` })),
      );
    const object = service(c).object(c.req.param('object') ?? '');
    const pipeline = choosePipeline(object, query.pipeline);
    const parsed = parseListPlan(query.filter === undefined ? {} : { filter: query.filter }, object);
    if (!parsed.ok) throw errorsToApiError(parsed.errors[0]?.code ?? 'TSR103', 'The filter is invalid.', parsed.errors);
    return { object, pipeline, filter: parsed.value.where, query };
  };

  routes.post('/:object/records/:id/stage', async (c) => {
    const body = await c.get('timer').time('parse', () => readJsonBody(c));
    const input = parseStageBody(body);
    const records = service(c, {
      requireMove: true,
      ...(input.comment === undefined ? {} : { comment: input.comment }),
      ...(input.reason === undefined ? {} : { reason: input.reason }),
    });
    const object = records.object(c.req.param('object'));
    if (!object.definition.pipelines)
      throw new ApiError('TSR538', `${object.apiName} has no pipeline.`, [{ path: '', code: 'TSR538', message: 'the object defines no pipeline' }]);
    const current = JSON.parse((await records.get(object, c.req.param('id'))).json) as Record<string, unknown>;
    const pipeline = pipelineFor(object.definition, current.record_type);
    if (!pipeline)
      throw new ApiError('TSR538', `No pipeline of ${object.apiName} applies to record type '${String(current.record_type)}'.`, [
        { path: '', code: 'TSR538', message: 'no pipeline for this record type' },
      ]);
    if (!findStage(pipeline, input.stage)) {
      const message = `'${input.stage.slice(0, 80)}' is not a stage of ${object.apiName} pipeline '${pipeline.apiName}'`;
      throw new ApiError('TSR537', `${message} (its stages: ${pipeline.stages.map((stage) => stage.value).join(', ')}); nothing was saved.`, [
        { path: `/${pipeline.stageField}`, code: 'TSR537', message },
      ]);
    }
    const patch: Record<string, unknown> = { [pipeline.stageField]: input.stage };
    if (input.reason !== undefined && pipeline.reasonField) patch[pipeline.reasonField] = input.reason;
    if (input.version !== undefined) patch.version = input.version;
    const updated = await records.patch(object, c.req.param('id'), patch, parseIfMatch(c.req.header('if-match')));
    return c.body(updated.json, 200, { ...JSON_TYPE, ETag: `"${updated.version}"` });
  });

  routes.get('/:object/records/:id/stage-history', async (c) => {
    const records = service(c);
    const object = records.object(c.req.param('object'));
    const limit = intParameter(c.req.query('limit'), 'limit', 100, 1, 200);
    await records.get(object, c.req.param('id')); // 404 exactly like the record API for hidden or missing records
    const data = await c.get('timer').time('db', () => listStageHistory(db, object.schema, object.apiName, c.req.param('id'), limit));
    return c.json({ data: stageHistoryForReader(data, c.get('catalog'), object.apiName) });
  });

  routes.get('/:object/board', async (c) => {
    const { object, pipeline, filter, query } = analysis(c, ['pipeline', 'filter', 'limit']);
    const limit = intParameter(query.limit, 'limit', 20, 0, 100);
    const stages = await c.get('timer').time('db', () => readBoard(db, object, { pipeline, filter, limit, now: now() }));
    return c.json({ object: object.apiName, pipeline: pipeline.apiName, amountField: pipeline.amountField, stages });
  });

  routes.get('/:object/funnel', async (c) => {
    const { object, pipeline, filter, query } = analysis(c, ['pipeline', 'filter', 'from', 'to']);
    const to = instantParameter(query.to, 'to', now().toISOString());
    const from = instantParameter(query.from, 'from', new Date(Date.parse(to) - 90 * DAY_MS).toISOString());
    const funnel = await c.get('timer').time('db', () => readFunnel(db, object, { pipeline, filter, from, to }));
    const won = funnel.byOwner.reduce((sum, owner) => sum + owner.won, 0);
    const lost = funnel.byOwner.reduce((sum, owner) => sum + owner.lost, 0);
    return c.json({
      object: object.apiName,
      pipeline: pipeline.apiName,
      from,
      to,
      stages: funnel.stages,
      won,
      lost,
      winRate: won + lost === 0 ? null : won / (won + lost),
      byOwner: funnel.byOwner,
    });
  });

  routes.get('/:object/forecast', async (c) => {
    const { object, pipeline, filter, query } = analysis(c, ['pipeline', 'filter', 'from', 'to']);
    const today = now();
    const monthStart = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1)).toISOString();
    const from = instantParameter(query.from, 'from', monthStart);
    const to = instantParameter(query.to, 'to', new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 12, 1)).toISOString());
    const months = await c.get('timer').time('db', () => readForecast(db, object, { pipeline, filter, from, to }));
    return c.json({ object: object.apiName, pipeline: pipeline.apiName, from, to, months });
  });

  return routes;
}

/** GET /reminders (the caller's; administrators: everyone's or `ownerId`'s), PATCH /reminders/:id `{"done"}`. */
export function reminderRoutes(deps: RouteDeps) {
  const routes = new Hono<AppEnv>();
  const db = deps.database.db;
  const mine = (c: Context<AppEnv>) => {
    const access = c.get('access');
    return access.principal.kind === 'user' && !access.admin ? access.principal.userId : undefined;
  };

  routes.get('/', async (c) => {
    const query = c.req.query();
    const unknown = Object.keys(query).filter((name) => !['status', 'ownerId', 'limit'].includes(name));
    if (unknown.length > 0)
      throw new ApiError('TSR102', `Unknown query parameter '${unknown[0]}'.`, [
        { path: unknown[0] ?? '', code: 'TSR102', message: 'unknown query parameter' },
      ]);
    const status = query.status ?? 'open';
    if (!['open', 'done', 'all'].includes(status))
      throw new ApiError('TSR102', 'status must be open, done or all.', [{ path: 'status', code: 'TSR102', message: 'must be open, done or all' }]);
    const limit = intParameter(query.limit, 'limit', 100, 1, 200);
    const owner = mine(c) ?? query.ownerId;
    if (owner !== undefined && !/^[0-9a-f-]{36}$/i.test(owner))
      throw new ApiError('TSR102', 'ownerId must be a user id.', [{ path: 'ownerId', code: 'TSR102', message: 'must be a user id' }]);
    const readable = [...c.get('catalog').objects.keys()];
    return c.json({ data: await listReminders(db, c.get('tenant').schema, { readable, owner, status: status as ReminderQuery['status'], limit }) });
  });

  routes.patch('/:id', async (c) => {
    const body = (await readJsonBody(c)) as { done?: unknown } | null;
    if (typeof body !== 'object' || body === null || typeof body.done !== 'boolean' || Object.keys(body).length !== 1) {
      throw new ApiError('TSR100', 'Send {"done": true} or {"done": false}.', [
        { path: '/done', code: 'TSR100', message: 'must be a boolean, the only property' },
      ]);
    }
    const id = c.req.param('id');
    const reminder = /^[0-9a-f-]{36}$/i.test(id) ? await setReminderDone(db, c.get('tenant').schema, id, body.done, mine(c)) : undefined;
    if (!reminder) throw new ApiError('TSR539', `Reminder '${id.slice(0, 64)}' does not exist.`);
    return c.json(reminder);
  });

  return routes;
}

interface StageBody {
  stage: string;
  reason?: string;
  comment?: string;
  version?: number;
}

function parseStageBody(body: unknown): StageBody {
  const problems: { path: string; code: 'TSR100'; message: string }[] = [];
  const input = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
  if (!input)
    throw new ApiError('TSR100', 'The body must be a JSON object {"stage", "reason"?, "comment"?}.', [
      { path: '', code: 'TSR100', message: 'must be an object' },
    ]);
  for (const key of Object.keys(input))
    if (!['stage', 'reason', 'comment', 'version'].includes(key)) problems.push({ path: `/${key}`, code: 'TSR100', message: `unknown property '${key}'` });
  if (typeof input.stage !== 'string' || input.stage === '') problems.push({ path: '/stage', code: 'TSR100', message: 'is required: the stage to move to' });
  for (const key of ['reason', 'comment'] as const) {
    const value = input[key];
    if (value !== undefined && (typeof value !== 'string' || value.length > 2000))
      problems.push({ path: `/${key}`, code: 'TSR100', message: 'must be text of at most 2000 characters' });
  }
  if (input.version !== undefined && !Number.isInteger(input.version)) problems.push({ path: '/version', code: 'TSR100', message: 'must be an integer' });
  if (problems.length > 0) throw new ApiError('TSR100', 'The stage move request is invalid.', problems);
  return input as unknown as StageBody;
}
