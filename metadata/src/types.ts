// The metamodel as TypeScript types: what an admin, the designer or a package writes.
// The JSON Schemas in ./schemas describe the same shapes for ajv and for editors ($schema);
// a test keeps the two in step.

/** Labels in the languages Tessera ships with. At least one is required; `en` is the fallback. */
export interface Labels {
  en?: string;
  zh?: string;
}

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
  | 'autonumber';

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
] as const;

interface FieldBase {
  /** Stable identifier: `^[a-z][a-z0-9_]{0,62}$`. Becomes the column name. */
  apiName: string;
  labels: Labels;
  description?: string;
  helpText?: Labels;
  required?: boolean;
  unique?: boolean;
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
}
export interface PicklistFieldDef extends FieldBase {
  type: 'picklist';
  values: PicklistValue[];
}
export interface MultipicklistFieldDef extends FieldBase {
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
export interface AutonumberFieldDef extends FieldBase {
  type: 'autonumber';
  /** e.g. `OPP-{0000}` or `CASE-{YYYY}{MM}-{000000}`: literal text, date tokens, one run of zeros for the counter. */
  format: string;
  /** First counter value. Default 1. */
  startAt?: number;
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
  | AutonumberFieldDef;

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
}

/** What `metadata/apply` accepts: one object or a bundle. */
export type MetadataDocument = ObjectDef | { $schema?: string; objects: ObjectDef[] };

/** Standard columns present on every object table. Field api names may not reuse them. */
export const STANDARD_FIELDS = [
  'id',
  'created_at',
  'updated_at',
  'created_by',
  'owner_id',
  'version',
  'deleted_at',
] as const;
export type StandardFieldName = (typeof STANDARD_FIELDS)[number];

export const API_NAME_PATTERN = '^[a-z][a-z0-9_]{0,62}$';
