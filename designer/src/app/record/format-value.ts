// A field's API value → the text a reader sees, in their locale: 2026年12月6日 / Dec 6, 2026,
// ¥1,234,567.89, picklist labels, lookups by the target's name (the record is read with its
// lookups expanded) with a link to the target. Pure, so the details, related lists and history agree.
import { richTextPlain } from '@tessera/metadata';
import type { FieldDefinition, ObjectDefinition, RecordData } from '../../api/index.ts';
import { fileRefsOf } from '../../files/file-size.ts';
import { type Language, pickLabel } from '../../i18n/language.ts';

export interface Shown {
  text: string;
  /** The record page of a lookup's target. */
  href?: string;
  /** Rich text: the stored (sanitised) HTML, for views that render it; `text` holds its words. */
  html?: string;
  /** Many-to-many: each linked record, shown as a chip linking to its page (`text` joins the names). */
  links?: { text: string; href: string }[];
  /** File and image fields: render the value with FileValues (download links, thumbnails). */
  files?: boolean;
}

const locale = (language: Language) => (language === 'zh' ? 'zh-CN' : 'en-US');

/** Name of a record as its object defines it, else its id. */
export function recordName(object: ObjectDefinition | undefined, record: RecordData | null | undefined): string {
  if (!record) return '';
  const nameField = object?.nameField;
  const value = nameField ? record[nameField] : undefined;
  return typeof value === 'string' && value !== '' ? value : String(record.id ?? '');
}

export function formatValue(field: FieldDefinition, value: unknown, language: Language, objects: readonly ObjectDefinition[]): Shown {
  if (value === null || value === undefined || value === '') return { text: '' };
  const labelOf = (apiName: string) => pickLabel(field.values?.find((option) => option.apiName === apiName)?.labels, language, apiName);
  const number = (options: Intl.NumberFormatOptions) =>
    typeof value === 'number' ? new Intl.NumberFormat(locale(language), options).format(value) : String(value);
  const type = field.type === 'formula' ? (field.returns ?? 'text') : field.type === 'rollup' ? (field.result?.type ?? 'number') : field.type;
  switch (type) {
    case 'boolean':
      return { text: value ? (language === 'zh' ? '是' : 'Yes') : language === 'zh' ? '否' : 'No' };
    case 'picklist':
      return { text: labelOf(String(value)) };
    case 'multipicklist':
      return { text: Array.isArray(value) ? value.map((item) => labelOf(String(item))).join(language === 'zh' ? '、' : ', ') : String(value) };
    case 'number':
      return { text: number({ maximumFractionDigits: field.scale ?? 6 }) };
    case 'currency':
      return { text: number({ style: 'currency', currency: field.currencyCode ?? 'CNY' }) };
    case 'percent':
      return {
        text:
          typeof value === 'number'
            ? new Intl.NumberFormat(locale(language), { style: 'percent', maximumFractionDigits: 2 }).format(value / 100)
            : String(value),
      };
    case 'date':
      return { text: new Date(`${String(value)}T00:00:00Z`).toLocaleDateString(locale(language), { timeZone: 'UTC', dateStyle: 'medium' }) };
    case 'datetime':
      return { text: formatInstant(String(value), language) };
    case 'lookup':
      return lookupValue(field, value, objects);
    case 'manytomany':
      return linkedValues(field, value, language, objects);
    case 'polylookup': {
      // `{object, id}`, with `name` where it was expanded: the target's name, linked to it.
      const related = typeof value === 'object' ? (value as { object?: unknown; id?: unknown; name?: unknown }) : {};
      const target = objects.find((object) => object.apiName === related.object);
      const text = typeof related.name === 'string' && related.name !== '' ? related.name : String(related.id ?? value);
      return target && typeof related.id === 'string'
        ? { text, href: `/app/${encodeURIComponent(target.apiName)}/${encodeURIComponent(related.id)}` }
        : { text };
    }
    case 'user': {
      // Expanded (`{id, name, email}`) on lists and records; a bare id where it was not expanded.
      const user = typeof value === 'object' ? (value as { id?: unknown; name?: unknown; email?: unknown }) : null;
      return { text: user ? String(user.name || user.email || user.id) : String(value) };
    }
    case 'geolocation': {
      // 31.2304, 121.4737 (latitude, longitude): what import reads and a map search takes.
      const place = value as { latitude?: unknown; longitude?: unknown };
      return { text: `${String(place.latitude)}, ${String(place.longitude)}` };
    }
    case 'file':
    case 'image':
      // Names (history, cards, exports of the view); lists and the record page render links and thumbnails (files/file-value.tsx).
      return {
        text: fileRefsOf(value)
          .map((file) => file.name)
          .join(language === 'zh' ? '、' : ', '),
        files: true,
      };
    case 'richtext':
      // Lists, cards and history show the words; the details render the formatting (shown.html).
      return { text: richTextPlain(String(value)), html: String(value) };
    default:
      return { text: typeof value === 'object' ? JSON.stringify(value) : String(value) };
  }
}

export function formatInstant(iso: string, language: Language): string {
  const instant = new Date(iso);
  return Number.isNaN(instant.getTime()) ? iso : instant.toLocaleString(locale(language), { dateStyle: 'medium', timeStyle: 'short' });
}

/** An expanded lookup (`{id, name, …}`) or a bare id (target not readable or not expanded). */
function lookupValue(field: FieldDefinition, value: unknown, objects: readonly ObjectDefinition[]): Shown {
  const target = objects.find((object) => object.apiName === field.target);
  const record = typeof value === 'object' ? (value as RecordData) : null;
  const id = record ? String(record.id) : String(value);
  const text = record ? recordName(target, record) : id;
  return target ? { text, href: `/app/${encodeURIComponent(target.apiName)}/${encodeURIComponent(id)}` } : { text };
}

/** A many-to-many value: expanded (`[{id, name}]`) or bare ids; a record the reader may not see has no name and shows its id. */
function linkedValues(field: FieldDefinition, value: unknown, language: Language, objects: readonly ObjectDefinition[]): Shown {
  if (!Array.isArray(value) || value.length === 0) return { text: '' };
  const target = field.target ?? '';
  const links = value.map((item) => {
    const linked: { id?: unknown; name?: unknown } = typeof item === 'object' && item !== null ? item : { id: item };
    const id = String(linked.id);
    const text = typeof linked.name === 'string' && linked.name !== '' ? linked.name : id;
    return { text, href: `/app/${encodeURIComponent(target)}/${encodeURIComponent(id)}` };
  });
  const known = objects.some((object) => object.apiName === target);
  const text = links.map((link) => link.text).join(language === 'zh' ? '、' : ', ');
  return known ? { text, links } : { text };
}
