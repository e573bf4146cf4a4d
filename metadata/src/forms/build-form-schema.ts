// NormalisedObject + { mode, language, recordType, layout, editable } → FormDefinition: the JSON
// Schema and uiSchema @rjsf/core renders, ordered and grouped by the layout, plus the visibility
// and validation rules the form evaluates as the user types. Pure; the runtime serves it per
// revision at GET /api/v1/forms/:object and the designer renders it.
import { type Result, ok } from '../error-codes.ts';
import type { NormalisedObject } from '../normalised-types.ts';
import { isReadOnlyField } from '../records/build-record-schema.ts';
import type { JsonSchema } from '../schemas/json-schema.ts';
import { analyseRule, type RuleNames } from '../rules/analyse-rule.ts';
import { type JsonLogicRule, RULE_CONTEXT_VARS, STANDARD_FIELDS } from '../types.ts';
import { formField } from './form-field-schema.ts';
import { isDependentField } from '../dependent/dependent-values.ts';
import type { FormDefinition, FormDependency, FormOptions, FormSection, FormValidationRule, FormVisibilityRule } from './form-types.ts';
import { pickLabel } from './pick-label.ts';
import { resolveLayout } from './resolve-layout.ts';

export function buildFormSchema(object: NormalisedObject, options: FormOptions): Result<FormDefinition> {
  const language = options.language ?? 'en';
  const resolved = resolveLayout(object, { mode: options.mode, ...pick(options, 'recordType', 'layout') });
  if (!resolved.ok) return resolved;
  const { recordType, layout } = resolved.value;
  const fields = new Map(object.fields.map((field) => [field.apiName, field]));
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  const uiSchema: Record<string, unknown> = {};
  const order: string[] = [];
  const readOnlyFields: string[] = [];
  const sections: FormSection[] = [];
  const visibility: FormVisibilityRule[] = [];
  const dependencies: FormDependency[] = [];

  for (const section of resolved.value.sections) {
    // Fields this user cannot read are absent from the object they were given: skip them.
    const items = section.fields.filter((item) => fields.has(item.field));
    if (items.length === 0) continue;
    sections.push({
      ...(section.labels ? { title: pickLabel(section.labels, language, '') } : {}),
      columns: section.columns,
      fields: items.map((item) => item.field),
    });
    for (const item of items) {
      const field = fields.get(item.field) as NonNullable<ReturnType<typeof fields.get>>;
      const writable = !isReadOnlyField(field) && (options.editable?.has(field.apiName) ?? true);
      const readOnly = item.readOnly || !writable;
      const built = formField(field, { mode: options.mode, language, recordType, readOnly });
      properties[field.apiName] = built.schema;
      if (Object.keys(built.ui).length > 0) uiSchema[field.apiName] = built.ui;
      order.push(field.apiName);
      if (!readOnly && isDependentField(field)) {
        dependencies.push({ field: field.apiName, controllingField: field.controllingField, allowed: field.dependentValues });
      }
      if (readOnly) readOnlyFields.push(field.apiName);
      else if (field.required || item.required) required.push(field.apiName);
      const when = combine(section.visibleWhen, item.visibleWhen);
      if (when !== undefined) visibility.push({ field: field.apiName, when });
    }
  }
  uiSchema['ui:order'] = order;
  uiSchema['ui:options'] = { sections };
  // No additionalProperties: false: values of fields hidden by a rule stay in the form's data
  // (they come back when the field shows again) and are left out when the form submits.
  const schema: JsonSchema = {
    type: 'object',
    title: pickLabel(object.labels, language, object.apiName),
    properties,
    ...(required.length > 0 ? { required } : {}),
  };
  return ok({
    object: object.apiName,
    mode: options.mode,
    language,
    recordType: recordType?.apiName ?? null,
    layout,
    schema,
    uiSchema,
    sections,
    readOnlyFields,
    rules: { visibility, validation: validationRules(object, language) },
    ...(dependencies.length > 0 ? { dependencies } : {}),
  });
}

function combine(section: JsonLogicRule | undefined, item: JsonLogicRule | undefined): JsonLogicRule | undefined {
  if (section === undefined) return item;
  if (item === undefined) return section;
  return { and: [section, item] };
}

function validationRules(object: NormalisedObject, language: FormOptions['language'] & string): FormValidationRule[] {
  // The view may lack fields the caller cannot read; a rule over them would fail here on a null
  // the server does not see, so the form leaves it to the server.
  const readable = new Set<string>([...object.fields.map((field) => field.apiName), ...STANDARD_FIELDS, ...RULE_CONTEXT_VARS, 'previous']);
  const anyName: RuleNames = { resolve: () => 'unknown', describe: '' };
  const readsOnlyReadable = (condition: unknown) =>
    [...analyseRule(condition, anyName, '').vars].every((name) => readable.has(name.startsWith('previous.') ? name.slice('previous.'.length) : name));
  return (object.validationRules ?? [])
    .filter((rule) => rule.active !== false && readsOnlyReadable(rule.condition))
    .map((rule) => ({
      apiName: rule.apiName,
      condition: rule.condition,
      message: pickLabel(rule.message, language, rule.apiName),
      ...(rule.field == null ? {} : { field: rule.field }),
    }));
}

function pick<T extends object, K extends keyof T>(source: T, ...keys: K[]): Partial<Pick<T, K>> {
  const picked: Partial<Pick<T, K>> = {};
  for (const key of keys) if (source[key] !== undefined) picked[key] = source[key];
  return picked;
}
