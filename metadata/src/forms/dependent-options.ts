// Dependent picklists in a form (issue #21): the dependent field offers only the values its
// controlling field's current value allows (the server's check, dependent-values.ts, applied to
// the schema the form renders and validates), shows read-only when none is allowed, and a value
// the new controller does not allow is cleared as the controller changes, down a chain of
// dependents. Pure: the designer calls these on every change.
import { controllingKey } from '../dependent/dependent-values.ts';
import type { JsonSchema } from '../schemas/json-schema.ts';
import type { FormDefinition, FormDependency } from './form-types.ts';

type Values = Record<string, unknown>;

function allowedFor(dependency: FormDependency, record: Values): string[] {
  const key = controllingKey(record[dependency.controllingField]);
  return key !== undefined && Object.hasOwn(dependency.allowed, key) ? (dependency.allowed[key] ?? []) : [];
}

/** The rendered schema and uiSchema with each dependent field narrowed to what its controller allows on `record`. */
export function narrowDependentOptions<View extends { schema: JsonSchema; uiSchema: Record<string, unknown> }>(
  form: FormDefinition,
  view: View,
  record: Values,
): View {
  const dependencies = form.dependencies ?? [];
  const properties = view.schema.properties as Record<string, JsonSchema> | undefined;
  if (dependencies.length === 0 || !properties) return view;
  const nextProperties = { ...properties };
  const uiSchema = { ...view.uiSchema };
  for (const dependency of dependencies) {
    const property = properties[dependency.field];
    if (!property || property.readOnly === true) continue;
    const allowed = new Set(allowedFor(dependency, record));
    const multiple = property.type === 'array';
    const options = ((multiple ? (property.items as JsonSchema).oneOf : property.oneOf) as { const: string }[] | undefined) ?? [];
    const kept = options.filter((option) => allowed.has(option.const));
    const fieldUi = { ...((uiSchema[dependency.field] as Record<string, unknown> | undefined) ?? {}) };
    if (kept.length > 0) {
      nextProperties[dependency.field] = multiple ? { ...property, items: { ...(property.items as JsonSchema), oneOf: kept } } : { ...property, oneOf: kept };
    } else {
      // Nothing to choose (ajv refuses an empty oneOf): the field shows empty and read-only.
      const { oneOf: _oneOf, ...rest } = property;
      const { oneOf: _items, ...items } = (property.items as JsonSchema | undefined) ?? {};
      nextProperties[dependency.field] = multiple ? { ...rest, items } : rest;
      fieldUi['ui:readonly'] = true;
      delete fieldUi['ui:widget'];
    }
    fieldUi['ui:options'] = { ...((fieldUi['ui:options'] as object | undefined) ?? {}), controllingField: dependency.controllingField };
    uiSchema[dependency.field] = fieldUi;
  }
  return { ...view, schema: { ...view.schema, properties: nextProperties }, uiSchema };
}

/**
 * The form data without dependent values their controller (as on `record(data)`) no longer
 * allows: cleared, so the user picks again. Repeats while a clearing changes another controller.
 */
export function clearDisallowedDependents(form: FormDefinition, data: Values, record: (data: Values) => Values): Values {
  const dependencies = form.dependencies ?? [];
  let current = data;
  for (let round = 0; round <= dependencies.length; round++) {
    const seen = record(current);
    let changed = false;
    const next = { ...current };
    for (const dependency of dependencies) {
      const value = next[dependency.field];
      if (value === undefined || value === null) continue;
      const allowed = allowedFor(dependency, seen);
      if (Array.isArray(value)) {
        const kept = value.filter((item) => allowed.includes(item as string));
        if (kept.length === value.length) continue;
        if (kept.length > 0) next[dependency.field] = kept;
        else delete next[dependency.field];
      } else if (!allowed.includes(value as string)) delete next[dependency.field];
      else continue;
      changed = true;
    }
    if (!changed) return current;
    current = next;
  }
  return current;
}
