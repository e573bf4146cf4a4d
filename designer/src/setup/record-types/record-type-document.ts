// The record type editor's draft and the document it becomes: the object's latest definition with
// one record type added, replaced (found by its api name before the edit) or removed. Ticking
// "default" on one unticks it on the others, so the object keeps at most one default.
import type { ObjectDef, RecordTypeDef } from '@tessera/metadata';
import { namedPosition, replaceNamed } from '../layouts/layout-document.ts';

export interface RecordTypeDraft {
  apiName: string;
  labels: { zh: string; en: string };
  active: boolean;
  isDefault: boolean;
  /** '' = the object's first layout. */
  layout: string;
  /** Per picklist field: the values offered; a field not listed offers all its values. */
  picklistValues: Record<string, string[]>;
}

export function recordTypeDraftOf(recordType: RecordTypeDef | undefined): RecordTypeDraft {
  return {
    apiName: recordType?.apiName ?? '',
    labels: { zh: recordType?.labels.zh ?? '', en: recordType?.labels.en ?? '' },
    active: recordType?.active !== false,
    isDefault: recordType?.default === true,
    layout: recordType?.layout ?? '',
    picklistValues: { ...(recordType?.picklistValues ?? {}) },
  };
}

export function recordTypeOf(draft: RecordTypeDraft, previous: RecordTypeDef | undefined): RecordTypeDef {
  const labels = Object.fromEntries(Object.entries(draft.labels).filter(([, text]) => text.trim() !== ''));
  return {
    apiName: draft.apiName,
    labels,
    ...(previous?.description ? { description: previous.description } : {}),
    ...(Object.keys(draft.picklistValues).length > 0 ? { picklistValues: draft.picklistValues } : {}),
    ...(draft.isDefault ? { default: true } : {}),
    ...(draft.layout ? { layout: draft.layout } : {}),
    active: draft.active,
  };
}

export const recordTypePosition = (object: ObjectDef, original: string | undefined): number => namedPosition(object.recordTypes ?? [], original);

export function withRecordType(object: ObjectDef, recordType: RecordTypeDef, original: string | undefined): ObjectDef {
  const others = (object.recordTypes ?? []).map((entry) => {
    if (!recordType.default || entry.default !== true) return entry;
    const { default: _unticked, ...rest } = entry;
    return rest;
  });
  return { ...object, recordTypes: replaceNamed(others, recordType, original) };
}

export function withoutRecordType(object: ObjectDef, apiName: string): ObjectDef {
  return { ...object, recordTypes: (object.recordTypes ?? []).filter((recordType) => recordType.apiName !== apiName) };
}
