// The uploaded file (the request body: text/csv, the XLSX type, or application/octet-stream with
// ?format=) streamed to a temporary file, never held in memory; over IMPORT_MAX_BYTES it is
// refused (413 TSR151) as the bytes arrive. The job reads the file back in chunks and removes it.
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Context } from 'hono';
import { ApiError } from '../core/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import type { ImportFile } from './run-import.ts';

/** 100 MB: the largest file (about 1,000,000 rows of a typical CRM export). */
export const IMPORT_MAX_BYTES = 100 * 1024 * 1024;
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function importFormat(c: Context<AppEnv>): 'csv' | 'xlsx' {
  const named = c.req.query('format');
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (named === 'csv' || named === 'xlsx') return named;
  if (type === 'text/csv' || type === 'application/csv' || type === 'text/plain') return 'csv';
  if (type === XLSX_TYPE) return 'xlsx';
  throw new ApiError('TSR152', `Send the file as the body with content-type text/csv or ${XLSX_TYPE} (or ?format=csv|xlsx); got '${type || 'none'}'.`, [
    { path: '/content-type', code: 'TSR152', message: 'must be text/csv or the XLSX type' },
  ]);
}

export async function receiveFile(c: Context<AppEnv>): Promise<ImportFile> {
  const format = importFormat(c);
  const declared = Number(c.req.header('content-length') ?? '0');
  if (declared > IMPORT_MAX_BYTES) throw tooLarge();
  const body = c.req.raw.body;
  if (!body) throw new ApiError('TSR150', 'The request has no file: send it as the body.', [{ path: '', code: 'TSR150', message: 'empty body' }]);
  const path = join(tmpdir(), `tessera-import-${randomUUID()}.${format}`);
  let size = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      done(size > IMPORT_MAX_BYTES ? tooLarge() : null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(body as import('node:stream/web').ReadableStream), limit, createWriteStream(path));
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
  if (size === 0) {
    await rm(path, { force: true });
    throw new ApiError('TSR150', 'The file is empty.', [{ path: '', code: 'TSR150', message: 'empty file' }]);
  }
  const name = c.req.query('fileName') ?? `upload.${format}`;
  return { path, format, name: name.slice(0, 200), temporary: true };
}

function tooLarge(): ApiError {
  return new ApiError('TSR151', `An import file may be at most ${IMPORT_MAX_BYTES / 1024 / 1024} MB.`, [
    { path: '', code: 'TSR151', message: `at most ${IMPORT_MAX_BYTES} bytes` },
  ]);
}
