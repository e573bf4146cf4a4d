// GET /objects/:object/records/:id/timeline: the record's activities, field history, stage moves
// and approvals merged newest first, cursor-paged (`limit` 1–100, default 50). A record the reader
// cannot see answers 404 exactly like a missing one (the records API's own get decides).
import { Hono } from 'hono';
import { ApiError } from '../core/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import { decodeCursor, encodeCursor } from '../records/cursor.ts';
import { RecordService } from '../records/record-service.ts';
import { recordContext } from '../security/record-context.ts';
import { recordTimeline } from '../timeline/record-timeline.ts';
import type { RouteDeps } from './route-deps.ts';

const CURSOR_SORT = 'timeline';

export function timelineRoutes(deps: RouteDeps) {
  const routes = new Hono<AppEnv>();
  const db = deps.database.db;
  routes.get('/:object/records/:id/timeline', async (c) => {
    const limit = parseLimit(c.req.query('limit'));
    const before = parseCursor(c.req.query('cursor'));
    const catalog = c.get('catalog');
    const service = new RecordService(db, catalog, c.get('timer'), recordContext(c));
    const object = service.object(c.req.param('object'));
    await service.get(object, c.req.param('id'));
    const page = await recordTimeline(db, catalog, object, c.req.param('id').toLowerCase(), { limit, ...(before ? { before } : {}) });
    const nextCursor = page.next ? encodeCursor({ sort: CURSOR_SORT, values: [page.next.at, page.next.id] }) : null;
    return c.json({ data: page.data, nextCursor });
  });
  return routes;
}

function parseLimit(text: string | undefined): number {
  const limit = text === undefined ? 50 : /^\d{1,3}$/.test(text) ? Number(text) : Number.NaN;
  if (limit >= 1 && limit <= 100) return limit;
  throw new ApiError('TSR102', 'limit must be an integer from 1 to 100.', [
    { path: 'limit', code: 'TSR102', message: 'limit must be an integer from 1 to 100' },
  ]);
}

function parseCursor(text: string | undefined): { at: string; id: string } | undefined {
  if (text === undefined) return undefined;
  const decoded = decodeCursor(text, CURSOR_SORT, 2);
  const [at, id] = decoded.ok ? decoded.value.values : [];
  const valid = typeof at === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(at) && typeof id === 'string' && /^[0-9a-f-]{36}$/.test(id);
  if (valid) return { at, id };
  throw new ApiError('TSR105', 'cursor is not a value this API returned.', [
    { path: 'cursor', code: 'TSR105', message: 'cursor is not a value this API returned' },
  ]);
}
