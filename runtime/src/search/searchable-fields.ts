// Which of an object's fields global search reads: the name field first, then every readable
// field whose values are words people type (text, textarea, rich text by its words, email, phone, url, autonumber, text
// formulas). Picklists are left out: they store value codes (`closed_won`), not the labels a user
// would search for. Works on a user's view of the object, so hidden fields are never searched.
import type { NormalisedField } from '@tessera/metadata';
import type { CompiledColumn, CompiledObject } from '../catalog/catalog-types.ts';
import { fieldColumnKind } from '../catalog/column-kinds.ts';

export function isSearchableField(field: NormalisedField): boolean {
  return field.type !== 'picklist' && fieldColumnKind(field).cast === 'text' && fieldColumnKind(field).asText !== true;
}

/** The name field (when readable and searchable) first, then the other searchable fields in definition order. */
export function searchableColumns(object: CompiledObject): CompiledColumn[] {
  const columns: CompiledColumn[] = [];
  for (const name of object.columnOrder) {
    const column = object.columns.get(name);
    if (column?.field && isSearchableField(column.field)) columns.push(column);
  }
  const nameField = object.definition.nameField;
  const nameIndex = columns.findIndex((column) => column.apiName === nameField);
  if (nameIndex > 0) columns.unshift(...columns.splice(nameIndex, 1));
  return columns;
}

/** The column shown as a record's name, when the reader may see it. */
export function nameColumn(object: CompiledObject): CompiledColumn | undefined {
  const nameField = object.definition.nameField;
  return nameField ? object.columns.get(nameField) : undefined;
}
