// Uploads for the suites that write every field type: a file attaches to one record only, so each
// sample of a file or image field takes its own upload (POST /files), made here before the writes.
import type { NormalisedField } from '@tessera/metadata';

export interface UploadedRef {
  id: string;
  name: string;
  size: number;
  contentType: string;
}

/** A 1×1 PNG: image fields take only bytes that are an image. */
export const PNG_1X1 = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a7d4d0f50000000049454e44ae426082',
  'hex',
);

export async function uploadFile(
  baseUrl: string,
  token: string,
  object: string,
  field: string,
  bytes: Uint8Array,
  type: string,
  name: string,
): Promise<UploadedRef> {
  const response = await fetch(`${baseUrl}/api/v1/files?object=${object}&field=${field}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': type, 'x-file-name': encodeURIComponent(name) },
    body: new Blob([Buffer.from(bytes)]),
  });
  const text = await response.text();
  if (response.status !== 201) throw new Error(`upload ${object}.${field} ${name}: ${response.status} ${text.slice(0, 600)}`);
  const { id, size, contentType } = JSON.parse(text) as UploadedRef;
  return { id, name, size, contentType };
}

/** Upload number `index` for a file or image field: a PNG or a PDF, names in both scripts. */
export function uploadSampleFile(baseUrl: string, token: string, object: string, field: NormalisedField, index: number): Promise<UploadedRef> {
  if (field.type === 'image')
    return uploadFile(baseUrl, token, object, field.apiName, PNG_1X1, 'image/png', index % 2 ? `标志 ${index}.png` : `logo ${index}.png`);
  const pdf = Buffer.from(`%PDF-1.4\n% sample ${index}\ntrailer <<>>\n%%EOF\n`);
  return uploadFile(baseUrl, token, object, field.apiName, pdf, 'application/pdf', index % 2 ? `合同 ${index}.pdf` : `contract ${index}.pdf`);
}

/** `count` uploads for each file or image field of the object (for SampleContext.files). */
export async function sampleFiles(
  baseUrl: string,
  token: string,
  object: string,
  fields: readonly NormalisedField[],
  count: number,
): Promise<Map<string, UploadedRef[]>> {
  const files = new Map<string, UploadedRef[]>();
  for (const field of fields) {
    if (field.type !== 'file' && field.type !== 'image') continue;
    const uploads: UploadedRef[] = [];
    for (let index = 0; index < count; index += 1) uploads.push(await uploadSampleFile(baseUrl, token, object, field, index));
    files.set(field.apiName, uploads);
  }
  return files;
}
