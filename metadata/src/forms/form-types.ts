// What buildFormSchema returns: everything a client needs to render, check and submit one record
// form with react-jsonschema-form (@rjsf/core), as plain JSON so the runtime can serve it.
import type { JsonSchema } from '../schemas/json-schema.ts';
import type { JsonLogicRule } from '../types.ts';

export type FormMode = 'create' | 'edit';
export type FormLanguage = 'en' | 'zh';

export interface FormOptions {
  mode: FormMode;
  /** Titles, picklist labels, help texts and messages in this language (the other one is the fallback). Default en. */
  language?: FormLanguage;
  /** Api name of a record type; default: the object's default record type. */
  recordType?: string;
  /** Api name of a layout, overriding the record type's. */
  layout?: string;
  /** Fields this user may write; default: every writable field (security narrows it). */
  editable?: ReadonlySet<string>;
}

export interface FormSection {
  title?: string;
  columns: 1 | 2;
  fields: string[];
}

/** A field shows while `when` is truthy on the record (its section's rule and its own, combined). */
export interface FormVisibilityRule {
  field: string;
  when: JsonLogicRule;
}

/** A validation rule as the form runs it: `condition` must be truthy, else `message` shows on `field` (or the form). */
export interface FormValidationRule {
  apiName: string;
  condition: JsonLogicRule;
  message: string;
  field?: string;
}

/** A dependent picklist of the form: the values `field` allows per value of `controllingField` ("true"/"false" for a boolean). */
export interface FormDependency {
  field: string;
  controllingField: string;
  allowed: Record<string, string[]>;
}

export interface FormDefinition {
  object: string;
  mode: FormMode;
  language: FormLanguage;
  /** The record type a created record gets (send it as `record_type`); null when the object has none. */
  recordType: string | null;
  layout: string | null;
  /**
   * JSON Schema of the form data (draft-07 compatible, for @rjsf/validator-ajv8). To judge it as the
   * server does, validate with ajv set up like createAjv (Ajv2020, AJV_OPTIONS, addTesseraKeywords:
   * stock multipleOf refuses 1234567.89 at scale 2), and render picklists (`oneOf` of consts) with
   * RJSF's `constAsDefaults: 'skipOneOf'`, or RJSF pre-selects their first value. The designer does both.
   */
  schema: JsonSchema;
  /** react-jsonschema-form uiSchema: ui:order, ui:readonly, ui:help, ui:widget; sections under ui:options. */
  uiSchema: Record<string, unknown>;
  sections: FormSection[];
  /** Shown but never sent: computed fields, fields read-only on the layout or for this user. */
  readOnlyFields: string[];
  rules: { visibility: FormVisibilityRule[]; validation: FormValidationRule[] };
  /** Dependent picklists among the writable fields (absent when none): narrowDependentOptions applies them. */
  dependencies?: FormDependency[];
}
