// The metamodel as TypeScript types: what an admin, the designer or a package writes.
// The JSON Schemas in ./schemas describe the same shapes for ajv and for editors ($schema);
// a test keeps the two in step.

import type { JsonLogicRule, Labels } from './leaf-types.ts';
import type { LayoutDef, RecordTypeDef } from './layouts/layout-types.ts';
import type { PipelineDef } from './pipelines/pipeline-types.ts';
import type { ApprovalFlowDef } from './approvals/approval-types.ts';

export type { JsonLogicRule, Labels } from './leaf-types.ts';
import type { DuplicateRuleDef, ValidationRuleDef } from './rules/rule-types.ts';
export type { DuplicateMatchField, DuplicateNormaliser, DuplicateRuleDef, RuleContextVar, ValidationRuleDef } from './rules/rule-types.ts';
export { DUPLICATE_NORMALISERS, RULE_CONTEXT_VARS } from './rules/rule-types.ts';
import type { CalendarDef } from './calendars/calendar-types.ts';
export type { LayoutDef, LayoutItemDef, LayoutSectionDef, RecordTypeDef } from './layouts/layout-types.ts';
export type { PipelineDef, PipelineStageDef, StageCategory, StageTimeLimitDef, StageTransitions } from './pipelines/pipeline-types.ts';
export type {
  ApprovalActionDef,
  ApprovalFlowDef,
  ApprovalMode,
  ApprovalStepDef,
  ApprovalTimeLimitDef,
  ApproverDef,
  EscalationAction,
} from './approvals/approval-types.ts';

export type FieldType =
  | 'text'
  | 'textarea'
  | 'number'
  | 'currency'
  | 'percent'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'email'
  | 'phone'
  | 'url'
  | 'picklist'
  | 'multipicklist'
  | 'lookup'
  | 'autonumber'
  | 'formula'
  | 'rollup'
  | 'user'
  | 'richtext'
  | 'time'
  | 'polylookup'
  | 'manytomany'
  | 'geolocation'
  | 'file'
  | 'image';

export const FIELD_TYPES: readonly FieldType[] = [
  'text',
  'textarea',
  'number',
  'currency',
  'percent',
  'boolean',
  'date',
  'datetime',
  'email',
  'phone',
  'url',
  'picklist',
  'multipicklist',
  'lookup',
  'autonumber',
  'formula',
  'rollup',
  'user',
  'richtext',
  'time',
  'polylookup',
  'manytomany',
  'geolocation',
  'file',
  'image',
] as const;

interface FieldBase {
  /** Stable identifier: `^[a-z][a-z0-9_]{0,62}$`. Becomes the column name. */
  apiName: string;
  labels: Labels;
  description?: string;
  helpText?: Labels;
  required?: boolean;
  unique?: boolean;
  /**
   * The field identifies records from another system (issue #20): unique among live records (it
   * implies `unique`), usable for upsert (PUT …/records/by/:field/:value, bulk upsert) and to set
   * a lookup by the target's key (`{"account": {"symbol": "AAPL"}}`). Text-like, number and
   * autonumber fields only.
   */
  externalId?: boolean;
  /**
   * Evolution directive (not stored): this field is the live field of that api name, renamed.
   * The column is renamed in place; the old name stays an alias for one revision.
   */
  renamedFrom?: string;
  /**
   * Evolution directive (not stored): the value written into existing records that have none when
   * this change makes the field required (checked like `default`).
   */
  backfill?: string | number | boolean | string[];
  /**
   * A default computed on create when the body leaves the field out, as JsonLogic over the
   * submitted values and `$today`, `$now`, `$user.id`, e.g. `{"add_days": [{"today": []}, 30]}`.
   * Exclusive with `default` (a literal, which also becomes the column default).
   */
  defaultExpr?: JsonLogicRule;
}

export interface TextFieldDef extends FieldBase {
  type: 'text';
  /** Default 255. */
  maxLength?: number;
  minLength?: number;
  default?: string;
}
export interface TextareaFieldDef extends FieldBase {
  type: 'textarea';
  /** Default 32768. */
  maxLength?: number;
  minLength?: number;
  default?: string;
}
export interface NumericFieldBase extends FieldBase {
  /** Total digits. Default 18. */
  precision?: number;
  /** Digits after the decimal point. Default 0 for number, 2 for currency and percent. */
  scale?: number;
  min?: number;
  max?: number;
  default?: number;
}
export interface NumberFieldDef extends NumericFieldBase {
  type: 'number';
}
export interface CurrencyFieldDef extends NumericFieldBase {
  type: 'currency';
  /** ISO 4217 code shown with the value, e.g. CNY. Default: the tenant's currency. */
  currencyCode?: string;
}
export interface PercentFieldDef extends NumericFieldBase {
  type: 'percent';
}
export interface BooleanFieldDef extends FieldBase {
  type: 'boolean';
  default?: boolean;
}
export interface DateFieldDef extends FieldBase {
  type: 'date';
  /** ISO date `YYYY-MM-DD`. */
  default?: string;
}
export interface DatetimeFieldDef extends FieldBase {
  type: 'datetime';
  /** ISO 8601 instant. */
  default?: string;
}
export interface EmailFieldDef extends FieldBase {
  type: 'email';
  /** Default 254. */
  maxLength?: number;
  default?: string;
}
export interface PhoneFieldDef extends FieldBase {
  type: 'phone';
  /** Default 40. */
  maxLength?: number;
  default?: string;
}
export interface UrlFieldDef extends FieldBase {
  type: 'url';
  /** Default 2048. */
  maxLength?: number;
  default?: string;
}

/**
 * Formatted text (paragraphs, headings, lists, bold/italic/underline/strike, links, tables) stored
 * as HTML. The runtime sanitises every write to an allow-list, so what is stored is safe to render;
 * search, text filters and export read its plain text.
 */
export interface RichtextFieldDef extends FieldBase {
  type: 'richtext';
  /** Characters of the stored (sanitised) HTML. Default 65536. */
  maxLength?: number;
  /**
   * No literal default or backfill: a column default would reach the table without passing the
   * sanitiser. `defaultExpr` values go through the write path, so they are sanitised like any value.
   */
  default?: never;
}

export interface PicklistValue {
  /** Stable identifier stored in the column: `^[A-Za-z0-9][A-Za-z0-9_\-]{0,79}$`. */
  apiName: string;
  labels: Labels;
  /** Display order; default: position in the list. */
  order?: number;
  /** At most one value of a picklist is the default. */
  default?: boolean;
  /** Kept for existing records, refused on new writes. */
  inactive?: boolean;
  /** Evolution directive (not stored): this value is the live value of that api name, renamed; records are remapped. */
  renamedFrom?: string;
}
/**
 * Dependent picklists (issue #21): the values a picklist allows depend on another field of the
 * same object, its controlling field (a picklist or a boolean). `dependentValues` maps each
 * controlling value (a value api name, or `"true"`/`"false"` for a boolean) to the values allowed
 * with it; a controlling value missing from the map allows none, and a null controller requires
 * a null dependent. Enforced on every write and offered by the generated forms.
 */
export interface DependentPicklist {
  /** Api name of the controlling picklist or boolean field of the same object. */
  controllingField?: string;
  /** Controlling value → allowed values of this field. Required with `controllingField`. */
  dependentValues?: Record<string, string[]>;
}
export interface PicklistFieldDef extends FieldBase, DependentPicklist {
  type: 'picklist';
  values: PicklistValue[];
}
export interface MultipicklistFieldDef extends FieldBase, DependentPicklist {
  type: 'multipicklist';
  values: PicklistValue[];
  maxSelected?: number;
}

export type LookupDeleteBehaviour = 'restrict' | 'setNull' | 'cascade';
export interface LookupFieldDef extends FieldBase {
  type: 'lookup';
  /** Api name of the target object (may be the object itself). */
  target: string;
  /** What happens to this record when the target is deleted. Default `setNull`, `restrict` when required. */
  onDelete?: LookupDeleteBehaviour;
}
/**
 * A reference to a user of the tenant (issue #21): a uuid column with a foreign key to the
 * tenant's `_users` table. Users are deactivated, never deleted, so the key is `ON DELETE
 * RESTRICT`; writes refuse inactive users, stored references to a deactivated user stay readable.
 * `owner_id` is described as one on every surface.
 */
export interface UserFieldDef extends FieldBase {
  type: 'user';
}
export interface AutonumberFieldDef extends FieldBase {
  type: 'autonumber';
  /** e.g. `OPP-{0000}` or `CASE-{YYYY}{MM}-{000000}`: literal text, date tokens, one run of zeros for the counter. */
  format: string;
  /** First counter value. Default 1. */
  startAt?: number;
  /**
   * Record type api name → the format records of that type are numbered with (issue #21), e.g.
   * `{"service": "SRV-{0000}"}`. Each entry has its own counter (its own sequence, starting at
   * `startAt`); record types not listed use `format` and the field's counter. Formats must differ
   * from each other and from `format`, so numbers of different counters never meet.
   */
  formatsByRecordType?: Record<string, string>;
}

/** What a formula field evaluates to; it decides the JSON type, rounding and what filters accept. */
export type FormulaReturnType = 'number' | 'currency' | 'percent' | 'text' | 'boolean' | 'date' | 'datetime';
export const FORMULA_RETURN_TYPES: readonly FormulaReturnType[] = ['number', 'currency', 'percent', 'text', 'boolean', 'date', 'datetime'] as const;

/**
 * A read-only field computed from the record's own fields (and `$today`, `$now`, `$user.id`).
 * No column: it is compiled to a SQL expression, so lists can filter and sort on it, and
 * evaluated with json-logic-js in the browser. Numeric results are rounded to `scale`. The schema
 * refuses `required`, `unique`, `default` and `defaultExpr` on computed (formula, roll-up) fields.
 */
export interface FormulaFieldDef extends FieldBase {
  type: 'formula';
  returns: FormulaReturnType;
  expression: JsonLogicRule;
  /** Digits after the decimal point for numeric results (half away from zero). Default 2. */
  scale?: number;
  /** Computed fields have no default. */
  default?: never;
}

export type RollupFunction = 'count' | 'sum' | 'min' | 'max' | 'avg' | 'count_distinct';
export const ROLLUP_FUNCTIONS: readonly RollupFunction[] = ['count', 'sum', 'min', 'max', 'avg', 'count_distinct'] as const;

/**
 * A read-only summary of the child records that look this record up, e.g. the sum of `amount`
 * of the won opportunities of an account. Stored in a real column, kept consistent by the runtime
 * in the same transaction as every child write. Deleted (recycle-bin) children never count.
 * Empty set: count and sum give 0, min and max give null.
 */
export interface RollupFieldDef extends FieldBase {
  type: 'rollup';
  /** Api name of the child object. */
  childObject: string;
  /** The lookup field on the child object whose target is this object. */
  childField: string;
  function: RollupFunction;
  /** The child field summarised; required for sum (number/currency/percent) and min/max (also date/datetime). */
  aggregateField?: string;
  /** JsonLogic over the child's fields: only children for which it is truthy are summarised. */
  filter?: JsonLogicRule;
  /** Computed fields have no default. */
  default?: never;
}

/**
 * "Related to" (issue #21): a reference to one record of one of several objects, e.g. an activity
 * about an account, a contact or an opportunity. JSON value `{ "object": "account", "id": "<uuid>" }`.
 * Stored in one jsonb column with an expression index on (object, id); no foreign key can span
 * tables, so the runtime checks the target on every write and clears the reference when the
 * target is purged from the recycle bin (a soft delete keeps it, so a restore loses nothing).
 */
export interface PolylookupFieldDef extends FieldBase {
  type: 'polylookup';
  /** Api names of the objects a value may point at (1 to 20, distinct). */
  targets: string[];
  /** No literal default: a default reference would name a record id. */
  default?: never;
}

/**
 * Many-to-many (issue #21): links between records of this object and records of `target`, e.g. the
 * contacts of an opportunity. No column on this object: the runtime keeps the links in a managed
 * junction table (`_links_<object>_<field>`, two foreign keys, ON DELETE CASCADE on both). JSON
 * value: the list of linked ids (null when there are none), at most 500 per record and field.
 */
export interface ManyToManyFieldDef extends FieldBase {
  type: 'manytomany';
  /** Api name of the linked object (may be the object itself). */
  target: string;
  /**
   * An admin-modelled junction object whose records are the links (issue #21): each holds a
   * required lookup to this object and one to `target`, plus its own fields (role, since…).
   * Absent: the managed `_links_…` table. A junction object serves at most one field.
   */
  junction?: string;
  /** The junction's two lookups by name; needed only when it has more than one lookup to either end. */
  junctionFields?: { source: string; target: string };
  /** A set of links is never defaulted (nor required or unique: the schema refuses those flags). */
  default?: never;
}

export type FieldDef =
  | TextFieldDef
  | TextareaFieldDef
  | NumberFieldDef
  | CurrencyFieldDef
  | PercentFieldDef
  | BooleanFieldDef
  | DateFieldDef
  | DatetimeFieldDef
  | EmailFieldDef
  | PhoneFieldDef
  | UrlFieldDef
  | PicklistFieldDef
  | MultipicklistFieldDef
  | LookupFieldDef
  | AutonumberFieldDef
  | FormulaFieldDef
  | RollupFieldDef
  | UserFieldDef
  | RichtextFieldDef
  | TimeFieldDef
  | PolylookupFieldDef
  | ManyToManyFieldDef
  | GeolocationFieldDef
  | FileFieldDef;

/**
 * A time of day without date or zone (PostgreSQL `time`). JSON: `"HH:MM:SS"` on output (the
 * canonical form, so lists sort and compare as text the same way they do in SQL); `"HH:MM"` is
 * accepted on input and means `HH:MM:00`. 00:00:00–23:59:59; no fractions of a second.
 */
export interface TimeFieldDef extends FieldBase {
  type: 'time';
  /** `HH:MM` or `HH:MM:SS`. */
  default?: string;
}

/**
 * A point on Earth (issue #21). JSON: `{"latitude": number, "longitude": number}` or null,
 * latitude −90..90 and longitude −180..180. Stored as PostgreSQL's core `point` (x = longitude,
 * y = latitude) under a GiST index, so "within N km" filters and nearest-first sorts use the
 * index; distances are great-circle kilometres (`distance` operator). Not unique, no default.
 */
export interface GeolocationFieldDef extends FieldBase {
  type: 'geolocation';
  default?: never;
}

/**
 * Attachments (issue #21): uploaded with POST /api/v1/files?object=&field= (streamed, checked
 * against `maxSizeMb` and `accept`, image types sniffed from their bytes, virus-scan hook), then
 * attached by writing their ids. The record holds `{id, name, size, contentType}` (an array when
 * `multiple`); GET /api/v1/files/:id streams the bytes to whoever may read the record and field.
 * `image` is a file field restricted to PNG, JPEG, GIF and WebP, shown as a preview.
 */
export interface FileFieldDef extends FieldBase {
  type: 'file' | 'image';
  /** Several files in one field (an array value). Default false. */
  multiple?: boolean;
  /** Largest accepted file in MB (1 MB = 1048576 bytes), 1–1024. Default 10. */
  maxSizeMb?: number;
  /** Accepted media types, exact (`application/pdf`) or by kind (`image/*`). Default: any (file), the safe image types (image). */
  accept?: string[];
  /** No default: a default would name an uploaded file. */
  default?: never;
}

/** An index the workload needs, e.g. `["stage", "-amount"]` (a leading `-` means descending). */
export interface IndexDef {
  fields: string[];
  unique?: boolean;
}

export interface ObjectDef {
  $schema?: string;
  /** Stable identifier: `^[a-z][a-z0-9_]{0,62}$`. Becomes the table name. */
  apiName: string;
  labels: Labels;
  pluralLabels?: Labels;
  description?: string;
  /** The field shown as the record's name in lookups and lists. Default: `name` if present, else the first text field. */
  nameField?: string;
  fields: FieldDef[];
  indexes?: IndexDef[];
  /** Checked on every create and update, by the server and by the generated form. */
  validationRules?: ValidationRuleDef[];
  /** 查重: create and update are checked against live records with the same normalised values. */
  duplicateRules?: DuplicateRuleDef[];
  /** Variants of the object, each with its picklist value subsets and layout (layouts/layout-types.ts). */
  recordTypes?: RecordTypeDef[];
  /** Page layouts: sections, columns, field order, read-only, required and visibility rules. */
  layouts?: LayoutDef[];
  /** Sales processes over a stage picklist: stage rules, history, board, funnel (pipelines/pipeline-types.ts). */
  pipelines?: PipelineDef[];
  /** Multi-step approvals of the object's records (approvals/approval-types.ts). */
  approvalFlows?: ApprovalFlowDef[];
  /**
   * The object's records are activities (calls, tasks, notes, meetings): each appears on the
   * timeline of every record its lookups and polylookups point at (GET …/records/:id/timeline).
   */
  timeline?: boolean;
  /**
   * With `timeline`: the date or datetime field that places a record on the timeline (when the
   * call happened, the meeting's start), falling back to `created_at` while it is empty, so a call
   * logged today about last Tuesday sits at last Tuesday. Absent: `created_at`.
   */
  timelineAt?: string;
}

/** What `metadata/apply` accepts: one object or a bundle. */
export type MetadataDocument = ObjectDef | MetadataBundle;

/** Several objects at once. `remove` lists live objects to drop (soft: recoverable until purged). */
export interface MetadataBundle {
  $schema?: string;
  objects: ObjectDef[];
  remove?: string[];
  /** The tenant's business calendars, whole: absent keeps the live ones, `[]` removes them all. */
  calendars?: CalendarDef[];
}

/** Standard columns present on every object table. Field api names may not reuse them. */
export const STANDARD_FIELDS = ['id', 'created_at', 'updated_at', 'created_by', 'owner_id', 'version', 'deleted_at', 'record_type'] as const;
export type StandardFieldName = (typeof STANDARD_FIELDS)[number];

export const API_NAME_PATTERN = '^[a-z][a-z0-9_]{0,62}$';
