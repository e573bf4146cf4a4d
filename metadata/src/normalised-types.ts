// The normalised definition: the metamodel after validation, with every default filled in and
// storage names decided. It is what a revision stores, what diff compares and what the runtime
// compiles. Nothing downstream of normalisation ever looks at raw metadata JSON.
import type { NormalisedLayout, NormalisedRecordType } from './layouts/layout-types.ts';
import type { NormalisedPipeline } from './pipelines/pipeline-types.ts';
import type { NormalisedApprovalFlow } from './approvals/approval-types.ts';

export type { NormalisedLayout, NormalisedLayoutItem, NormalisedLayoutSection, NormalisedRecordType } from './layouts/layout-types.ts';
export type { NormalisedPipeline, NormalisedStage, NormalisedTimeLimit } from './pipelines/pipeline-types.ts';
export type { NormalisedApprovalFlow, NormalisedApprovalStep } from './approvals/approval-types.ts';
import type {
  AutonumberFieldDef,
  BooleanFieldDef,
  CurrencyFieldDef,
  DateFieldDef,
  DatetimeFieldDef,
  TimeFieldDef,
  DuplicateNormaliser,
  DuplicateRuleDef,
  EmailFieldDef,
  FormulaFieldDef,
  FormulaReturnType,
  Labels,
  LookupDeleteBehaviour,
  LookupFieldDef,
  UserFieldDef,
  MultipicklistFieldDef,
  NumberFieldDef,
  PercentFieldDef,
  PhoneFieldDef,
  PicklistFieldDef,
  PicklistValue,
  RollupFieldDef,
  RichtextFieldDef,
  PolylookupFieldDef,
  ManyToManyFieldDef,
  GeolocationFieldDef,
  FileFieldDef,
  TextareaFieldDef,
  TextFieldDef,
  UrlFieldDef,
  ValidationRuleDef,
} from './types.ts';

// Evolution directives (renamedFrom, backfill) steer one diff and are never stored.
type Filled<T, K extends keyof T> = Omit<T, K | 'renamedFrom' | 'backfill'> & Required<Pick<T, K>>;
/** Computed fields are never required or unique; the flags are present (false) so field code reads them uniformly. */
type Computed<T> = Omit<T, 'renamedFrom' | 'backfill' | 'defaultExpr'> & { required: boolean; unique: boolean };
type Common = 'required' | 'unique';

export type NormalisedPicklistValue = Filled<PicklistValue, 'order' | 'default' | 'inactive'>;

export type NormalisedTextField = Filled<TextFieldDef, Common | 'maxLength'>;
export type NormalisedTextareaField = Filled<TextareaFieldDef, Common | 'maxLength'>;
export type NormalisedNumberField = Filled<NumberFieldDef, Common | 'precision' | 'scale'>;
export type NormalisedCurrencyField = Filled<CurrencyFieldDef, Common | 'precision' | 'scale'>;
export type NormalisedPercentField = Filled<PercentFieldDef, Common | 'precision' | 'scale'>;
export type NormalisedBooleanField = Filled<BooleanFieldDef, Common>;
export type NormalisedDateField = Filled<DateFieldDef, Common>;
export type NormalisedDatetimeField = Filled<DatetimeFieldDef, Common>;
export type NormalisedTimeField = Filled<TimeFieldDef, Common>;
export type NormalisedEmailField = Filled<EmailFieldDef, Common | 'maxLength'>;
export type NormalisedPhoneField = Filled<PhoneFieldDef, Common | 'maxLength'>;
export type NormalisedUrlField = Filled<UrlFieldDef, Common | 'maxLength'>;
export type NormalisedPicklistField = Omit<Filled<PicklistFieldDef, Common>, 'values'> & {
  /** Sorted by `order`. */
  values: NormalisedPicklistValue[];
};
export type NormalisedMultipicklistField = Omit<Filled<MultipicklistFieldDef, Common>, 'values'> & {
  values: NormalisedPicklistValue[];
};
export type NormalisedLookupField = Filled<LookupFieldDef, Common> & {
  onDelete: LookupDeleteBehaviour;
  /** Name of the foreign-key constraint, derived from the validated api names. */
  constraintName: string;
};
/** A user reference: the foreign key to the tenant's `_users` table is always `on delete restrict` (users are deactivated). */
export type NormalisedUserField = Filled<UserFieldDef, Common> & {
  /** Name of the foreign-key constraint, derived from the validated api names. */
  constraintName: string;
};
export type NormalisedAutonumberField = Filled<AutonumberFieldDef, Common | 'startAt'> & {
  /** Name of the PostgreSQL sequence that feeds the counter. */
  sequenceName: string;
};

export type NormalisedFormulaField = Computed<FormulaFieldDef> & {
  /** Filled for every result type (default 2); applied to number, currency and percent results only. */
  scale: number;
};
/** The column type a roll-up stores: count is a number; sum/min/max take the summarised field's type. */
export type RollupResultType = 'number' | 'currency' | 'percent' | 'date' | 'datetime';
export interface RollupResult {
  type: RollupResultType;
  /** numeric(precision, scale) for numeric results: the summarised field's (18, 0 for count). */
  precision: number;
  scale: number;
}
export type NormalisedRollupField = Computed<RollupFieldDef> & {
  /** Resolved from the child object during validation. */
  result: RollupResult;
};

export type NormalisedRichtextField = Filled<RichtextFieldDef, Common | 'maxLength'>;
export type NormalisedPolylookupField = Filled<PolylookupFieldDef, Common>;
/** Never required or unique (the flags are false so field code reads them uniformly). */
export type NormalisedManyToManyField = Filled<ManyToManyFieldDef, Common> & {
  /** The managed junction table: (source_id, target_id, created_at), derived from the api names. */
  junctionTable: string;
};
export type NormalisedGeolocationField = Filled<GeolocationFieldDef, Common>;
/** `accept` filled: the image types for an image field, `[]` (any type) for a file field. */
export type NormalisedFileField = Filled<FileFieldDef, Common | 'multiple' | 'maxSizeMb' | 'accept'>;

export type NormalisedField =
  | NormalisedTextField
  | NormalisedTextareaField
  | NormalisedNumberField
  | NormalisedCurrencyField
  | NormalisedPercentField
  | NormalisedBooleanField
  | NormalisedDateField
  | NormalisedDatetimeField
  | NormalisedEmailField
  | NormalisedPhoneField
  | NormalisedUrlField
  | NormalisedPicklistField
  | NormalisedMultipicklistField
  | NormalisedLookupField
  | NormalisedAutonumberField
  | NormalisedFormulaField
  | NormalisedRollupField
  | NormalisedUserField
  | NormalisedRichtextField
  | NormalisedTimeField
  | NormalisedPolylookupField
  | NormalisedManyToManyField
  | NormalisedGeolocationField
  | NormalisedFileField;

export interface NormalisedIndexColumn {
  field: string;
  descending: boolean;
}
export interface NormalisedIndex {
  /** Derived, stable, at most 63 characters. */
  name: string;
  columns: NormalisedIndexColumn[];
  unique: boolean;
}

export interface NormalisedObject {
  apiName: string;
  labels: Labels;
  pluralLabels: Labels;
  description?: string;
  nameField: string | null;
  /** In definition order. */
  fields: NormalisedField[];
  indexes: NormalisedIndex[];
  /** Present only when the object has rules (keeps snapshots of rule-less objects unchanged). */
  validationRules?: NormalisedValidationRule[];
  duplicateRules?: NormalisedDuplicateRule[];
  /** Present only when the object defines record types / layouts (layouts/layout-types.ts). */
  recordTypes?: NormalisedRecordType[];
  layouts?: NormalisedLayout[];
  /** Present only when the object defines pipelines. */
  pipelines?: NormalisedPipeline[];
  /** Present only when the object defines approval flows. */
  approvalFlows?: NormalisedApprovalFlow[];
  /** Present (true) only when the object's records are timeline activities. */
  timeline?: true;
  /** Present only on timeline objects that place their records by a date or datetime field. */
  timelineAt?: string;
}

export type NormalisedValidationRule = Omit<ValidationRuleDef, 'field' | 'active'> & {
  /** null: the rule's error belongs to the whole record. */
  field: string | null;
  active: boolean;
};

export type NormalisedDuplicateRule = Omit<DuplicateRuleDef, 'fields' | 'active'> & {
  fields: { field: string; normalise: DuplicateNormaliser[] }[];
  active: boolean;
};

export type { FormulaReturnType };
import type { CalendarDef } from './calendars/calendar-types.ts';

/** The whole model of one tenant at one revision. Objects sorted by api name. */
export interface MetadataSnapshot {
  objects: NormalisedObject[];
  /**
   * The tenant's business calendars as written (validated, sorted by api name). Absent when there
   * are none, so snapshots (and their hashes) from before calendars existed stay as they were.
   */
  calendars?: CalendarDef[];
}

export const EMPTY_SNAPSHOT: MetadataSnapshot = Object.freeze({ objects: [] }) as MetadataSnapshot;
