// An upload's body, read as it arrives and never past the field's limit: a declared
// Content-Length over it is refused before reading, and a body that grows past it is cut off at
// the first chunk over (the reader is cancelled, 413 TSR171), so the server holds at most the
// limit plus one chunk whatever the client sends. The sha256 is computed on the way in.
import { createHash } from 'node:crypto';
import { ApiError } from '../core/api-error.ts';

export interface ReceivedBody {
  bytes: Uint8Array;
  sha256: string;
}

export function fileTooLarge(field: string, maxSizeMb: number): ApiError {
  return new ApiError('TSR171', `A file of ${field} may be at most ${maxSizeMb} MB; nothing was stored.`, [
    { path: `/${field}`, code: 'TSR171', message: `larger than ${maxSizeMb} MB` },
  ]);
}

export async function receiveUpload(
  body: ReadableStream<Uint8Array> | null,
  declaredLength: string | undefined,
  field: string,
  maxSizeMb: number,
): Promise<ReceivedBody> {
  const limit = maxSizeMb * 1024 * 1024;
  if (declaredLength !== undefined && Number(declaredLength) > limit) throw fileTooLarge(field, maxSizeMb);
  const chunks: Uint8Array[] = [];
  const hash = createHash('sha256');
  let size = 0;
  if (body) {
    const reader = body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        chunks.length = 0;
        await reader.cancel().catch(() => undefined);
        throw fileTooLarge(field, maxSizeMb);
      }
      chunks.push(value);
      hash.update(value);
    }
  }
  if (size === 0)
    throw new ApiError('TSR170', 'The upload is empty: send the file as the request body.', [{ path: '', code: 'TSR170', message: 'empty body' }]);
  return { bytes: Buffer.concat(chunks, size), sha256: hash.digest('hex') };
}
