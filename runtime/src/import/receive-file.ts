// The uploaded file streamed to disk (import-files.ts), never held in memory, from either
//   - the raw body: text/csv, the XLSX type, or application/octet-stream with ?format=; or
//   - multipart/form-data: one `file` part, and the options as text fields or as one `options`
//     field holding a JSON object (parsed with busboy, which streams each part as it arrives).
// Over IMPORT_MAX_BYTES it is refused (413 TSR151) as the bytes arrive and the rest of the body is
// not read. Returns the file and the options the body carried (the route merges them over the query).
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebStream } from 'node:stream/web';
import type busboy from 'busboy';
import type { Context } from 'hono';
import { ApiError } from '../core/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import { ensureImportDir, uploadPath } from './import-files.ts';
import type { ImportFormat } from './read-rows.ts';
import type { ImportFile } from './run-import.ts';

/** 100 MB: the largest file (about 1,000,000 rows of a typical CRM export). */
export const IMPORT_MAX_BYTES = 100 * 1024 * 1024;
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** A multipart body's headers, boundaries and option fields on top of the file. */
const MULTIPART_OVERHEAD = 2 * 1024 * 1024;
/** The ceiling of an import request's body (the route's bodyLimit): the file plus a multipart envelope. */
export const IMPORT_BODY_MAX_BYTES = IMPORT_MAX_BYTES + MULTIPART_OVERHEAD;

export interface ReceivedImport {
  file: ImportFile;
  /** Options sent as multipart fields (empty for a raw body). */
  fields: Record<string, string>;
}

const typeOf = (header: string | undefined) => (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

function formatOfType(type: string): ImportFormat | undefined {
  if (type === 'text/csv' || type === 'application/csv' || type === 'text/plain') return 'csv';
  if (type === XLSX_TYPE) return 'xlsx';
  return undefined;
}

export function importFormat(c: Context<AppEnv>): ImportFormat {
  const named = c.req.query('format');
  const type = typeOf(c.req.header('content-type'));
  if (named === 'csv' || named === 'xlsx') return named;
  const format = formatOfType(type);
  if (format) return format;
  throw new ApiError(
    'TSR152',
    `Send the file as the body with content-type text/csv or ${XLSX_TYPE} (or ?format=csv|xlsx), or as the 'file' part of multipart/form-data; got '${type || 'none'}'.`,
    [{ path: '/content-type', code: 'TSR152', message: 'must be text/csv, the XLSX type or multipart/form-data' }],
  );
}

export async function receiveFile(c: Context<AppEnv>): Promise<ReceivedImport> {
  if (typeOf(c.req.header('content-type')) === 'multipart/form-data') return receiveMultipart(c);
  const format = importFormat(c);
  const declared = Number(c.req.header('content-length') ?? '0');
  if (declared > IMPORT_MAX_BYTES) throw tooLarge('');
  const body = c.req.raw.body;
  if (!body) throw new ApiError('TSR150', 'The request has no file: send it as the body.', [{ path: '', code: 'TSR150', message: 'empty body' }]);
  await ensureImportDir();
  const path = uploadPath(format);
  let size = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      done(size > IMPORT_MAX_BYTES ? tooLarge('') : null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(body as WebStream), limit, createWriteStream(path));
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
  if (size === 0) {
    await rm(path, { force: true });
    throw new ApiError('TSR150', 'The file is empty.', [{ path: '', code: 'TSR150', message: 'empty file' }]);
  }
  const name = c.req.query('fileName') ?? `upload.${format}`;
  return { file: { path, format, name: name.slice(0, 200), temporary: true }, fields: {} };
}

const multipartProblem = (path: string, message: string) =>
  new ApiError('TSR422', `The multipart upload is invalid: ${message}; nothing was imported.`, [{ path, code: 'TSR422', message }]);

async function receiveMultipart(c: Context<AppEnv>): Promise<ReceivedImport> {
  const declared = Number(c.req.header('content-length') ?? '0');
  if (declared > IMPORT_MAX_BYTES + MULTIPART_OVERHEAD) throw tooLarge('/file');
  const body = c.req.raw.body;
  if (!body) throw multipartProblem('/file', "no 'file' part");
  await ensureImportDir();
  const source = Readable.fromWeb(body as WebStream);
  const fields: Record<string, string> = {};
  const written: Array<Promise<ImportFile>> = [];
  let problem: ApiError | undefined;
  const refuse = (error: ApiError) => {
    problem ??= error;
  };
  // busboy is loaded by the first multipart upload, not at start.
  const { default: parse } = await import('busboy');
  let parser: busboy.Busboy;
  try {
    parser = parse({
      headers: { 'content-type': c.req.header('content-type') as string },
      defParamCharset: 'utf8',
      // files: 2 lets a second file part arrive so it can be named as the problem; 'parts' bounds the fields.
      limits: { files: 2, fileSize: IMPORT_MAX_BYTES, fields: 32, fieldSize: 1024 * 1024, parts: 40 },
    });
  } catch {
    throw multipartProblem('/content-type', 'multipart/form-data needs a boundary');
  }
  parser.on('field', (name: string, value: string, info: busboy.FieldInfo) => {
    if (info.valueTruncated) return refuse(multipartProblem(`/${name}`, 'a field may be at most 1 MB'));
    if (name !== 'options') {
      fields[name] = value;
      return;
    }
    try {
      const parsed = JSON.parse(value) as unknown;
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      // A JSON part may give the mapping as an object; the options parser reads every option as text.
      for (const [key, option] of Object.entries(parsed)) fields[key] = typeof option === 'string' ? option : JSON.stringify(option);
    } catch {
      refuse(multipartProblem('/options', "the 'options' part must be a JSON object"));
    }
  });
  parser.on('file', (name: string, stream: Readable, info: busboy.FileInfo) => {
    const format = formatOfType(info.mimeType.toLowerCase()) ?? formatOfName(info.filename) ?? formatOfName(`.${fields.format ?? c.req.query('format') ?? ''}`);
    if (name !== 'file') refuse(multipartProblem(`/${name}`, `unexpected file part '${name}' (send the file as the 'file' part)`));
    else if (written.length > 0) refuse(multipartProblem('/file', 'more than one file part; send one file per import'));
    else if (!format)
      refuse(
        new ApiError('TSR152', `The 'file' part must be a CSV or XLSX file; got '${info.mimeType}' named '${info.filename ?? ''}'.`, [
          { path: '/file', code: 'TSR152', message: 'must be text/csv or the XLSX type (or named .csv/.xlsx)' },
        ]),
      );
    if (problem || !format) {
      stream.resume();
      return;
    }
    written.push(writePart(stream, format, info.filename, () => source.destroy(tooLarge('/file'))));
  });
  parser.on('filesLimit', () => refuse(multipartProblem('/file', 'more than one file part; send one file per import')));
  parser.on('partsLimit', () => refuse(multipartProblem('', 'too many parts')));
  const parsed = await pipeline(source, parser).then(
    () => undefined,
    (error: unknown) => error,
  );
  const files = await Promise.allSettled(written);
  const kept = files.flatMap((file) => (file.status === 'fulfilled' ? [file.value] : []));
  const failure = parsed ?? problem ?? files.find((file) => file.status === 'rejected')?.reason;
  if (failure || kept.length !== 1) {
    for (const file of kept) await rm(file.path, { force: true });
    if (failure instanceof ApiError) throw failure;
    if (failure) throw multipartProblem('', 'the body is not valid multipart/form-data');
    throw multipartProblem('/file', "no 'file' part");
  }
  const file = kept[0] as ImportFile;
  const name = (fields.fileName ?? file.name).slice(0, 200);
  return { file: { ...file, name }, fields };
}

function formatOfName(name: string | undefined): ImportFormat | undefined {
  const lower = (name ?? '').toLowerCase();
  return lower.endsWith('.csv') ? 'csv' : lower.endsWith('.xlsx') ? 'xlsx' : undefined;
}

async function writePart(stream: Readable, format: ImportFormat, fileName: string | undefined, onTooLarge: () => void): Promise<ImportFile> {
  // No await before the pipeline: the part's bytes must not start flowing before it is attached.
  const path = uploadPath(format);
  let size = 0;
  const count = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      done(null, chunk);
    },
  });
  // busboy stops the part at the limit; the rest of the body is not worth reading.
  stream.on('limit', onTooLarge);
  try {
    await pipeline(stream, count, createWriteStream(path));
    if ((stream as Readable & { truncated?: boolean }).truncated) throw tooLarge('/file');
    if (size === 0) throw new ApiError('TSR150', 'The file is empty.', [{ path: '/file', code: 'TSR150', message: 'empty file' }]);
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
  return { path, format, name: fileName || `upload.${format}`, temporary: true };
}

function tooLarge(path: string): ApiError {
  return new ApiError('TSR151', `An import file may be at most ${IMPORT_MAX_BYTES / 1024 / 1024} MB.`, [
    { path, code: 'TSR151', message: `at most ${IMPORT_MAX_BYTES} bytes` },
  ]);
}
