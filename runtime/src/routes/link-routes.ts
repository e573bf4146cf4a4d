// POST and DELETE /objects/:object/records/:id/links/:field with {"ids": [...]}: add or remove
// links of one many-to-many field without sending the whole set. Both are idempotent (adding a
// link that exists or removing one that does not changes nothing) and run as a patch of the record
// (row access to edit it, read access to every id, field history, a new version); the answer is
// the record as a GET returns it.
import { MAX_LINKS_PER_FIELD, type ProblemDetail } from '@tessera/metadata';
import { type Context, Hono } from 'hono';
import { errorsToApiError } from '../core/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import { readJsonBody } from '../http/read-json-body.ts';
import { RecordService } from '../records/record-service.ts';
import { ruleLanguage } from '../rules/record-rules.ts';
import { recordContext } from '../security/record-context.ts';
import type { RouteDeps } from './route-deps.ts';

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The body's ids, lowercased and without repeats, or every problem at its path. */
export function parseLinkIds(body: unknown): { ids: string[] } | { problems: ProblemDetail[] } {
  const ids = (body as { ids?: unknown } | null)?.ids;
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > MAX_LINKS_PER_FIELD) {
    return { problems: [{ path: '/ids', code: 'TSR401', message: `must be a list of 1 to ${MAX_LINKS_PER_FIELD} record ids` }] };
  }
  const problems: ProblemDetail[] = [];
  ids.forEach((id, index) => {
    if (typeof id !== 'string' || !UUID.test(id)) problems.push({ path: `/ids/${index}`, code: 'TSR407', message: 'must be a record id (uuid)' });
  });
  return problems.length > 0 ? { problems } : { ids: [...new Set((ids as string[]).map((id) => id.toLowerCase()))] };
}

export function linkRoutes(deps: RouteDeps) {
  const routes = new Hono<AppEnv>();
  const change = (mode: 'add' | 'remove') => async (c: Context<AppEnv>) => {
    const records = new RecordService(deps.database.db, c.get('catalog'), c.get('timer'), {
      ...recordContext(c),
      rules: { clock: deps.clock, language: ruleLanguage(c.req.header('accept-language')) },
    });
    const object = records.object(c.req.param('object') as string);
    const parsed = parseLinkIds(await readJsonBody(c, { unstorableText: 'caller' }));
    if ('problems' in parsed) throw errorsToApiError('TSR400', 'The list of ids is invalid; nothing was saved.', parsed.problems);
    const updated = await records.changeLinks(object, c.req.param('id') as string, c.req.param('field') as string, { mode, ids: parsed.ids, path: '/ids' });
    return c.body(updated.json, 200, { ...JSON_TYPE, ETag: `"${updated.version}"` });
  };
  routes.post('/:object/records/:id/links/:field', change('add'));
  routes.delete('/:object/records/:id/links/:field', change('remove'));
  return routes;
}
