// One object → its record routes: list and create on the collection, get/patch/delete on a
// record, restore from the recycle bin. Every operation is concrete (no `{object}` parameter),
// so each carries its object's own schemas and parameters.
import type { NormalisedObject } from '@tessera/metadata';
import { listParameters } from './list-parameters.ts';
import { englishWithZh, type ObjectNames } from './object-names.ts';
import type { OperationObject, PathItemObject, ResponseObject } from './openapi-types.ts';
import { ref, schemaRef } from './openapi-types.ts';
import { problemResponses, traceHeaders } from './problems.ts';

export interface RecordPathsInput {
  object: NormalisedObject;
  names: ObjectNames;
  /** Lookups on any object that point at this one: `opportunity.account (setNull)`. */
  referrers: readonly { object: string; field: string; onDelete: string }[];
}

const JSON_MEDIA_TYPE = 'application/json';

export function recordPaths({ object, names, referrers }: RecordPathsInput): Record<string, PathItemObject> {
  const one = englishWithZh(object.labels, object.apiName);
  const many = englishWithZh(object.pluralLabels, object.apiName);
  const collection = `/api/v1/objects/${object.apiName}/records`;
  const operation = (verb: string, plural: boolean, rest: Omit<OperationObject, 'operationId' | 'tags'>): OperationObject => ({
    operationId: `${verb}${names.base}Record${plural ? 's' : ''}`,
    tags: [names.tag],
    ...rest,
  });
  const recordResponse = (description: string, status = '200'): Record<string, ResponseObject> => ({
    [status]: {
      description,
      headers: { ...traceHeaders(), ETag: ref('headers', 'ETag'), ...(status === '201' ? { Location: ref('headers', 'Location') } : {}) },
      content: { [JSON_MEDIA_TYPE]: { schema: schemaRef(names.base) } },
    },
  });
  const notFound = { 404: `Unknown object (TSR110) or no such record (TSR111).` };
  const badId = 'Malformed record id (TSR114).';

  return {
    [collection]: {
      get: operation('list', true, {
        summary: `List ${many}`,
        description: `Pages through ${many}: \`filter\` selects, \`sort\` orders, \`fields\` and \`expand\` shape them.`,
        parameters: listParameters(object),
        responses: {
          200: {
            description: `A page of ${many}; \`nextCursor\` is null on the last page.`,
            headers: traceHeaders(),
            content: { [JSON_MEDIA_TYPE]: { schema: schemaRef(names.list) } },
          },
          ...problemResponses({
            400: 'Invalid filter (TSR103, TSR115, TSR116), sort (TSR104), cursor (TSR105), fields or expand (TSR106), or another parameter (TSR102).',
            404: 'Unknown object (TSR110).',
          }),
        },
      }),
      post: operation('create', false, {
        summary: `Create ${one}`,
        requestBody: { required: true, content: { [JSON_MEDIA_TYPE]: { schema: schemaRef(names.create) } } },
        responses: {
          ...recordResponse(`The created ${one} record, version 1.`, '201'),
          ...problemResponses({
            400: 'The record is invalid (TSR400); `errors` lists every field (TSR401–TSR413).',
            404: 'Unknown object (TSR110).',
            409: 'A unique field already holds this value (TSR410).',
          }),
        },
      }),
    },
    [`${collection}/{id}`]: {
      parameters: [ref('parameters', 'RecordId')],
      get: operation('get', false, {
        summary: `Get ${one}`,
        responses: { ...recordResponse(`The ${one} record.`), ...problemResponses({ 400: badId, ...notFound }) },
      }),
      patch: operation('update', false, {
        summary: `Update ${one}`,
        description:
          'Changes only the fields in the body. Send the version you read as `If-Match: "<version>"` ' +
          '(or `"version": n` in the body) so a concurrent change is refused instead of overwritten.',
        parameters: [ref('parameters', 'IfMatch')],
        requestBody: { required: true, content: { [JSON_MEDIA_TYPE]: { schema: schemaRef(names.patch) } } },
        responses: {
          ...recordResponse(`The updated ${one} record; its version is one higher.`),
          ...problemResponses({
            400: `The changes are invalid (TSR400, TSR401–TSR413), or a bad id (TSR114) or If-Match (TSR113).`,
            ...notFound,
            409: 'The record changed since that version (TSR112, current version in `detail`), or a unique value is taken (TSR410).',
          }),
        },
      }),
      delete: operation('delete', false, {
        summary: `Delete ${one}`,
        description: deleteDescription(referrers),
        responses: {
          204: { description: 'Moved to the recycle bin.', headers: traceHeaders() },
          ...problemResponses({ 400: badId, ...notFound, 409: 'Still referenced by a `restrict` lookup (TSR412).' }),
        },
      }),
    },
    [`${collection}/{id}/restore`]: {
      parameters: [ref('parameters', 'RecordId')],
      post: operation('restore', false, {
        summary: `Restore ${one}`,
        description: 'Takes the record out of the recycle bin.',
        responses: {
          ...recordResponse(`The restored ${one} record.`),
          ...problemResponses({ 400: badId, ...notFound, 409: 'A unique value was taken meanwhile (TSR410).' }),
        },
      }),
    },
  };
}

function deleteDescription(referrers: RecordPathsInput['referrers']): string {
  const intro = 'Soft delete: sets `deleted_at`; `restore` undoes it.';
  if (referrers.length === 0) return `${intro} No lookup points at this object.`;
  const effects: Record<string, string> = {
    restrict: 'refuses the delete (409 TSR412) while records point here',
    setNull: 'clears the lookup',
    cascade: 'deletes the referring records too',
  };
  const lines = referrers.map(({ object, field, onDelete }) => `- \`${object}.${field}\` (${onDelete}): ${effects[onDelete] ?? onDelete}`);
  return `${intro} Lookups pointing here:\n${lines.join('\n')}`;
}
