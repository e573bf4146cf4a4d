// Caller's view of an object + form request → FormDefinition, built once per (view, request) and
// kept for the life of the revision: the view objects come from the per-revision catalog (and, for
// users, the per-permission-set secure catalog), so a WeakMap on them expires with the revision.
import { buildFormSchema, type FormDefinition, type FormOptions, type JsonSchema, type Result, ok } from '@tessera/metadata';
import type { CompiledObject } from '../catalog/catalog-types.ts';

export interface ServedForm extends FormDefinition {
  /** False when the caller may not create (create mode) or edit (edit mode) records of the object. */
  canSubmit: boolean;
}

const formsByObject = new WeakMap<CompiledObject, Map<string, Result<ServedForm>>>();

export function compiledForm(object: CompiledObject, options: Omit<FormOptions, 'editable'>): Result<ServedForm> {
  let forms = formsByObject.get(object);
  if (!forms) {
    forms = new Map();
    formsByObject.set(object, forms);
  }
  const key = JSON.stringify([options.mode, options.language, options.recordType, options.layout]);
  let form = forms.get(key);
  if (!form) {
    form = buildServedForm(object, options);
    if (forms.size < 200) forms.set(key, form);
  }
  return form;
}

function buildServedForm(object: CompiledObject, options: Omit<FormOptions, 'editable'>): Result<ServedForm> {
  const access = object.rowAccess;
  const canSubmit = options.mode === 'create' ? (access?.canCreate ?? true) : (access?.canEdit ?? true);
  // Without the object permission every field is read-only; otherwise the view's writable fields.
  const editable = canSubmit ? object.writable : new Set<string>();
  const built = buildFormSchema(object.definition, { ...options, editable });
  if (!built.ok) return built;
  return ok({ ...withOwner(built.value, canSubmit && (access === undefined || access.canAssignOwner)), canSubmit });
}

/** owner_id follows the layout's fields, writable only by those who may assign owners. */
function withOwner(form: FormDefinition, writable: boolean): FormDefinition {
  // 负责人, as the record page and exports name it; picked by name from the people directory (ui:widget user).
  const owner: JsonSchema = { title: form.language === 'zh' ? '负责人' : 'Owner', type: 'string', format: 'uuid', ...(writable ? {} : { readOnly: true }) };
  return {
    ...form,
    schema: { ...form.schema, properties: { ...(form.schema.properties as Record<string, JsonSchema>), owner_id: owner } },
    uiSchema: {
      ...form.uiSchema,
      'ui:order': [...(form.uiSchema['ui:order'] as string[]), 'owner_id'],
      owner_id: writable ? { 'ui:widget': 'user' } : { 'ui:widget': 'user', 'ui:readonly': true },
    },
    readOnlyFields: writable ? form.readOnlyFields : [...form.readOnlyFields, 'owner_id'],
  };
}
