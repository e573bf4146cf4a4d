// GET /objects/:object/export?format=csv|xlsx&lang=zh-CN|en&fields=&filter=&sort=&view= (issue #20):
// the list as a file, streamed page by page (export/), with the list's filter, sort and the
// caller's row and field security. Problems (bad filter, unknown field) are answered before the
// first byte; the file downloads as <object>.csv / <object>.xlsx.
import { Readable } from 'node:stream';
import { Hono } from 'hono';
import { auditActor } from '../audit/audit-actor.ts';
import { parseExportRequest, startExport } from '../export/export-request.ts';
import type { AppEnv } from '../http/app-env.ts';
import { nodeResponse, sendNodeStream } from '../http/send-node-stream.ts';
import { ReadService } from '../records/read/read-service.ts';
import { withSavedView } from './record-routes.ts';
import type { RouteDeps } from './route-deps.ts';

export function exportRoutes(deps: RouteDeps) {
  const routes = new Hono<AppEnv>();
  routes.get('/:object/export', async (c) => {
    const catalog = c.get('catalog');
    const reader = new ReadService(deps.database.db, catalog, c.get('timer'), { clock: deps.clock, userId: auditActor(c.get('access')).id });
    const object = reader.object(c.req.param('object'));
    const own = c.req.query();
    const query = await withSavedView(c, deps, object.apiName, own);
    // A view's page size is not an export parameter (the export is every matching record); the
    // caller's own `limit` is refused as unknown.
    if (own.limit === undefined) delete query.limit;
    const output = await startExport(reader, object, parseExportRequest(object, query), deps.database.copyOut);
    const headers = {
      'content-type': output.contentType,
      'content-disposition': `attachment; filename="${output.fileName}"`,
      'cache-control': 'no-store',
    };
    const outgoing = nodeResponse(c);
    if (outgoing) return sendNodeStream(c, outgoing, output.stream, headers);
    return c.body(Readable.toWeb(output.stream) as ReadableStream, 200, headers);
  });
  return routes;
}
