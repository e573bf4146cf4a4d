// Record types and page layouts as the metamodel states them (ObjectDef.recordTypes / .layouts).
// A record type is a variant of an object (Salesforce's record type, 纷享销客's 业务类型): it offers
// a subset of each picklist's values and picks the layout its records are edited with. A layout
// arranges the object's fields into sections and columns and adds presentation rules (read-only,
// required on this layout, visible when a JsonLogic rule holds on the record being edited).
import type { JsonLogicRule, Labels } from '../leaf-types.ts';

export interface RecordTypeDef {
  /** Stable identifier, unique within the object; stored in every record's `record_type` column. */
  apiName: string;
  labels: Labels;
  description?: string;
  /**
   * Per picklist or multipicklist field api name: the values this record type offers, a subset of
   * the field's active values (order follows the field). A field not listed offers all its values.
   */
  picklistValues?: Record<string, string[]>;
  /** The record type of records created without one. At most one; default: the first. */
  default?: boolean;
  /** Api name of the layout its records use. Default: the object's first layout. */
  layout?: string;
  /** Default true. An inactive record type is kept on old records but refused on new writes. */
  active?: boolean;
}

export interface LayoutItemDef {
  /** Api name of a field of the object. */
  field: string;
  /** Shown but not editable on this layout (formulas, roll-ups and autonumbers always are). */
  readOnly?: boolean;
  /** Must be filled in on this layout (enforced by the form; the API enforces field-level `required` only). */
  required?: boolean;
  /**
   * JsonLogic over the record being edited (as the API renders it): the field shows while the rule
   * is truthy. Hidden fields are neither required nor sent. Uses the list-filter operators only,
   * so the same rule also runs as SQL.
   */
  visibleWhen?: JsonLogicRule;
}

export interface LayoutSectionDef {
  /** Section heading; omitted: a section without a heading. */
  labels?: Labels;
  /** 1 (default) or 2 columns. */
  columns?: 1 | 2;
  fields: LayoutItemDef[];
  /** The whole section shows while this rule is truthy (same rules as a field's visibleWhen). */
  visibleWhen?: JsonLogicRule;
}

export interface LayoutDef {
  /** Stable identifier, unique within the object. */
  apiName: string;
  labels: Labels;
  sections: LayoutSectionDef[];
}

/** A record type after normalisation: flags filled, the layout resolved (null: the object has none). */
export interface NormalisedRecordType {
  apiName: string;
  labels: Labels;
  description?: string;
  /** Only the fields the definition restricts; keys in definition order, values in the field's order. */
  picklistValues: Record<string, string[]>;
  /** Exactly one record type of an object is the default. */
  default: boolean;
  layout: string | null;
  active: boolean;
}

export interface NormalisedLayoutItem {
  field: string;
  readOnly: boolean;
  required: boolean;
  visibleWhen?: JsonLogicRule;
}

export interface NormalisedLayoutSection {
  labels?: Labels;
  columns: 1 | 2;
  fields: NormalisedLayoutItem[];
  visibleWhen?: JsonLogicRule;
}

export interface NormalisedLayout {
  apiName: string;
  labels: Labels;
  sections: NormalisedLayoutSection[];
}
