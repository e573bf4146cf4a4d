// A field while the admin edits it → the FieldDef and the object document the plan takes.
// Loosely typed on purpose: a half-typed field is not a FieldDef yet, and the metamodel (run on
// the would-be document) is what says what is still wrong, not a second set of rules here.
import type { FieldDef, FieldType, ObjectDef, PicklistValue } from '@tessera/metadata';

/** One picklist value row: `original` is its live api name, so a changed one becomes a rename. */
export interface ValueRow {
  key: string;
  original?: string;
  value: PicklistValue;
}

/** The JsonLogic properties, edited as JSON text. */
export const JSON_PROPERTIES = ['expression', 'defaultExpr', 'filter'] as const;
export type JsonProperty = (typeof JSON_PROPERTIES)[number];

export interface FieldDraft {
  field: Record<string, unknown> & { type: FieldType };
  values: ValueRow[];
  json: Partial<Record<JsonProperty, { text: string; error?: string }>>;
  /** A one-field index on this field (the object's `indexes`). */
  indexed: boolean;
}

let nextKey = 0;
export const newRowKey = () => `value-${++nextKey}`;

export function draftOf(field: FieldDef, indexed: boolean): FieldDraft {
  const { values, ...rest } = field as FieldDef & { values?: PicklistValue[] };
  const json: FieldDraft['json'] = {};
  for (const property of JSON_PROPERTIES) {
    const value = (field as unknown as Record<string, unknown>)[property];
    if (value !== undefined) json[property] = { text: JSON.stringify(value) };
  }
  return {
    field: rest as FieldDraft['field'],
    values: (values ?? []).map(({ order: _order, ...value }) => ({ key: newRowKey(), original: value.apiName, value })),
    json,
    indexed,
  };
}

/** Drops empty strings and labels, so an untouched box means "not set" rather than "". */
function cleanLabels(labels: unknown): Record<string, string> | undefined {
  if (!labels || typeof labels !== 'object') return undefined;
  const kept = Object.entries(labels as Record<string, unknown>).filter(([, text]) => typeof text === 'string' && text !== '');
  return Object.fromEntries(kept) as Record<string, string>;
}

export function fieldOf(draft: FieldDraft, hasValues: boolean): FieldDef {
  const field: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(draft.field)) {
    // `false` is the metamodel's default for required and unique; a boolean field's default keeps it.
    if (value === undefined || value === '' || (value === false && key !== 'default')) continue;
    field[key] = value;
  }
  // A backfill only means something while the field is being made required.
  if (field.required !== true) delete field.backfill;
  field.labels = cleanLabels(draft.field.labels) ?? {};
  const help = cleanLabels(draft.field.helpText);
  if (help && Object.keys(help).length > 0) field.helpText = help;
  else delete field.helpText;
  if (hasValues) {
    // Position is the order: the rows' order is what the admin arranged.
    field.values = draft.values.map(({ original, value }) => {
      const cleaned: PicklistValue = { apiName: value.apiName, labels: cleanLabels(value.labels) ?? {} };
      if (value.default) cleaned.default = true;
      if (value.inactive) cleaned.inactive = true;
      if (original !== undefined && original !== value.apiName) cleaned.renamedFrom = original;
      return cleaned;
    });
  }
  return field as unknown as FieldDef;
}

const isOwnIndex = (fields: string[], apiName: string) => fields.length === 1 && fields[0] === apiName;

/**
 * The object with this field put in place of `original` (or appended), and its one-field index set.
 * A new api name for a live field is a rename (`renamedFrom`: the column is renamed, data kept);
 * the object's name field and the field's own index follow it.
 */
export function withField(object: ObjectDef, field: FieldDef, original: string | undefined, indexed: boolean): ObjectDef {
  const at = original === undefined ? -1 : object.fields.findIndex((candidate) => candidate.apiName === original);
  const renamed = at >= 0 && original !== undefined && original !== field.apiName;
  const placed = renamed ? { ...field, renamedFrom: original } : field;
  const fields = at < 0 ? [...object.fields, placed] : object.fields.map((candidate, index) => (index === at ? placed : candidate));
  const others = (object.indexes ?? []).filter(
    (index) => index.unique || !(isOwnIndex(index.fields, field.apiName) || (original !== undefined && isOwnIndex(index.fields, original))),
  );
  const indexes = indexed ? [...others, { fields: [field.apiName] }] : others;
  const { indexes: _indexes, ...rest } = object;
  return {
    ...rest,
    ...(renamed && object.nameField === original ? { nameField: field.apiName } : {}),
    fields,
    ...(indexes.length > 0 ? { indexes } : {}),
  };
}

export function hasOwnIndex(object: ObjectDef, apiName: string): boolean {
  return (object.indexes ?? []).some((index) => !index.unique && isOwnIndex(index.fields, apiName));
}

/** Where the field sits in the document `withField` builds: its problems are under `/fields/<n>`. */
export function fieldPosition(object: ObjectDef, original: string | undefined): number {
  const at = original === undefined ? -1 : object.fields.findIndex((candidate) => candidate.apiName === original);
  return at < 0 ? object.fields.length : at;
}

/**
 * The object without this field (and its one-field index, and its place in the layouts): a soft
 * drop, its column kept until purged. Without taking it out of the layouts the metamodel refuses
 * the drop of any placed field ("layout … places 'x', which is not a field"); a revert puts it back.
 */
export function withoutField(object: ObjectDef, apiName: string): ObjectDef {
  const { indexes, layouts, ...rest } = object;
  const kept = (indexes ?? []).filter((index) => !isOwnIndex(index.fields, apiName));
  const laidOut = layouts?.map((layout) => ({
    ...layout,
    sections: layout.sections.map((section) => ({ ...section, fields: section.fields.filter((item) => item.field !== apiName) })),
  }));
  return {
    ...rest,
    fields: object.fields.filter((field) => field.apiName !== apiName),
    ...(kept.length > 0 ? { indexes: kept } : {}),
    ...(laidOut ? { layouts: laidOut } : {}),
  };
}
