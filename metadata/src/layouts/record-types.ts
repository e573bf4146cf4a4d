// Lookups over a normalised object's record types, shared by the record validator (server) and
// the form builder (browser): which record type applies, and which picklist values it offers.
import type { NormalisedField, NormalisedObject } from '../normalised-types.ts';
import type { NormalisedRecordType } from './layout-types.ts';

/** The default record type, or undefined when the object has none. */
export const defaultRecordType = (object: NormalisedObject): NormalisedRecordType | undefined =>
  object.recordTypes?.find((recordType) => recordType.default) ?? object.recordTypes?.[0];

export const findRecordType = (object: NormalisedObject, apiName: string): NormalisedRecordType | undefined =>
  object.recordTypes?.find((recordType) => recordType.apiName === apiName);

/** Active values of a picklist or multipicklist offered by the record type (all active values when it does not restrict the field). */
export function offeredValues(field: NormalisedField, recordType: NormalisedRecordType | undefined): string[] {
  if (field.type !== 'picklist' && field.type !== 'multipicklist') return [];
  const active = field.values.filter((value) => !value.inactive).map((value) => value.apiName);
  const subset = recordType?.picklistValues[field.apiName];
  if (!subset) return active;
  const offered = new Set(subset);
  return active.filter((value) => offered.has(value));
}

/** `record_type` in a record body: one of the active record types, or null for an object without any. */
export function recordTypeInputSchema(object: NormalisedObject, mode: 'create' | 'patch'): Record<string, unknown> {
  const active = (object.recordTypes ?? []).filter((recordType) => recordType.active).map((recordType) => recordType.apiName);
  if (active.length === 0) return { title: 'Record type', type: 'null' };
  const fallback = mode === 'create' ? defaultRecordType(object)?.apiName : undefined;
  return { title: 'Record type', type: 'string', enum: active, ...(fallback ? { default: fallback } : {}) };
}

/** `record_type` as the API returns it: any record type (inactive ones stay on old records) or null. */
export function recordTypeOutputSchema(object: NormalisedObject): Record<string, unknown> {
  const names = (object.recordTypes ?? []).map((recordType) => recordType.apiName);
  return names.length === 0 ? { title: 'Record type', type: 'null' } : { title: 'Record type', type: ['string', 'null'], enum: [...names, null] };
}
