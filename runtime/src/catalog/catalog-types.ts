// The compiled, frozen catalog of one tenant at one revision: what every request reads instead
// of raw metadata. Built once per revision by compileCatalog and swapped atomically.
import type { LinkEnds } from '../links/link-sql.ts';
import type { CalendarSet, MetadataSnapshot, NormalisedField, NormalisedObject, ProblemDetail } from '@tessera/metadata';
import type { RawBuilder, SqlBool } from 'kysely';
import type { FilterValueType } from '../filter/index.ts';
import type { FormulaLookups } from './formula-path.ts';
import type { RuleContextSql } from './rule-context-sql.ts';

/** PostgreSQL type a bound value is cast to when compared with the column (fixed allow-list). */
export type ColumnCast = 'numeric' | 'text' | 'boolean' | 'date' | 'timestamptz' | 'uuid' | 'integer' | 'jsonb' | 'point' | 'float8';

export interface CompiledColumn {
  apiName: string;
  /** Undefined for standard columns (id, created_at, …). */
  field: NormalisedField | undefined;
  filterType: FilterValueType;
  cast: ColumnCast;
  /** The column qualified by the row alias `t`. */
  ref: RawBuilder<unknown>;
  /** Expression giving the value as the API renders it (e.g. ISO text for datetimes), for a row alias. */
  render(alias: string): RawBuilder<unknown>;
  sortable: boolean;
  /** Read as text by rules and filters (column-kinds.ts ColumnKind.asText). */
  asText: boolean;
  /** A many-to-many field's junction: table and columns (links/link-sql.ts). */
  links?: LinkEnds;
}

export interface ChildLookup {
  object: string;
  field: string;
  onDelete: 'restrict' | 'setNull' | 'cascade';
}

export interface CompiledObject {
  apiName: string;
  definition: NormalisedObject;
  schema: string;
  table: string;
  /** Standard and custom columns by api name, in output order. */
  columns: ReadonlyMap<string, CompiledColumn>;
  /** Output order: id, fields…, owner_id, created_by, created_at, updated_at, version, deleted_at. */
  columnOrder: readonly string[];
  lookups: ReadonlyMap<string, { target: string }>;
  /** Lookups on other objects (or this one) that point at this object. */
  children: readonly ChildLookup[];
  /** Writable custom field api names. */
  writable: ReadonlySet<string>;
  /** Constraint / index name → field api name, for error messages. */
  constraintFields: ReadonlyMap<string, string>;
  /** JSON (type json) of the full record for a row alias. */
  recordJson(alias: string): RawBuilder<unknown>;
  validateCreate(record: unknown): ProblemDetail[];
  validatePatch(record: unknown): ProblemDetail[];
  /** What the object's formulas' lookup paths reach (catalog/formula-path.ts), kept for rebinding them. */
  formulaLookups?: FormulaLookups;
  /** Formulas the SQL compiler refused (they render null); metadata validation normally prevents them. */
  formulaProblems?: ProblemDetail[];
  /** `$today`, `$now`, `$user.id` of the request once bound (rules/bind-rule-context.ts); else the database clock. */
  ruleContext?: RuleContextSql;
  /** Old api name → current one, for fields renamed by this revision (kept one revision; see compileCatalog). */
  aliases?: ReadonlyMap<string, string>;
  /** Present on a user's view of the object (security/secure-catalog.ts): which rows they reach. */
  rowAccess?: RowAccess;
}

/**
 * Record-level security compiled into SQL: conditions over a row alias, undefined = every row.
 * Queries AND them into their WHERE clause, so a list never fetches rows it must not return.
 */
export interface RowAccess {
  /** The acting user: owner and creator of the records they create. */
  userId: string;
  canCreate: boolean;
  /** Object permissions: without them no row is editable or deletable. */
  canEdit: boolean;
  canDelete: boolean;
  /** A user may set owner_id only with modify-all on the object. */
  canAssignOwner: boolean;
  read(alias: string): RawBuilder<SqlBool> | undefined;
  edit(alias: string): RawBuilder<SqlBool> | undefined;
  delete(alias: string): RawBuilder<SqlBool> | undefined;
  /** Who may manage manual shares of a row: its owner, their managers, modify-all. */
  share(alias: string): RawBuilder<SqlBool> | undefined;
}

export interface Catalog {
  tenant: string;
  schema: string;
  revision: number;
  snapshot: MetadataSnapshot;
  objects: ReadonlyMap<string, CompiledObject>;
  /** The revision's business calendars by api name (`$calendars` of rules; inlined by the SQL compiler). */
  calendars: CalendarSet;
  /** On a user's view: the whole catalog it was cut from (delete rules must see every object). */
  unrestricted?: Catalog;
}
