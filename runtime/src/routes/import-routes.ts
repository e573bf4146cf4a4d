// Import of CSV and XLSX files (issue #20), under /api/v1/imports (its own body limit: files up to
// IMPORT_MAX_BYTES, where /objects/* allows 1 MB):
//   POST /imports/:object/preview             the file → its columns, the automatic mapping, 5 rows
//   POST /imports/:object?dryRun=&mode=&duplicates=&matchField=&mapping=&savedMapping=&saveMapping=&wait=
//        the file → a dry run report (200), or a job (202; 200 with wait=true when finished)
//   GET  /imports/:id                         status, progress, counts, first errors
//   GET  /imports/:id/errors.csv              every kept error (row, column, value, reason)
//   POST /imports/:id/undo                    created records deleted, updated ones restored
//   GET  /imports/:object/mappings            saved column mappings
//   PUT  /imports/:object/mappings/:name      {mapping} saved for reuse
import { rm } from 'node:fs/promises';
import type { ColumnMapping } from '@tessera/metadata';
import { matchColumns } from '@tessera/metadata';
import { type Context, Hono } from 'hono';
import { ApiError } from '../core/api-error.ts';
import { CSV_BOM, csvLine } from '../export/csv-text.ts';
import type { AppEnv } from '../http/app-env.ts';
import { readJsonBody } from '../http/read-json-body.ts';
import { checkMapping, type ImportOptions, parseImportOptions } from '../import/import-options.ts';
import { createImportRow, listMappings, readImport, saveMapping } from '../import/import-store.ts';
import { readRows } from '../import/read-rows.ts';
import { receiveFile } from '../import/receive-file.ts';
import { resolveMapping, runImport } from '../import/run-import.ts';
import { undoImport } from '../import/undo-import.ts';
import type { RecordContext } from '../records/record-service.ts';
import { ruleLanguage } from '../rules/record-rules.ts';
import { recordContext } from '../security/record-context.ts';
import type { RouteDeps } from './route-deps.ts';

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };

export function importRoutes(deps: RouteDeps) {
  const routes = new Hono<AppEnv>();
  const db = deps.database.db;
  const language = (c: Context<AppEnv>) => {
    const lang = c.req.query('lang');
    return lang?.startsWith('zh') ? 'zh' : lang === 'en' ? 'en' : ruleLanguage(c.req.header('accept-language'));
  };
  const context = (c: Context<AppEnv>): RecordContext => ({ ...recordContext(c), rules: { clock: deps.clock, language: language(c) } });
  const objectOf = (c: Context<AppEnv>) => {
    const name = c.req.param('object') ?? '';
    const object = c.get('catalog').objects.get(name);
    if (!object) throw new ApiError('TSR110', `Object '${name}' does not exist.`);
    return object;
  };
  /** The import, if the caller can see its object (imports of hidden objects answer like missing ones). */
  const importOf = async (c: Context<AppEnv>) => {
    const found = await readImport(db, c.get('catalog').schema, c.req.param('id') ?? '');
    if (!c.get('catalog').objects.has(found.object)) throw new ApiError('TSR156', `Import ${found.id} does not exist.`);
    return found;
  };

  routes.post('/:object/preview', async (c) => {
    const object = objectOf(c);
    const file = await receiveFile(c);
    try {
      const rows: string[][] = [];
      for await (const row of readRows(file.path, file.format)) {
        rows.push(row);
        if (rows.length > 5) break;
      }
      const columns = (rows[0] ?? []).map((cell) => cell.trim());
      return c.json({ columns, mapping: matchColumns(columns, object.definition.fields), rows: rows.slice(1) });
    } finally {
      await rm(file.path, { force: true });
    }
  });

  routes.post('/:object', async (c) => {
    const object = objectOf(c);
    const options = parseImportOptions(object, c.req.query(), language(c));
    const file = await receiveFile(c);
    let started = false;
    try {
      const { headers, mapping } = await resolveMapping(db, object, file, options);
      checkMapping(object, mapping);
      if (!Object.values(mapping).some((field) => field !== null)) {
        throw new ApiError('TSR150', 'No column of the file maps to a field; map at least one.', [
          { path: '/mapping', code: 'TSR150', message: 'no mapped column' },
        ]);
      }
      const schema = c.get('catalog').schema;
      if (options.saveMapping) await saveMapping(db, schema, object.apiName, options.saveMapping, mapping);
      const full: ImportOptions & { mapping: ColumnMapping } = { ...options, mapping };
      const id = await createImportRow(db, schema, object.apiName, file.name, full, recordContext(c).actor?.id ?? null);
      const job = runImport(db, c.get('catalog'), context(c), object, id, file, headers, full, deps.database.kind === 'pglite' ? 'one' : 'many');
      started = true;
      if (options.dryRun || c.req.query('wait') === 'true') {
        await job;
        return c.body(JSON.stringify(view(await readImport(db, schema, id))), 200, JSON_TYPE);
      }
      // The job outlives the request; its outcome (or failure) is in the import's row.
      job.catch(() => undefined);
      return c.body(JSON.stringify(view(await readImport(db, schema, id))), 202, { ...JSON_TYPE, location: `/api/v1/imports/${id}` });
    } finally {
      if (!started) await rm(file.path, { force: true });
    }
  });

  routes.get('/:id', async (c) => c.body(JSON.stringify(view(await importOf(c))), 200, JSON_TYPE));

  routes.get('/:id/errors.csv', async (c) => {
    const found = await importOf(c);
    const zh = language(c) === 'zh';
    const header = zh ? ['行', '列', '值', '原因'] : ['row', 'column', 'value', 'reason'];
    const lines = (found.report?.errors ?? []).map((error) => csvLine([error.row, error.column, error.value, error.reason]));
    return c.body(`${CSV_BOM}${csvLine(header)}${lines.join('')}`, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="import-${found.id}-errors.csv"`,
    });
  });

  routes.post('/:id/undo', async (c) => {
    const found = await importOf(c);
    const outcome = await undoImport(db, c.get('catalog'), context(c), c.get('catalog').schema, found.id);
    return c.json({ ...outcome, import: view(await readImport(db, c.get('catalog').schema, found.id)) });
  });

  routes.get('/:object/mappings', async (c) => c.json({ data: await listMappings(db, c.get('catalog').schema, objectOf(c).apiName) }));

  routes.put('/:object/mappings/:name', async (c) => {
    const object = objectOf(c);
    const name = c.req.param('name');
    const body = (await readJsonBody(c)) as { mapping?: unknown } | null;
    const mapping = body && typeof body === 'object' ? body.mapping : undefined;
    const options = parseImportOptions(object, { saveMapping: name, ...(mapping === undefined ? {} : { mapping: JSON.stringify(mapping) }) }, language(c));
    if (!options.mapping)
      throw new ApiError('TSR150', 'Send {"mapping": {"column": "field" | null}}.', [{ path: '/mapping', code: 'TSR150', message: 'required' }]);
    checkMapping(object, options.mapping);
    await saveMapping(db, c.get('catalog').schema, object.apiName, name, options.mapping);
    return c.json({ name, mapping: options.mapping });
  });

  return routes;
}

const view = ({ report: _report, ...rest }: Awaited<ReturnType<typeof readImport>>) => rest;
