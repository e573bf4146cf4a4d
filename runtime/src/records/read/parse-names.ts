// `fields=` and `expand=` query values → checked field names of the object (old names of a field
// renamed by this revision are accepted). Problems are pushed onto the caller's list.
import type { ProblemDetail } from '@tessera/metadata';
import type { CompiledObject } from '../../catalog/catalog-types.ts';
import { canonicalFieldName } from '../../catalog/compile-catalog.ts';
import { isUserColumn } from '../../people/user-columns.ts';
import { isLookupPath } from '../lookup-path.ts';
import type { PathColumns } from './path-columns.ts';

export function parseNameList(
  raw: string | undefined,
  parameter: 'fields' | 'expand',
  object: CompiledObject,
  errors: ProblemDetail[],
  check: (name: string) => string | undefined = () => undefined,
  paths?: PathColumns,
): string[] | undefined {
  if (raw === undefined || raw === '') return undefined;
  const names = [
    ...new Set(
      raw
        .split(',')
        .map((name) => canonicalFieldName(object, name.trim()))
        .filter((name) => name !== ''),
    ),
  ];
  for (const name of names) {
    // `fields=account.region` (lists only): a path, answered as its own key (records/lookup-path.ts).
    if (paths && isLookupPath(name)) {
      const answer = paths.column(name);
      if (!answer.ok) errors.push({ path: parameter, ...answer.problem });
      continue;
    }
    // A field the user may not read is absent from their view, so it answers exactly like an unknown one.
    const problemText = object.columns.has(name) ? check(name) : `${object.apiName} has no field '${name}'`;
    if (problemText !== undefined) errors.push({ path: parameter, code: 'TSR106', message: problemText });
  }
  return names;
}

/** Shared by every plan that expands nothing, so the common request allocates and freezes nothing. */
export const NOTHING_EXPANDED: readonly string[] = Object.freeze([]);

/** Lookup fields to render as their target record (many-to-many fields as `[{id, name}]`), frozen. */
export function parseExpand(raw: string | undefined, object: CompiledObject, errors: ProblemDetail[]): readonly string[] {
  if (raw === undefined || raw === '') return NOTHING_EXPANDED;
  const expandable = (name: string) => {
    const type = object.columns.get(name)?.field?.type;
    return object.lookups.has(name) || isUserColumn(object, name) || type === 'polylookup' || type === 'manytomany';
  };
  const lookupOnly = (name: string) => (expandable(name) ? undefined : `'${name}' is not a lookup, many-to-many or user field of ${object.apiName}`);
  return Object.freeze(parseNameList(raw, 'expand', object, errors, lookupOnly) ?? []);
}
