// One level of lookup paths as the designer offers them (issue #21): under each lookup field, the
// looked-up object's fields, named by the API's path (`account.region`) and labelled
// "客户 › 地区" / "Account › Region". A path field is a copy of the target field under the path's
// name, so everything keyed on the field (value formatting, the condition builder's kind and
// picklist values, sortability) treats it exactly like the target field.
//
// The metadata the session holds is already the reader's view: a parent field they may not read is
// absent from it, so it is never offered (the server would refuse it as unknown, TSR160).
import type { NormalisedField } from '@tessera/metadata';

type Labels = NormalisedField['labels'];

export const PATH_LABEL_SEPARATOR = ' › ';

/** What a path needs of a field and an object; both the App's ObjectDefinition and Setup's NormalisedObject fit. */
type PathField = Pick<NormalisedField, 'apiName' | 'labels' | 'type'>;
interface PathObject<F extends PathField> {
  apiName: string;
  fields: readonly F[];
}

export interface PathOptions {
  /** Whether a path may end at the parent's formula (list columns and filters: yes; formulas: no, the server refuses it). */
  formulas: boolean;
}

/**
 * Types a path does not end at here: a lookup or user field read through a path is a bare id (one
 * level deep is the promise; the App cannot name it without another expand), and a polylookup is
 * two values, not one column.
 */
const NOT_AT_PATH_END: ReadonlySet<string> = new Set(['lookup', 'user', 'polylookup']);

/** The object's one-hop paths, grouped in the object's field order under each lookup. */
export function lookupPathFields<F extends PathField>(object: PathObject<F>, objects: readonly PathObject<F>[], options: PathOptions): F[] {
  return object.fields.flatMap((lookup) => {
    if (lookup.type !== 'lookup') return [];
    const targetName = (lookup as PathField & { target?: string }).target;
    const target = objects.find((candidate) => candidate.apiName === targetName);
    if (!target) return [];
    return target.fields
      .filter((field) => !NOT_AT_PATH_END.has(field.type) && (options.formulas || field.type !== 'formula'))
      .map((field) => ({ ...field, apiName: `${lookup.apiName}.${field.apiName}`, labels: pathLabels(lookup, field) }));
  });
}

/** "客户 › 地区" / "Account › Region": each language from its own labels, the api name where one is missing. */
export function pathLabels(lookup: PathField, field: PathField): Labels {
  const join = (language: 'en' | 'zh') => `${lookup.labels[language] ?? lookup.apiName}${PATH_LABEL_SEPARATOR}${field.labels[language] ?? field.apiName}`;
  return { en: join('en'), zh: join('zh') };
}

/** The lookup a path column sits under (`account` for `account.region`), or undefined for an own field. */
export function pathLookupOf(name: string): string | undefined {
  const dot = name.indexOf('.');
  return dot > 0 ? name.slice(0, dot) : undefined;
}

/** Whether the API sorts by a field of this type (multi-selects, rich text and polylookups it refuses, TSR104). */
export function isSortableType(type: string): boolean {
  return type !== 'multipicklist' && type !== 'richtext' && type !== 'polylookup';
}
