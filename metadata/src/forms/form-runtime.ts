// What a form does between keystrokes, as pure functions over a FormDefinition, so the browser
// and the server's evaluator cannot differ: build the record the rules see, decide which fields
// are hidden, cut hidden fields out of the schema, check validation rules, and build the body to send.
import type { JsonSchema } from '../schemas/json-schema.ts';
import type { FormDefinition, FormSection } from './form-types.ts';

/** The part of json-logic-js the form needs (the caller registers Tessera's operators on it). */
export interface JsonLogicEvaluator {
  apply(rule: never, data?: unknown): unknown;
  truthy(value: unknown): boolean;
}

type Values = Record<string, unknown>;

/**
 * The record as the API would render it: the stored record (edit) overlaid with the form's data,
 * every form field present (null when empty), so rules read what the server will read.
 */
export function formRecord(form: FormDefinition, formData: Values, stored: Values | null = null): Values {
  const record: Values = { ...(stored ?? {}) };
  if (form.recordType !== null && record.record_type === undefined) record.record_type = form.recordType;
  for (const name of Object.keys(form.schema.properties as object)) record[name] = formData[name] ?? null;
  return record;
}

/** Names of the fields whose visibility rule is falsy on the record. */
export function hiddenFields(form: FormDefinition, record: Values, jsonLogic: JsonLogicEvaluator): Set<string> {
  const hidden = new Set<string>();
  for (const rule of form.rules.visibility) {
    if (!jsonLogic.truthy(jsonLogic.apply(rule.when as never, record))) hidden.add(rule.field);
  }
  return hidden;
}

/** The schema and uiSchema without the hidden fields: they are neither shown, required nor checked. */
export function withoutHidden(
  form: FormDefinition,
  hidden: ReadonlySet<string>,
): { schema: JsonSchema; uiSchema: Record<string, unknown>; sections: FormSection[] } {
  if (hidden.size === 0) return { schema: form.schema, uiSchema: form.uiSchema, sections: form.sections };
  const keep = (name: string) => !hidden.has(name);
  const properties = Object.fromEntries(Object.entries(form.schema.properties as Record<string, JsonSchema>).filter(([name]) => keep(name)));
  const required = ((form.schema.required as string[] | undefined) ?? []).filter(keep);
  const sections = form.sections.map((section) => ({ ...section, fields: section.fields.filter(keep) })).filter((section) => section.fields.length > 0);
  const { required: _required, ...schema } = form.schema;
  return {
    schema: { ...schema, properties, ...(required.length > 0 ? { required } : {}) },
    uiSchema: { ...form.uiSchema, 'ui:order': (form.uiSchema['ui:order'] as string[]).filter(keep), 'ui:options': { sections } },
    sections,
  };
}

export interface RuleFailure {
  apiName: string;
  /** Field the message belongs to; undefined: the whole record. */
  field?: string;
  message: string;
}

/**
 * The form's validation rules on the record, with the context the server gives them:
 * `previous` (the stored record, null on create), `$today`, `$now` and `$user.id` (unknown here: null).
 */
export function failedValidationRules(
  form: FormDefinition,
  record: Values,
  stored: Values | null,
  jsonLogic: JsonLogicEvaluator,
  now = new Date(),
): RuleFailure[] {
  const data = { ...record, previous: stored, $today: now.toISOString().slice(0, 10), $now: now.toISOString(), $user: { id: null } };
  return form.rules.validation
    .filter((rule) => !jsonLogic.truthy(jsonLogic.apply(rule.condition as never, data)))
    .map((rule) => ({ apiName: rule.apiName, message: rule.message, ...(rule.field === undefined ? {} : { field: rule.field }) }));
}

/**
 * The request body: visible, writable fields only. On create empty fields are left out (the
 * server's defaults apply); on edit a field the user emptied is sent as null and unchanged ones are left out.
 */
export function formSubmission(form: FormDefinition, formData: Values, hidden: ReadonlySet<string>, stored: Values | null = null): Values {
  const readOnly = new Set(form.readOnlyFields);
  const body: Values = {};
  for (const name of Object.keys(form.schema.properties as object)) {
    if (readOnly.has(name) || hidden.has(name)) continue;
    const value = formData[name];
    if (form.mode === 'create') {
      if (value !== undefined) body[name] = value;
    } else if (stored && !sameValue(stored[name] ?? null, value ?? null)) body[name] = value ?? null;
  }
  if (form.mode === 'create' && form.recordType !== null) body.record_type = form.recordType;
  return body;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
