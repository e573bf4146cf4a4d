// Record types on creates: a create without `record_type` gets the object's default. (A patch of
// restricted picklists is checked against the stored type by write/steps/check-record-type.ts.)
import { defaultRecordType } from '@tessera/metadata';
import type { CompiledObject } from '../catalog/catalog-types.ts';

export function withDefaultRecordType(object: CompiledObject, body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body) || 'record_type' in body) return body;
  const fallback = defaultRecordType(object.definition);
  return fallback ? { ...body, record_type: fallback.apiName } : body;
}
