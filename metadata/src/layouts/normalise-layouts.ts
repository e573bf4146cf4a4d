// ObjectDef → its normalised record types and layouts, as properties to spread into the
// NormalisedObject: absent when the object defines none, so snapshots of other objects stay as
// they were. Assumes schema-valid input; checkLayouts reports the semantic errors.
import type { ObjectDef } from '../types.ts';
import type { NormalisedLayout, NormalisedRecordType } from './layout-types.ts';

export function normaliseLayouts(object: ObjectDef): { recordTypes?: NormalisedRecordType[]; layouts?: NormalisedLayout[] } {
  const layouts = (object.layouts ?? []).map(
    (layout): NormalisedLayout => ({
      apiName: layout.apiName,
      labels: layout.labels,
      sections: layout.sections.map((section) => ({
        ...(section.labels === undefined ? {} : { labels: section.labels }),
        columns: section.columns ?? 1,
        fields: section.fields.map((item) => ({
          field: item.field,
          readOnly: item.readOnly ?? false,
          required: item.required ?? false,
          ...(item.visibleWhen === undefined ? {} : { visibleWhen: item.visibleWhen }),
        })),
        ...(section.visibleWhen === undefined ? {} : { visibleWhen: section.visibleWhen }),
      })),
    }),
  );
  const definitions = object.recordTypes ?? [];
  const explicitDefault = definitions.findIndex((recordType) => recordType.default === true);
  const defaultIndex = Math.max(explicitDefault, 0);
  const recordTypes = definitions.map(
    (recordType, index): NormalisedRecordType => ({
      apiName: recordType.apiName,
      labels: recordType.labels,
      ...(recordType.description === undefined ? {} : { description: recordType.description }),
      picklistValues: orderedSubsets(object, recordType.picklistValues ?? {}),
      default: index === defaultIndex,
      layout: recordType.layout ?? layouts[0]?.apiName ?? null,
      active: recordType.active ?? true,
    }),
  );
  return {
    ...(recordTypes.length > 0 ? { recordTypes } : {}),
    ...(layouts.length > 0 ? { layouts } : {}),
  };
}

/** Each subset in its field's value order (the order an admin sees in the picklist), duplicates dropped. */
function orderedSubsets(object: ObjectDef, subsets: Record<string, string[]>): Record<string, string[]> {
  const ordered: Record<string, string[]> = {};
  for (const [fieldName, values] of Object.entries(subsets)) {
    const field = object.fields.find((candidate) => candidate.apiName === fieldName);
    const fieldValues =
      field && 'values' in field
        ? field.values
            .map((value, position) => ({ name: value.apiName, order: value.order ?? position }))
            .sort((a, b) => a.order - b.order)
            .map((value) => value.name)
        : [];
    const wanted = new Set(values);
    const known = fieldValues.filter((value) => wanted.has(value));
    // Unknown values are kept (after the known ones) so checkLayouts can name them.
    ordered[fieldName] = [...known, ...[...wanted].filter((value) => !fieldValues.includes(value))];
  }
  return ordered;
}
