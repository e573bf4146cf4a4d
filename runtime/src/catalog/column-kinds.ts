// Field type → how the runtime stores, casts, filters and renders it. One table, so a new field
// type fails type-checking here until every aspect is decided.
import type { FieldType, FormulaReturnType, NormalisedField } from '@tessera/metadata';
import { type RawBuilder, sql } from 'kysely';
import type { FilterValueType } from '../filter/index.ts';
import type { ColumnCast } from './catalog-types.ts';

export interface ColumnKind {
  filterType: FilterValueType;
  cast: ColumnCast;
  /** Rendered through to_char as an ISO instant. */
  isInstant: boolean;
  sortable: boolean;
  /**
   * Read, compared and sorted as its text (a time's `HH:MM:SS`): the API's string then orders and
   * compares in SQL exactly as json-logic-js compares it, so filters agree with the evaluator.
   */
  asText?: true;
}

/** A field's column under a row alias as rules and filters read it (see ColumnKind.asText). */
export function columnRef(kind: Pick<ColumnKind, 'asText'>, alias: string, name: string): RawBuilder<unknown> {
  const column = sql.ref(`${alias}.${name}`);
  return kind.asText ? sql`cast(${column} as text)` : column;
}

export const COLUMN_KINDS: Record<FieldType, ColumnKind> = {
  text: { filterType: 'text', cast: 'text', isInstant: false, sortable: true },
  textarea: { filterType: 'text', cast: 'text', isInstant: false, sortable: true },
  email: { filterType: 'text', cast: 'text', isInstant: false, sortable: true },
  phone: { filterType: 'text', cast: 'text', isInstant: false, sortable: true },
  url: { filterType: 'text', cast: 'text', isInstant: false, sortable: true },
  picklist: { filterType: 'text', cast: 'text', isInstant: false, sortable: true },
  autonumber: { filterType: 'text', cast: 'text', isInstant: false, sortable: true },
  number: { filterType: 'number', cast: 'numeric', isInstant: false, sortable: true },
  currency: { filterType: 'number', cast: 'numeric', isInstant: false, sortable: true },
  percent: { filterType: 'number', cast: 'numeric', isInstant: false, sortable: true },
  boolean: { filterType: 'boolean', cast: 'boolean', isInstant: false, sortable: true },
  date: { filterType: 'date', cast: 'date', isInstant: false, sortable: true },
  datetime: { filterType: 'datetime', cast: 'timestamptz', isInstant: true, sortable: true },
  lookup: { filterType: 'uuid', cast: 'uuid', isInstant: false, sortable: true },
  multipicklist: { filterType: 'textarray', cast: 'jsonb', isInstant: false, sortable: false },
  // Computed fields: the kind depends on the result type (fieldColumnKind); these are the defaults.
  formula: { filterType: 'number', cast: 'numeric', isInstant: false, sortable: true },
  rollup: { filterType: 'number', cast: 'numeric', isInstant: false, sortable: true },
  // The column compares as a uuid; a list sort adds the user's display name before it (records/read/user-name-sort.ts).
  user: { filterType: 'uuid', cast: 'uuid', isInstant: false, sortable: true },
  // Filters read its plain text (filter-scope.ts); sorting HTML would order by tags, so it is refused.
  richtext: { filterType: 'text', cast: 'text', isInstant: false, sortable: false },
  time: { filterType: 'text', cast: 'text', isInstant: false, sortable: true, asText: true },
  // Filtered through its parts (catalog/polylookup-part.ts); the whole value is not sortable.
  polylookup: { filterType: 'text', cast: 'jsonb', isInstant: false, sortable: false },
  // A list of ids (a subquery on the junction table, catalog/link-columns.ts): filtered like a
  // multi-select (null, `in`) and with has_any/has_all; a set has no order to sort by.
  manytomany: { filterType: 'textarray', cast: 'jsonb', isInstant: false, sortable: false },
  // A point has no order of its own: lists sort by distance from a point (`sort=location:near(lat,lon)`).
  geolocation: { filterType: 'geolocation', cast: 'point', isInstant: false, sortable: false },
  // File references: neither sorted nor filtered (a file's bytes are no value to compare; filter-scope.ts says why).
  file: { filterType: 'text', cast: 'jsonb', isInstant: false, sortable: false },
  image: { filterType: 'text', cast: 'jsonb', isInstant: false, sortable: false },
};

/** A formula's column kind by its result type (no stored column: an expression in every query). */
export const FORMULA_KINDS: Record<FormulaReturnType, ColumnKind> = {
  number: COLUMN_KINDS.number,
  currency: COLUMN_KINDS.currency,
  percent: COLUMN_KINDS.percent,
  text: COLUMN_KINDS.text,
  boolean: COLUMN_KINDS.boolean,
  date: COLUMN_KINDS.date,
  datetime: COLUMN_KINDS.datetime,
};

/** The kind of a field's column, computed fields by their result type. */
export function fieldColumnKind(field: NormalisedField): ColumnKind {
  if (field.type === 'formula') return FORMULA_KINDS[field.returns];
  if (field.type === 'rollup') return COLUMN_KINDS[field.result.type];
  return COLUMN_KINDS[field.type];
}

export const STANDARD_COLUMN_KINDS: Record<string, ColumnKind> = {
  id: { filterType: 'uuid', cast: 'uuid', isInstant: false, sortable: true },
  owner_id: { filterType: 'uuid', cast: 'uuid', isInstant: false, sortable: true },
  created_by: { filterType: 'uuid', cast: 'uuid', isInstant: false, sortable: true },
  created_at: { filterType: 'datetime', cast: 'timestamptz', isInstant: true, sortable: true },
  updated_at: { filterType: 'datetime', cast: 'timestamptz', isInstant: true, sortable: true },
  version: { filterType: 'number', cast: 'integer', isInstant: false, sortable: true },
  deleted_at: { filterType: 'datetime', cast: 'timestamptz', isInstant: true, sortable: true },
  /** Every table has the column; the catalog exposes it only on objects with record types. */
  record_type: { filterType: 'text', cast: 'text', isInstant: false, sortable: true },
};

export const LEADING_STANDARD_COLUMNS = ['id'] as const;
export const TRAILING_STANDARD_COLUMNS = ['owner_id', 'created_by', 'created_at', 'updated_at', 'version', 'deleted_at'] as const;
