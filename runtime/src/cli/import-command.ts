// `tessera import <file> --object X --tenant T [--mapping M] [--mode all-or-nothing|skip-bad-rows]
// [--duplicates skip|update|create] [--match-field F] [--lang en|zh] [--dry-run] [--json]`: the
// same import as POST /imports/:object, as the tenant's integration, reading the file in place.
// --mapping is a saved mapping's name, or a JSON object {"column": "field" | null}.
import { stat } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import { CatalogCache } from '../catalog/catalog-cache.ts';
import { ApiError } from '../core/api-error.ts';
import { checkMapping, parseImportOptions } from '../import/import-options.ts';
import { createImportRow, readImport } from '../import/import-store.ts';
import { resolveMapping, runImport } from '../import/run-import.ts';
import { type CommandResult, withTenant } from './with-tenant.ts';

export interface ImportCommandOptions {
  object: string;
  mapping?: string;
  mode?: string;
  duplicates?: string;
  matchField?: string;
  lang?: string;
  format?: string;
  dryRun: boolean;
}

export function importCommand(path: string, tenantSlug: string, options: ImportCommandOptions): Promise<CommandResult> {
  return withTenant(tenantSlug, async (database, tenant) => {
    const catalog = await new CatalogCache(database.db).get(tenant);
    const object = catalog.objects.get(options.object);
    if (!object) throw new ApiError('TSR110', `Object '${options.object}' does not exist.`);
    const file = resolve(path);
    if (!(await stat(file).catch(() => undefined))?.isFile())
      throw new ApiError('TSR150', `No file at ${file}.`, [{ path: '/file', code: 'TSR150', message: 'not found' }]);
    const format = options.format ?? extname(file).slice(1).toLowerCase();
    if (format !== 'csv' && format !== 'xlsx') throw new ApiError('TSR152', `Import a .csv or .xlsx file (or say --format csv|xlsx); got '${format}'.`);
    const query: Record<string, string> = { dryRun: String(options.dryRun) };
    if (options.mapping !== undefined) query[options.mapping.trim().startsWith('{') ? 'mapping' : 'savedMapping'] = options.mapping;
    if (options.mode !== undefined) query.mode = options.mode;
    if (options.duplicates !== undefined) query.duplicates = options.duplicates;
    if (options.matchField !== undefined) query.matchField = options.matchField;
    const parsed = parseImportOptions(object, query, options.lang?.startsWith('zh') ? 'zh' : 'en');
    const source = { path: file, format, name: basename(file), temporary: false } as const;
    const { headers, mapping } = await resolveMapping(database.db, object, source, parsed);
    checkMapping(object, mapping);
    const full = { ...parsed, mapping };
    const id = await createImportRow(database.db, catalog.schema, object.apiName, source.name, full, null);
    await runImport(
      database.db,
      catalog,
      { actor: { id: null, label: 'cli' } },
      object,
      id,
      source,
      headers,
      full,
      database.kind === 'pglite' ? 'one' : 'many',
    );
    const { report: _report, ...result } = await readImport(database.db, catalog.schema, id);
    const counts = result.counts ?? { create: 0, update: 0, skip: 0, error: 0 };
    const verb = parsed.dryRun ? 'dry run of' : result.status === 'done' ? 'imported' : 'nothing imported from';
    const summary = [
      `${verb} ${source.name} into ${object.apiName}: ${counts.create} to create, ${counts.update} to update, ${counts.skip} skipped, ${counts.error} with errors (import ${id})`,
      ...result.errors.slice(0, 20).map((error) => `  row ${error.row} ${error.column}: ${error.reason} (${JSON.stringify(error.value)})`),
    ].join('\n');
    return { summary, data: result as unknown as Record<string, unknown> };
  });
}
