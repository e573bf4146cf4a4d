// Files of file and image fields (issue #21). POST /files?object=&field= takes the raw body
// (Content-Type, X-File-Name: the percent-encoded UTF-8 name), streamed and cut at the field's
// maxSizeMb (413 TSR171), typed by its bytes (upload-type.ts), scanned (file-scan.ts), stored, and
// answered 201 with the reference to write into the field. GET /files/:id is the file's
// metadata; GET /files/:id/content streams its bytes. One route for every field, before the record
// exists: a create form uploads first and saves the record with the ids.
import type { NormalisedField } from '@tessera/metadata';
import { Hono } from 'hono';
import { ApiError } from '../core/api-error.ts';
import { contentDisposition, uploadedName } from '../files/content-disposition.ts';
import { visibleFile } from '../files/file-access.ts';
import { ScannerFailedError } from '../files/file-scan.ts';
import { fileContent, type FileOptions, type StoredFile, storeFile } from '../files/file-storage.ts';
import { receiveUpload } from '../files/receive-upload.ts';
import { declaredType } from '../files/sniff-type.ts';
import { uploadType } from '../files/upload-type.ts';
import type { AppEnv } from '../http/app-env.ts';
import { problemResponse } from '../http/problem-response.ts';
import type { Context } from 'hono';
import type { RouteDeps } from './route-deps.ts';

type FileField = Extract<NormalisedField, { type: 'file' | 'image' }>;

const badUpload = (path: string, message: string) => new ApiError('TSR170', `Invalid upload: ${message}.`, [{ path, code: 'TSR170', message }]);

/** The file field an upload is for, as the caller may edit it (their catalog hides fields they may not see). */
function uploadField(c: Context<AppEnv>): FileField {
  const objectName = c.req.query('object');
  const fieldName = c.req.query('field');
  if (!objectName) throw badUpload('object', 'name the object: ?object=<api name>&field=<api name>');
  if (!fieldName) throw badUpload('field', 'name the file field: ?field=<api name>');
  const object = c.get('catalog').objects.get(objectName);
  if (!object) throw new ApiError('TSR110', `Object '${objectName}' does not exist.`);
  const field = object.columns.get(fieldName)?.field;
  if (field?.type !== 'file' && field?.type !== 'image') throw badUpload('field', `${objectName} has no file or image field '${fieldName}'`);
  const access = object.rowAccess;
  if (!object.writable.has(fieldName) || (access && !access.canCreate && !access.canEdit)) {
    throw new ApiError('TSR178', `You may not edit ${objectName}.${fieldName}, so you may not upload to it.`, [
      { path: 'field', code: 'TSR178', message: 'field not editable' },
    ]);
  }
  return field;
}

const fileJson = (file: StoredFile) => ({
  id: file.id,
  name: file.name,
  size: file.size,
  contentType: file.content_type,
  sha256: file.sha256,
  object: file.object,
  field: file.field,
  recordId: file.record_id,
  url: `/api/v1/files/${file.id}/content`,
});

export function fileRoutes(deps: RouteDeps & { files: FileOptions }) {
  const routes = new Hono<AppEnv>();
  const db = deps.database.db;
  const caller = (c: Context<AppEnv>) => {
    const access = c.get('access');
    return { id: access.principal.kind === 'user' ? access.principal.userId : null, admin: access.admin };
  };

  routes.post('/', async (c) => {
    const field = uploadField(c);
    const name = uploadedName(c.req.header('x-file-name'));
    if (!name) throw badUpload('x-file-name', 'send the file name in X-File-Name, percent-encoded UTF-8 (encodeURIComponent), 1–255 characters');
    let body: Awaited<ReturnType<typeof receiveUpload>>;
    try {
      body = await receiveUpload(c.req.raw.body, c.req.header('content-length'), field.apiName, field.maxSizeMb);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      // The rest of the body is never read: the connection closes, so a client cannot reuse a socket mid-body.
      const refused = problemResponse(c, error);
      refused.headers.set('connection', 'close');
      return refused;
    }
    const contentType = uploadType(field, declaredType(c.req.header('content-type')), body.bytes);
    if (deps.files.scanner) {
      const verdict = await deps.files.scanner.scan({ bytes: body.bytes, name, contentType, sha256: body.sha256 }).catch((error: unknown) => {
        if (error instanceof ScannerFailedError) throw new ApiError('TSR177', 'The virus scan is unavailable; the file was not stored. Try again later.');
        throw error;
      });
      if (!verdict.clean) {
        throw new ApiError('TSR174', `The virus scan refused the file: ${verdict.reason}`, [
          { path: `/${field.apiName}`, code: 'TSR174', message: verdict.reason },
        ]);
      }
    }
    const objectName = c.req.query('object') as string;
    const stored = await storeFile(db, c.get('catalog').schema, deps.files, {
      object: objectName,
      field: field.apiName,
      name,
      contentType,
      size: body.bytes.byteLength,
      sha256: body.sha256,
      createdBy: caller(c).id,
      bytes: body.bytes,
    });
    return c.json(fileJson(stored), 201);
  });

  routes.get('/:id', async (c) => c.json(fileJson(await visibleFile(db, c.get('catalog'), caller(c), c.req.param('id')))));

  routes.get('/:id/content', async (c) => {
    const catalog = c.get('catalog');
    const file = await visibleFile(db, catalog, caller(c), c.req.param('id'));
    const stream = await fileContent(db, catalog.schema, deps.files, file);
    return c.body(stream, 200, {
      'content-type': file.content_type,
      'content-length': String(file.size),
      'content-disposition': contentDisposition(file.name, file.content_type),
      'x-content-type-options': 'nosniff',
      // Even a file opened directly runs nothing: no scripts, no plugins, no same-origin access.
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
      'cache-control': 'private, no-cache',
      etag: `"${file.sha256}"`,
    });
  });
  return routes;
}
