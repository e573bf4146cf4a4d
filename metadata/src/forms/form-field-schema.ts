// One field → its JSON Schema and uiSchema entry in a generated form. Writable fields start from
// fieldInputSchema, the very schema the server's record validator compiles, then get the form's
// language and the record type's picklist values; read-only fields show what the API returns.
import type { NormalisedRecordType } from '../layouts/layout-types.ts';
import { offeredValues } from '../layouts/record-types.ts';
import type { NormalisedField, NormalisedPicklistValue } from '../normalised-types.ts';
import { fieldDefault, fieldInputSchema, fieldOutputSchema } from '../records/field-value-schema.ts';
import type { JsonSchema } from '../schemas/json-schema.ts';
import type { FormLanguage, FormMode } from './form-types.ts';
import { pickLabel } from './pick-label.ts';

export interface FormField {
  schema: JsonSchema;
  ui: Record<string, unknown>;
}

export interface FormFieldContext {
  mode: FormMode;
  language: FormLanguage;
  recordType: NormalisedRecordType | undefined;
  readOnly: boolean;
}

const WIDGETS: Partial<Record<NormalisedField['type'], string>> = {
  textarea: 'textarea',
  multipicklist: 'checkboxes',
  lookup: 'lookup',
  manytomany: 'multilookup',
  user: 'user',
  richtext: 'richtext',
  time: 'time',
};

export function formField(field: NormalisedField, context: FormFieldContext): FormField {
  const title = pickLabel(field.labels, context.language, field.apiName);
  const help = field.helpText ? pickLabel(field.helpText, context.language, '') : '';
  const ui: Record<string, unknown> = {
    ...(help ? { 'ui:help': help } : {}),
    ...(WIDGETS[field.type] ? { 'ui:widget': WIDGETS[field.type] } : {}),
    ...(field.type === 'lookup' || field.type === 'manytomany' ? { 'ui:options': { target: field.target } } : {}),
    // An object value: rjsf picks a *field* (not a widget) for objects — the object select plus a search picker.
    ...(field.type === 'polylookup' ? { 'ui:field': 'polylookup', 'ui:options': { targets: field.targets } } : {}),
    ...(field.type === 'geolocation' ? { 'ui:field': 'geolocation' } : {}),
    // References to uploaded files: the upload widget (a form uploads before it saves the record).
    ...(field.type === 'file' || field.type === 'image'
      ? {
          'ui:field': 'file',
          'ui:fieldReplacesAnyOrOneOf': true,
          'ui:options': { multiple: field.multiple, image: field.type === 'image', accept: field.accept, maxSizeMb: field.maxSizeMb },
        }
      : {}),
    ...(context.readOnly ? { 'ui:readonly': true } : {}),
  };
  if (context.readOnly) {
    const values = 'values' in field ? field.values : [];
    return { schema: { ...withPicklistTitles(fieldOutputSchema(field), values, undefined, context.language), title, readOnly: true }, ui };
  }
  const offered = 'values' in field ? offeredValues(field, context.recordType) : undefined;
  const schema = withPicklistTitles(fieldInputSchema(field), 'values' in field ? field.values : [], offered, context.language);
  const defaultValue = context.mode === 'create' ? offeredDefault(fieldDefault(field), offered) : undefined;
  return { schema: { ...schema, title, ...(defaultValue === undefined ? {} : { default: defaultValue }) }, ui };
}

/** `enum` → `oneOf: [{ const, title }]`, which @rjsf/core renders as options with labels. */
function withPicklistTitles(schema: JsonSchema, values: readonly NormalisedPicklistValue[], offered: string[] | undefined, language: FormLanguage): JsonSchema {
  if (values.length === 0) return schema;
  const names = offered ?? values.map((value) => value.apiName);
  const options = names.map((name) => {
    const value = values.find((candidate) => candidate.apiName === name);
    return { const: name, title: pickLabel(value?.labels, language, name) };
  });
  if (schema.type === 'array') {
    const { enum: _enum, ...items } = schema.items as JsonSchema;
    return { ...schema, items: { ...items, oneOf: options } };
  }
  const { enum: _enum, ...rest } = schema;
  return { ...rest, oneOf: options };
}

/** A picklist default the record type does not offer is dropped rather than preselected. */
function offeredDefault(value: unknown, offered: string[] | undefined): unknown {
  if (value === undefined || offered === undefined) return value;
  if (Array.isArray(value)) {
    const kept = value.filter((item) => offered.includes(item as string));
    return kept.length > 0 ? kept : undefined;
  }
  return offered.includes(value as string) ? value : undefined;
}
