// The layout editor's draft and the document it becomes: the object's latest definition with one
// layout added, replaced (found by its api name before the edit) or removed. Sections carry a
// local key so drag and drop can follow them while their headings change.
import type { LayoutDef, LayoutItemDef, LayoutSectionDef, ObjectDef } from '@tessera/metadata';

export type Rule = Record<string, unknown>;

export interface ItemDraft {
  field: string;
  readOnly: boolean;
  required: boolean;
  visibleWhen?: Rule;
}

export interface SectionDraft {
  key: string;
  labels: { zh: string; en: string };
  columns: 1 | 2;
  fields: ItemDraft[];
  visibleWhen?: Rule;
}

export interface LayoutDraft {
  apiName: string;
  labels: { zh: string; en: string };
  sections: SectionDraft[];
}

let nextKey = 0;
export const newSectionKey = () => `section-${++nextKey}`;

export const emptySection = (): SectionDraft => ({ key: newSectionKey(), labels: { zh: '', en: '' }, columns: 1, fields: [] });

export function layoutDraftOf(layout: LayoutDef | undefined): LayoutDraft {
  if (!layout) return { apiName: '', labels: { zh: '', en: '' }, sections: [emptySection()] };
  return {
    apiName: layout.apiName,
    labels: { zh: layout.labels.zh ?? '', en: layout.labels.en ?? '' },
    sections: layout.sections.map((section) => ({
      key: newSectionKey(),
      labels: { zh: section.labels?.zh ?? '', en: section.labels?.en ?? '' },
      columns: section.columns ?? 1,
      fields: section.fields.map((item) => ({
        field: item.field,
        readOnly: item.readOnly === true,
        required: item.required === true,
        ...(item.visibleWhen === undefined ? {} : { visibleWhen: item.visibleWhen as Rule }),
      })),
      ...(section.visibleWhen === undefined ? {} : { visibleWhen: section.visibleWhen as Rule }),
    })),
  };
}

/** Only the languages typed: an empty pair is left out (a section may have no heading). */
const typed = (labels: { zh: string; en: string }) => Object.fromEntries(Object.entries(labels).filter(([, text]) => text.trim() !== ''));

export function layoutOf(draft: LayoutDraft): LayoutDef {
  return {
    apiName: draft.apiName,
    labels: typed(draft.labels),
    sections: draft.sections.map((section): LayoutSectionDef => {
      const labels = typed(section.labels);
      return {
        ...(Object.keys(labels).length > 0 ? { labels } : {}),
        columns: section.columns,
        fields: section.fields.map(
          (item): LayoutItemDef => ({
            field: item.field,
            ...(item.readOnly ? { readOnly: true } : {}),
            ...(item.required ? { required: true } : {}),
            ...(item.visibleWhen === undefined ? {} : { visibleWhen: item.visibleWhen as LayoutItemDef['visibleWhen'] }),
          }),
        ),
        ...(section.visibleWhen === undefined ? {} : { visibleWhen: section.visibleWhen as LayoutSectionDef['visibleWhen'] }),
      };
    }),
  };
}

/** Where the entry named `original` sits in `list` (the end for a new one): problems point there. */
export const namedPosition = (list: readonly { apiName: string }[], original: string | undefined): number => {
  const index = original === undefined ? -1 : list.findIndex((entry) => entry.apiName === original);
  return index >= 0 ? index : list.length;
};

/** `list` with `entry` in place of the one named `original` (appended when there is none). */
export function replaceNamed<T extends { apiName: string }>(list: readonly T[], entry: T, original: string | undefined): T[] {
  const next = [...list];
  const replaces = original !== undefined && list.some((candidate) => candidate.apiName === original);
  next.splice(namedPosition(list, original), replaces ? 1 : 0, entry);
  return next;
}

export const layoutPosition = (object: ObjectDef, original: string | undefined): number => namedPosition(object.layouts ?? [], original);

export function withLayout(object: ObjectDef, layout: LayoutDef, original: string | undefined): ObjectDef {
  const renamed = original !== undefined && original !== layout.apiName && (object.layouts ?? []).some((entry) => entry.apiName === original);
  // A renamed layout keeps its record types.
  const recordTypes = object.recordTypes?.map((recordType) =>
    renamed && recordType.layout === original ? { ...recordType, layout: layout.apiName } : recordType,
  );
  return { ...object, layouts: replaceNamed(object.layouts ?? [], layout, original), ...(recordTypes ? { recordTypes } : {}) };
}

export function withoutLayout(object: ObjectDef, apiName: string): ObjectDef {
  return { ...object, layouts: (object.layouts ?? []).filter((layout) => layout.apiName !== apiName) };
}
