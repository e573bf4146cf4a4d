// What a list shows — filter, sort, columns, page size — and how it maps to a saved view's
// definition and back. The quick search is not part of a view: it narrows whatever view is open.
import type { FieldDefinition, ObjectDefinition } from '../../api/index.ts';
import type { ViewDefinition } from './list-api.ts';

export interface ListState {
  /** JsonLogic as JSON text ('' = none), as the list's `filter` parameter takes it. */
  filter: string;
  /** One sort key (`amount` or `-amount`), or null for the server's order. */
  sort: string | null;
  /** Field api names shown, in order; null = every field. */
  columns: string[] | null;
  pageSize: number;
}

export const PAGE_SIZES = [20, 50, 100, 200] as const;
export const EMPTY_STATE: ListState = { filter: '', sort: null, columns: null, pageSize: 50 };

export function stateOfView(definition: ViewDefinition): ListState {
  return {
    filter: definition.filter === undefined ? '' : JSON.stringify(definition.filter),
    sort: definition.sort?.split(',')[0] || null,
    columns: definition.fields ?? null,
    pageSize: definition.pageSize ?? EMPTY_STATE.pageSize,
  };
}

export function viewOfState(state: ListState): ViewDefinition {
  return {
    ...(state.filter ? { filter: JSON.parse(state.filter) as unknown } : {}),
    ...(state.sort ? { sort: state.sort } : {}),
    ...(state.columns ? { fields: state.columns } : {}),
    pageSize: state.pageSize,
  };
}

/** `paths`: the object's one-hop path fields; a saved column naming a path no longer offered is dropped. */
export function visibleFields(object: ObjectDefinition, columns: string[] | null, paths: readonly FieldDefinition[] = []): FieldDefinition[] {
  if (!columns) return object.fields;
  const byName = new Map([...object.fields, ...paths].map((field) => [field.apiName, field]));
  return columns.flatMap((name) => byName.get(name) ?? []);
}

/** Every column the chooser offers, in order: each own field, a lookup followed by its paths. */
export function columnOrder(object: ObjectDefinition, paths: readonly FieldDefinition[]): FieldDefinition[] {
  return object.fields.flatMap((field) => [field, ...paths.filter((path) => path.apiName.startsWith(`${field.apiName}.`))]);
}

/** The view's filter AND "name contains the quick search text" (case-insensitive, CJK-safe: a substring). */
export function withQuickSearch(filter: string, object: ObjectDefinition, text: string): string {
  const needle = text.trim();
  const nameField = object.nameField;
  if (!needle || !nameField) return filter;
  const search = { icontains: [{ var: nameField }, needle] };
  return JSON.stringify(filter ? { and: [JSON.parse(filter) as unknown, search] } : search);
}
