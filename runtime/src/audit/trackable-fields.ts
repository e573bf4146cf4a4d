// Which columns of an object the field history may track: every custom field, and the standard
// columns people change (the owner on a reassignment, the record type). Columns the system writes
// on every save or never lets anyone change would fill the history with noise or nothing, so they
// are refused by name when the setting is saved.
import type { CompiledObject } from '../catalog/catalog-types.ts';

/** Standard columns a user changes through the records API. */
const USER_CHANGED_STANDARD_COLUMNS: ReadonlySet<string> = new Set(['owner_id', 'record_type']);

/** Standard columns whose values hold a user's id (shown with the user's name in the history). */
export const USER_VALUED_COLUMNS: readonly string[] = ['owner_id'];

export function isTrackable(object: CompiledObject, name: string): boolean {
  const column = object.columns.get(name);
  return column !== undefined && (column.field !== undefined || USER_CHANGED_STANDARD_COLUMNS.has(name));
}

/** Why `name` cannot be tracked on `object`, or undefined when it can. */
export function untrackableReason(object: CompiledObject, name: string): string | undefined {
  if (isTrackable(object, name)) return undefined;
  if (object.columns.has(name)) return `${object.apiName}.${name} is maintained by the system and cannot be tracked`;
  return `${object.apiName} has no field '${name}'`;
}
