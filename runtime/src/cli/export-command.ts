// `tessera export --object X --tenant T [--format csv|xlsx] [--lang zh-CN|en] [--fields a,b]
// [--filter <JsonLogic>] [--sort -a,b] [--out file]`: the same streamed export as
// GET /objects/:object/export, as the tenant's integration (every record and field), written to
// a file or to standard output. With --json (and --out) it prints what was written.
import { createWriteStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CatalogCache } from '../catalog/catalog-cache.ts';
import { StageTimer } from '../core/stage-timer.ts';
import { parseExportRequest, startExport } from '../export/export-request.ts';
import { ReadService } from '../records/read/read-service.ts';
import { type CommandResult, withTenant } from './with-tenant.ts';

export interface ExportOptions {
  object: string;
  format?: string;
  lang?: string;
  fields?: string;
  filter?: string;
  sort?: string;
  out?: string;
}

export function exportCommand(tenantSlug: string, options: ExportOptions): Promise<CommandResult> {
  return withTenant(tenantSlug, async (database, tenant) => {
    const catalog = await new CatalogCache(database.db).get(tenant);
    const reader = new ReadService(database.db, catalog, new StageTimer(), { userId: null });
    const object = reader.object(options.object);
    const query: Record<string, string> = {};
    for (const key of ['format', 'lang', 'fields', 'filter', 'sort'] as const) if (options[key] !== undefined) query[key] = options[key] as string;
    const output = await startExport(reader, object, parseExportRequest(object, query), database.copyOut);
    let bytes = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        done(null, chunk);
      },
    });
    await pipeline(output.stream, counter, options.out ? createWriteStream(options.out) : process.stdout);
    const where = options.out ?? 'standard output';
    return { summary: `exported ${object.apiName} to ${where} (${bytes} bytes)`, data: { object: object.apiName, file: options.out ?? null, bytes } };
  });
}
