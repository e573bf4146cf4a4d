// The normalised definition: the metamodel after validation, with every default filled in and
// storage names decided. It is what a revision stores, what diff compares and what the runtime
// compiles. Nothing downstream of normalisation ever looks at raw metadata JSON.
import type {
  AutonumberFieldDef,
  BooleanFieldDef,
  CurrencyFieldDef,
  DateFieldDef,
  DatetimeFieldDef,
  EmailFieldDef,
  Labels,
  LookupDeleteBehaviour,
  LookupFieldDef,
  MultipicklistFieldDef,
  NumberFieldDef,
  PercentFieldDef,
  PhoneFieldDef,
  PicklistFieldDef,
  PicklistValue,
  TextareaFieldDef,
  TextFieldDef,
  UrlFieldDef,
} from './types.ts';

type Filled<T, K extends keyof T> = Omit<T, K> & Required<Pick<T, K>>;
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
export type NormalisedAutonumberField = Filled<AutonumberFieldDef, Common | 'startAt'> & {
  /** Name of the PostgreSQL sequence that feeds the counter. */
  sequenceName: string;
};

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
  | NormalisedAutonumberField;

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
}

/** The whole model of one tenant at one revision. Objects sorted by api name. */
export interface MetadataSnapshot {
  objects: NormalisedObject[];
}

export const EMPTY_SNAPSHOT: MetadataSnapshot = Object.freeze({ objects: [] }) as MetadataSnapshot;
