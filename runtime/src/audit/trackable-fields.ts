// Which columns of an object the field history may track: every custom field, and the standard
// columns people change (the owner on a reassignment, the record type). Columns the system writes
// on every save or never lets anyone change would fill the history with noise or nothing, so they
// are refused by name when the setting is saved.
import type { CompiledObject } from '../catalog/catalog-types.ts';

/** Standard columns a user changes through the records API. */
const USER_CHANGED_STANDARD_COLUMNS: ReadonlySet<string> = new Set(['owner_id', 'record_type']);

/** Standard columns whose values hold a user's id (shown with the user's name in the history). */
export const USER_VALUED_COLUMNS: readonly string[] = ['owner_id'];

/** Every column of the object that holds a user's id: owner_id and each `user` field (issue #21). */
export const userValuedColumns = (object: CompiledObject): string[] => [
  ...USER_VALUED_COLUMNS,
  ...object.definition.fields.filter((field) => field.type === 'user').map((field) => field.apiName),
];

/** Computed fields change without a write to their record (a formula's inputs, a child of a roll-up). */
const COMPUTED_TYPES: ReadonlySet<string> = new Set(['formula', 'rollup']);

export function isTrackable(object: CompiledObject, name: string): boolean {
  const column = object.columns.get(name);
  if (column === undefined) return false;
  if (column.field) return !COMPUTED_TYPES.has(column.field.type);
  return USER_CHANGED_STANDARD_COLUMNS.has(name);
}

/** Why `name` cannot be tracked on `object`, or undefined when it can. */
export function untrackableReason(object: CompiledObject, name: string): string | undefined {
  if (isTrackable(object, name)) return undefined;
  const type = object.columns.get(name)?.field?.type;
  if (type && COMPUTED_TYPES.has(type)) return `${object.apiName}.${name} is a ${type}: its value is computed, not written; track the fields it reads instead`;
  if (object.columns.has(name)) return `${object.apiName}.${name} is maintained by the system and cannot be tracked`;
  return `${object.apiName} has no field '${name}'`;
}
