// The files of file and image fields (routes/file-routes.ts): upload (raw body, streamed and cut at
// the field's limit), a file's metadata and its bytes. Described when some object has such a field,
// since the routes answer nothing useful otherwise.
import type { NormalisedObject } from '@tessera/metadata';
import type { PathItemObject, SchemaObject } from './openapi-types.ts';
import { schemaRef } from './openapi-types.ts';
import { jsonResponse, problemResponses } from './problems.ts';

export const FILES_TAG = { name: 'Files', description: 'Uploads and downloads of file and image fields.' };

export const FILE_SCHEMAS: Record<'UploadedFile', SchemaObject> = {
  UploadedFile: {
    type: 'object',
    required: ['id', 'name', 'size', 'contentType', 'sha256', 'object', 'field', 'recordId', 'url'],
    properties: {
      id: { type: 'string', format: 'uuid', description: 'Write this id (or `{id}`) into the field to attach the file.' },
      name: { type: 'string' },
      size: { type: 'integer', minimum: 0, description: 'Bytes.' },
      contentType: { type: 'string', description: 'Recognised from the bytes for PNG, JPEG, GIF, WebP and PDF.' },
      sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
      object: { type: 'string' },
      field: { type: 'string' },
      recordId: { type: ['string', 'null'], format: 'uuid', description: 'null until a record write attaches it.' },
      url: { type: 'string', description: 'The bytes: GET this path.' },
    },
  },
};

const fileId = { name: 'id', in: 'path' as const, required: true, schema: { type: 'string', format: 'uuid' } } as const;
const hidden = 'A missing file, a record the caller cannot read, a hidden field and another user’s unattached upload all answer 404 TSR175.';

export const hasFileFields = (objects: readonly NormalisedObject[]): boolean =>
  objects.some((object) => object.fields.some((field) => field.type === 'file' || field.type === 'image'));

export function filePaths(objects: readonly NormalisedObject[]): Record<string, PathItemObject> {
  if (!hasFileFields(objects)) return {};
  const tags = [FILES_TAG.name];
  return {
    '/api/v1/files': {
      post: {
        operationId: 'uploadFile',
        tags,
        summary: 'Upload a file for a file or image field',
        description:
          'The raw bytes as the body, with `Content-Type` and `X-File-Name` (percent-encoded UTF-8). Streamed and cut at the ' +
          "field's `maxSizeMb`: 413 TSR171 naming `/<field>`, nothing stored. A type the field does not accept: 415 TSR172; bytes " +
          'contradicting the declared type: 415 TSR173. Refused by the virus scan: 422 TSR174; scanner unavailable: 503 TSR177. ' +
          'A field the caller may not edit: 403 TSR178.',
        parameters: [
          { name: 'object', in: 'query', required: true, schema: { type: 'string' } },
          { name: 'field', in: 'query', required: true, description: 'A file or image field of the object.', schema: { type: 'string' } },
          {
            name: 'X-File-Name',
            in: 'header',
            required: true,
            description: 'The file name, percent-encoded UTF-8 (1–255 characters).',
            schema: { type: 'string' },
          },
        ],
        requestBody: { required: true, content: { '*/*': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } } },
        responses: {
          201: jsonResponse(schemaRef('UploadedFile'), 'Stored; attach it by writing its id into the field.'),
          ...problemResponses({ 400: 'No object, field or file name (TSR170).', 404: 'No such object (TSR110).', 422: 'Refused by the virus scan (TSR174).' }),
        },
      },
    },
    '/api/v1/files/{id}': {
      get: {
        operationId: 'getFile',
        tags,
        summary: "A file's metadata",
        description: hidden,
        parameters: [fileId],
        responses: { 200: jsonResponse(schemaRef('UploadedFile'), 'The file.'), ...problemResponses({ 404: hidden }) },
      },
    },
    '/api/v1/files/{id}/content': {
      get: {
        operationId: 'getFileContent',
        tags,
        summary: "A file's bytes",
        description:
          'With `Content-Disposition` (RFC 6266 `filename*`), `X-Content-Type-Options: nosniff` and a sandbox CSP; inline only for ' +
          `PNG, JPEG, GIF and WebP, every other type as an attachment. ${hidden}`,
        parameters: [fileId],
        responses: {
          200: {
            description: 'The bytes, in the stored content type.',
            content: { '*/*': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } },
          },
          ...problemResponses({ 404: hidden }),
        },
      },
    },
  };
}
