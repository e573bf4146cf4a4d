// What an export writes per column: the header (the field's label in the chosen language) and each
// cell as a person reads it — picklists as labels, lookups as the target's name (its id when the
// reader may not see it), many-to-many fields as the linked names joined by "; " (ids where hidden),
// user fields as "Name <email>", booleans as 是/否 or Yes/No, multi-picklists as labels joined by "; ",
// rich text as its plain text.
// Numbers stay numbers (XLSX cells are numeric), everything else is text.
import { formatGeolocationText, isGeolocation, type NormalisedField, richTextPlain } from '@tessera/metadata';
import type { Catalog, CompiledObject } from '../catalog/catalog-types.ts';
import { fieldColumnKind } from '../catalog/column-kinds.ts';

export type ExportLanguage = 'en' | 'zh-CN';
export type Cell = string | number | null;

export interface ExportColumn {
  name: string;
  header: string;
  /** The column's value in one record (as the list API renders it) → the cell. */
  cell(value: unknown): Cell;
}

/** Labels of the standard columns, which have no field definition. */
const STANDARD: Record<string, { en: string; zh: string }> = {
  id: { en: 'Id', zh: '编号' },
  owner_id: { en: 'Owner', zh: '负责人' },
  created_by: { en: 'Created by', zh: '创建人' },
  created_at: { en: 'Created at', zh: '创建时间' },
  updated_at: { en: 'Updated at', zh: '更新时间' },
  version: { en: 'Version', zh: '版本' },
  deleted_at: { en: 'Deleted at', zh: '删除时间' },
};

export const pickLabel = (labels: { en?: string; zh?: string } | undefined, language: ExportLanguage, fallback: string): string =>
  (language === 'zh-CN' ? (labels?.zh ?? labels?.en) : (labels?.en ?? labels?.zh)) ?? fallback;

/** A boolean cell: 是/否 or Yes/No. */
export const exportValueLabel = (value: boolean, language: ExportLanguage): string =>
  value ? (language === 'zh-CN' ? '是' : 'Yes') : language === 'zh-CN' ? '否' : 'No';

const text = (value: unknown): Cell => (value === null || value === undefined ? null : typeof value === 'number' ? value : String(value));

function fieldCell(catalog: Catalog, field: NormalisedField, language: ExportLanguage): (value: unknown) => Cell {
  switch (field.type) {
    case 'picklist':
    case 'multipicklist': {
      const labels = new Map(field.values.map((value) => [value.apiName, pickLabel(value.labels, language, value.apiName)]));
      const one = (value: unknown) => labels.get(String(value)) ?? String(value);
      return (value) => (value === null || value === undefined ? null : Array.isArray(value) ? value.map(one).join('; ') : one(value));
    }
    case 'lookup': {
      const nameField = catalog.objects.get(field.target)?.definition.nameField;
      // Expanded: the target record; a target the reader may not see stays its id.
      return (value) => {
        if (value && typeof value === 'object') {
          const record = value as Record<string, unknown>;
          return text((nameField ? record[nameField] : undefined) ?? record.id);
        }
        return text(value);
      };
    }
    case 'user':
      // Expanded to {id, name, email}: "Name <email>", readable and read back by import as the email.
      return (value) => {
        if (!value || typeof value !== 'object') return text(value);
        const user = value as { id?: unknown; name?: unknown; email?: unknown };
        return user.name && user.email ? `${String(user.name)} <${String(user.email)}>` : text(user.email ?? user.id);
      };
    case 'richtext':
      // A spreadsheet shows markup as text: the cell gets the words (an import turns lines back into paragraphs).
      return (value) => (typeof value === 'string' ? richTextPlain(value) : text(value));
    case 'polylookup':
      // "account:<id>": the form the import reads back (metadata/src/import/coerce-cell.ts).
      return (value) => {
        if (!value || typeof value !== 'object') return null;
        const reference = value as { object?: unknown; id?: unknown };
        return `${String(reference.object)}:${String(reference.id)}`;
      };
    case 'manytomany':
      // Expanded to [{id, name}]: the names, "; "-separated (a record the reader may not see by its id);
      // the import reads names (or ids) back.
      return (value) => {
        if (!Array.isArray(value) || value.length === 0) return null;
        return value
          .map((item) => {
            const linked: { id?: unknown; name?: unknown } = item && typeof item === 'object' ? item : { id: item };
            return String(linked.name ?? linked.id);
          })
          .join('; ');
      };
    case 'geolocation':
      // "latitude,longitude": the form the import reads back (metadata/src/geo/geolocation.ts).
      return (value) => (isGeolocation(value) ? formatGeolocationText(value) : null);
    case 'file':
    case 'image':
      // The file names, "; "-separated: a sheet holds no file (import refuses the column, coerce-cell.ts).
      return (value) => {
        const names = (Array.isArray(value) ? value : value ? [value] : []).map((file) => String((file as { name?: unknown }).name));
        return names.length ? names.join('; ') : null;
      };
    default:
      // Booleans, formulas and roll-ups with a boolean result included.
      if (fieldColumnKind(field).cast === 'boolean')
        return (value) => (value === null || value === undefined ? null : exportValueLabel(Boolean(value), language));
      return text;
  }
}

/** The columns to export: the named fields, or every field the caller can read (id first). */
export function exportColumns(catalog: Catalog, object: CompiledObject, names: readonly string[], language: ExportLanguage): ExportColumn[] {
  const fields = new Map(object.definition.fields.map((field) => [field.apiName, field]));
  return names.map((name) => {
    const field = fields.get(name);
    if (!field) return { name, header: pickLabel(STANDARD[name], language, name), cell: text };
    return { name, header: pickLabel(field.labels, language, name), cell: fieldCell(catalog, field, language) };
  });
}

/** Default columns: id and every field of the caller's view of the object, in definition order. */
export function defaultExportFields(object: CompiledObject): string[] {
  return ['id', ...object.definition.fields.filter((field) => object.columns.has(field.apiName)).map((field) => field.apiName)];
}
