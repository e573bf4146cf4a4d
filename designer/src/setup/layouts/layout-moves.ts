// Moves on a layout draft's sections, shared by drag and drop and the keyboard/button
// alternatives: a field goes into a section (from the unplaced list or another section), out of
// the layout, or up and down; sections reorder. Pure: each returns new sections.
import { arrayMove } from '@dnd-kit/sortable';
import type { ItemDraft, SectionDraft } from './layout-document.ts';

export const UNPLACED = 'unplaced';

/** The section key holding `field`, or UNPLACED. */
export const containerOf = (sections: readonly SectionDraft[], field: string): string =>
  sections.find((section) => section.fields.some((item) => item.field === field))?.key ?? UNPLACED;

/** `field` into section `to` before `before` (the end when absent); UNPLACED takes it out of the layout. */
export function placeField(sections: readonly SectionDraft[], field: string, to: string, before?: string): SectionDraft[] {
  const existing = sections.flatMap((section) => section.fields).find((item) => item.field === field);
  const item: ItemDraft = existing ?? { field, readOnly: false, required: false };
  return sections.map((section) => {
    const fields = section.fields.filter((entry) => entry.field !== field);
    if (section.key !== to) return fields.length === section.fields.length ? section : { ...section, fields };
    const at = before === undefined ? -1 : fields.findIndex((entry) => entry.field === before);
    fields.splice(at >= 0 ? at : fields.length, 0, item);
    return { ...section, fields };
  });
}

/** Reorders `field` within its own section to where `over` is. */
export function reorderField(sections: readonly SectionDraft[], field: string, over: string): SectionDraft[] {
  return sections.map((section) => {
    const from = section.fields.findIndex((item) => item.field === field);
    const to = section.fields.findIndex((item) => item.field === over);
    return from >= 0 && to >= 0 && from !== to ? { ...section, fields: arrayMove(section.fields, from, to) } : section;
  });
}

/** `field` one place up (-1) or down (1) within its section. */
export function shiftField(sections: readonly SectionDraft[], field: string, by: -1 | 1): SectionDraft[] {
  return sections.map((section) => {
    const from = section.fields.findIndex((item) => item.field === field);
    const to = from + by;
    return from >= 0 && to >= 0 && to < section.fields.length ? { ...section, fields: arrayMove(section.fields, from, to) } : section;
  });
}

export function moveSection(sections: readonly SectionDraft[], key: string, overKey: string): SectionDraft[] {
  const from = sections.findIndex((section) => section.key === key);
  const to = sections.findIndex((section) => section.key === overKey);
  return from >= 0 && to >= 0 && from !== to ? arrayMove([...sections], from, to) : [...sections];
}
