// Import of CSV and XLSX files (issue #20), under /api/v1/imports (its own body limit: files up to
// IMPORT_MAX_BYTES, where /objects/* allows 1 MB). Uploads are the raw body or multipart/form-data
// (receive-file.ts):
//   POST /imports/:object/preview             the file → its columns, the automatic mapping, 5 rows
//   POST /imports/:object?dryRun=&mode=&duplicates=&matchField=&mapping=&savedMapping=&saveMapping=&wait=
//        the file → a dry run report (200), or a job (202; 200 with wait=true when finished)
//   GET  /imports?object=&dryRuns=&limit=     the import history of the objects the caller may see
//   GET  /imports/:id                         status, progress, counts, first errors
//   POST /imports/:id/rerun?wait=             an interrupted (or never started) import's kept file, run again
//   GET  /imports/:id/errors.csv              every kept error (row, column, value, reason)
//   POST /imports/:id/undo                    created records deleted, updated ones restored
//   GET  /imports/:object/mappings            saved column mappings
//   PUT  /imports/:object/mappings/:name      {mapping} saved for reuse
import { rm } from 'node:fs/promises';
import type { ColumnMapping } from '@tessera/metadata';
import { matchColumns, type ProblemDetail } from '@tessera/metadata';
import { type Context, Hono } from 'hono';
import type { CompiledObject } from '../catalog/catalog-types.ts';
import { ApiError } from '../core/api-error.ts';
import { CSV_BOM, csvLine } from '../export/csv-text.ts';
import type { AppEnv } from '../http/app-env.ts';
import { readJsonBody } from '../http/read-json-body.ts';
import { checkMapping, type ImportOptions, parseImportOptions } from '../import/import-options.ts';
import { keepFile, keptFile, moveKeptFile } from '../import/import-files.ts';
import { createImportRow, isInterruption, listImports, listMappings, readImport, saveMapping } from '../import/import-store.ts';
import { readRows } from '../import/read-rows.ts';
import { receiveFile } from '../import/receive-file.ts';
import { type ImportFile, resolveMapping, runImport } from '../import/run-import.ts';
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
  const objectOf = (c: Context<AppEnv>, named?: string) => {
    const name = named ?? c.req.param('object') ?? '';
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
    const { file } = await receiveFile(c);
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
    // Options in the query are checked before the upload is read; multipart fields after it.
    parseImportOptions(object, c.req.query(), language(c));
    const received = await receiveFile(c);
    let started = false;
    try {
      const options = parseImportOptions(object, { ...c.req.query(), ...received.fields }, language(c));
      const { headers, mapping } = await resolveMapping(db, object, received.file, options);
      checkMapping(object, mapping);
      if (!Object.values(mapping).some((field) => field !== null)) {
        throw new ApiError('TSR150', 'No column of the file maps to a field; map at least one.', [
          { path: '/mapping', code: 'TSR150', message: 'no mapped column' },
        ]);
      }
      const schema = c.get('catalog').schema;
      if (options.saveMapping) await saveMapping(db, schema, object.apiName, options.saveMapping, mapping);
      const full: ImportOptions & { mapping: ColumnMapping } = { ...options, mapping };
      const id = await createImportRow(db, schema, object.apiName, received.file.name, full, recordContext(c).actor?.id ?? null);
      const file = await keepFile(received.file, schema, id);
      started = true;
      return await start(c, object, id, file, headers, full, options.dryRun || (received.fields.wait ?? c.req.query('wait')) === 'true');
    } finally {
      if (!started) await rm(received.file.path, { force: true });
    }
  });

  /** Runs a queued import: answered when finished (dry runs, wait=true) or at once with 202. */
  const start = async (
    c: Context<AppEnv>,
    object: CompiledObject,
    id: string,
    file: ImportFile,
    headers: string[],
    full: ImportOptions & { mapping: ColumnMapping },
    wait: boolean,
  ) => {
    const schema = c.get('catalog').schema;
    const job = runImport(db, c.get('catalog'), context(c), object, id, file, headers, full, deps.database.kind === 'pglite' ? 'one' : 'many');
    if (wait) {
      await job;
      return c.body(JSON.stringify(await viewOf(schema, await readImport(db, schema, id))), 200, JSON_TYPE);
    }
    // The job outlives the request; its outcome (or failure) is in the import's row.
    job.catch(() => undefined);
    return c.body(JSON.stringify(await viewOf(schema, await readImport(db, schema, id))), 202, { ...JSON_TYPE, location: `/api/v1/imports/${id}` });
  };

  routes.get('/', async (c) => {
    const catalog = c.get('catalog');
    const limit = Number(c.req.query('limit') ?? '50');
    const object = c.req.query('object');
    const problems: ProblemDetail[] = [];
    const bad = (path: string, message: string) => problems.push({ path, code: 'TSR150', message });
    if (!(Number.isInteger(limit) && limit >= 1 && limit <= 200)) bad('/limit', 'must be an integer 1-200');
    if (object !== undefined && !catalog.objects.has(object)) bad('/object', `no object ${object.slice(0, 64)}`);
    if (!['true', 'false', undefined].includes(c.req.query('dryRuns'))) bad('/dryRuns', 'must be true or false');
    if (problems.length > 0) throw new ApiError('TSR150', 'The import history request is invalid.', problems);
    const entries = await listImports(db, catalog.schema, [...catalog.objects.keys()], {
      ...(object ? { object } : {}),
      dryRuns: c.req.query('dryRuns') === 'true',
      limit,
    });
    const data = [];
    for (const { hasFile: _hasFile, ...entry } of entries) {
      const canRerun = entry.status === 'failed' && entry.failure !== null && (await keptFile(catalog.schema, entry.id, entry.fileName)) !== undefined;
      data.push({ ...entry, canRerun });
    }
    return c.json({ data });
  });

  routes.post('/:id/rerun', async (c) => {
    const found = await importOf(c);
    const schema = c.get('catalog').schema;
    const refuse = (why: string) =>
      new ApiError('TSR421', `Import ${found.id} cannot be run again: ${why}.`, [{ path: '/status', code: 'TSR421', message: why }]);
    if (found.status !== 'failed' || found.failure === null)
      throw refuse(`it ${found.status === 'failed' ? 'failed on its rows: fix the file and import it again' : `is ${found.status}`}`);
    const kept = await keptFile(schema, found.id, found.fileName);
    if (!kept) throw refuse('its uploaded file is no longer kept; upload it again');
    const object = objectOf(c, found.object);
    const stored = found.options as unknown as ImportOptions & { mapping: ColumnMapping };
    // The caller's rights now, not the first run's: the mapping is checked again.
    checkMapping(object, stored.mapping);
    const full = { ...stored, dryRun: false, language: language(c) };
    const id = await createImportRow(db, schema, object.apiName, found.fileName, full, recordContext(c).actor?.id ?? null);
    const file = await moveKeptFile(kept, schema, id);
    const { headers } = await resolveMapping(db, object, file, full);
    return start(c, object, id, file, headers, full, c.req.query('wait') === 'true');
  });

  /** GET /imports/:id's body: the stored view, whether it was interrupted and whether it can run again. */
  const viewOf = async (schema: string, found: Awaited<ReturnType<typeof readImport>>) => {
    const interrupted = isInterruption(found.failure);
    const canRerun = found.status === 'failed' && found.failure !== null && (await keptFile(schema, found.id, found.fileName)) !== undefined;
    return { ...view(found), interrupted, canRerun };
  };

  routes.get('/:id', async (c) => c.body(JSON.stringify(await viewOf(c.get('catalog').schema, await importOf(c))), 200, JSON_TYPE));

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
    return c.json({ ...outcome, import: await viewOf(c.get('catalog').schema, await readImport(db, c.get('catalog').schema, found.id)) });
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
