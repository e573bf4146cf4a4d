// GET /objects/:object/export query → a checked export: format (csv | xlsx), language of headers
// and labels (zh-CN | en), and the list's filter, sort and fields (a saved view's already merged in
// by the route). Unknown parameters are refused (TSR144), like the list's, so a typo is not ignored.
import type { ProblemDetail } from '@tessera/metadata';
import type { CompiledObject } from '../catalog/catalog-types.ts';
import { errorsToApiError } from '../core/api-error.ts';
import type { ReadService } from '../records/read/read-service.ts';
import { defaultExportFields, type ExportColumn, type ExportLanguage, exportColumns } from './export-columns.ts';
import { exportPages, exportPlan, type ExportQuery } from './export-rows.ts';
import { exportCopySql } from './export-copy-sql.ts';
import { csvFromCopy, EXPORT_CONTENT_TYPES, type ExportFormat, exportStream } from './export-stream.ts';
import type { Readable } from 'node:stream';

const KNOWN = new Set(['format', 'lang', 'fields', 'filter', 'sort', 'view']);

export interface ExportRequest {
  format: ExportFormat;
  language: ExportLanguage;
  query: ExportQuery;
}

export function parseExportRequest(object: CompiledObject, query: Record<string, string | undefined>): ExportRequest {
  const errors: ProblemDetail[] = [];
  for (const key of Object.keys(query)) if (!KNOWN.has(key)) errors.push({ path: key, code: 'TSR144', message: 'unknown export parameter' });
  const format = (query.format ?? 'csv') as ExportFormat;
  if (format !== 'csv' && format !== 'xlsx') errors.push({ path: 'format', code: 'TSR144', message: 'must be csv or xlsx' });
  const language = (query.lang ?? 'en') as ExportLanguage;
  if (language !== 'en' && language !== 'zh-CN') errors.push({ path: 'lang', code: 'TSR144', message: 'must be zh-CN or en' });
  if (errors.length > 0) throw errorsToApiError('TSR144', 'The export request is invalid.', errors);
  // Field names are checked by the list parser (exportPlan) against the caller's view.
  const fields = query.fields ? query.fields.split(',').map((name) => name.trim()) : defaultExportFields(object);
  const expand = fields.filter((name) => {
    const type = object.columns.get(name)?.field?.type;
    return object.lookups.has(name) || type === 'user' || type === 'manytomany';
  });
  return {
    format,
    language,
    query: { fields, expand, ...(query.filter === undefined ? {} : { filter: query.filter }), ...(query.sort === undefined ? {} : { sort: query.sort }) },
  };
}

export interface ExportOutput {
  stream: Readable;
  contentType: string;
  fileName: string;
  columns: ExportColumn[];
}

/**
 * Checks the request (a problem is thrown before any byte is written), then streams it. A CSV on
 * PostgreSQL (`copyOut` given) is one COPY whose cells PostgreSQL renders (export-copy-sql.ts);
 * XLSX, and CSV on PGlite, read the list page by page and render cells in Node.
 */
export async function startExport(
  reader: ReadService,
  object: CompiledObject,
  request: ExportRequest,
  copyOut?: (statement: string) => Promise<Readable>,
): Promise<ExportOutput> {
  const catalog = reader.catalog;
  const first = exportPlan(object, request.query);
  const columns = exportColumns(catalog, object, request.query.fields, request.language);
  const stream =
    request.format === 'csv' && copyOut
      ? csvFromCopy(columns, await copyOut(exportCopySql(catalog, object, first, request.query.fields, request.language)))
      : exportStream(request.format, columns, exportPages(reader, object, request.query, first), object.apiName);
  return { stream, contentType: EXPORT_CONTENT_TYPES[request.format], fileName: `${object.apiName}.${request.format}`, columns };
}
