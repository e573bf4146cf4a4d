// The automatic column mapping of an import: each header matched to a field by api name, English
// or Chinese label, ignoring case, spaces, underscores and hyphens. A header matching no importable
// field (or one already taken by an earlier column) maps to null: the column is ignored.
import type { FieldDef } from '../types.ts';
import { foldHeader, IMPORTABLE_TYPES } from './coerce-cell.ts';

export type ColumnMapping = Record<string, string | null>;

export function matchColumns(headers: readonly string[], fields: readonly FieldDef[]): ColumnMapping {
  const byKey = new Map<string, string>();
  for (const field of fields) {
    if (!IMPORTABLE_TYPES.has(field.type)) continue;
    for (const name of [field.apiName, field.labels.en, field.labels.zh]) {
      if (name && !byKey.has(foldHeader(name))) byKey.set(foldHeader(name), field.apiName);
    }
  }
  const taken = new Set<string>();
  const mapping: ColumnMapping = {};
  for (const header of headers) {
    const field = byKey.get(foldHeader(header));
    mapping[header] = field && !taken.has(field) ? field : null;
    if (field) taken.add(field);
  }
  return mapping;
}
