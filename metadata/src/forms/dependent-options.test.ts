// Dependent picklists in generated forms: the form lists its dependencies, the rendered schema
// offers only what the controller allows (and still compiles with the server's ajv set-up), a
// field with nothing allowed turns read-only, and a controller change clears values down a chain.
import { describe, expect, it } from 'vitest';
import { createAjv } from '../ajv/create-ajv.ts';
import { normalise } from '../normalise/normalise.ts';
import type { JsonSchema } from '../schemas/json-schema.ts';
import type { ObjectDef } from '../types.ts';
import { buildFormSchema } from './build-form-schema.ts';
import { clearDisallowedDependents, narrowDependentOptions } from './dependent-options.ts';
import { formRecord } from './form-runtime.ts';
import type { FormDefinition } from './form-types.ts';

const labels = (en: string, zh: string) => ({ en, zh });
const values = (...names: string[]) => names.map((apiName) => ({ apiName, labels: labels(apiName, `${apiName}中`) }));
const ticket: ObjectDef = {
  apiName: 'ticket',
  labels: labels('Ticket', '工单'),
  fields: [
    { apiName: 'category', type: 'picklist', labels: labels('Category', '类别'), values: values('hw', 'sw', 'other') },
    {
      apiName: 'reason',
      type: 'picklist',
      labels: labels('Reason', '原因'),
      values: values('disk', 'bug', 'license'),
      controllingField: 'category',
      dependentValues: { hw: ['disk'], sw: ['bug', 'license'] },
    },
    {
      apiName: 'detail',
      type: 'multipicklist',
      labels: labels('Detail', '细节'),
      values: values('d1', 'd2'),
      controllingField: 'reason',
      dependentValues: { disk: ['d1'], bug: ['d1', 'd2'] },
    },
  ],
};

function form(): FormDefinition {
  const built = buildFormSchema(normalise(ticket), { mode: 'create', language: 'zh' });
  if (!built.ok) throw new Error(JSON.stringify(built.errors));
  return built.value;
}
const optionsOf = (schema: JsonSchema, field: string): unknown => {
  const property = (schema.properties as Record<string, JsonSchema>)[field] as JsonSchema;
  const oneOf = property.type === 'array' ? (property.items as JsonSchema).oneOf : property.oneOf;
  return (oneOf as { const: string }[] | undefined)?.map((option) => option.const);
};

describe('dependent picklists in forms', () => {
  it('lists the dependencies and narrows the options to the controller value', () => {
    const definition = form();
    expect(definition.dependencies).toEqual([
      { field: 'reason', controllingField: 'category', allowed: { hw: ['disk'], sw: ['bug', 'license'] } },
      { field: 'detail', controllingField: 'reason', allowed: { disk: ['d1'], bug: ['d1', 'd2'] } },
    ]);
    const sw = narrowDependentOptions(definition, definition, formRecord(definition, { category: 'sw', reason: 'bug' }));
    expect(optionsOf(sw.schema, 'reason')).toEqual(['bug', 'license']);
    expect(optionsOf(sw.schema, 'detail')).toEqual(['d1', 'd2']);
    const hw = narrowDependentOptions(definition, definition, formRecord(definition, { category: 'hw' }));
    expect(optionsOf(hw.schema, 'reason')).toEqual(['disk']);
    // The same schema judges the data as the server would: a disallowed value fails, an allowed one passes.
    const validate = createAjv().compile(hw.schema);
    expect(validate({ category: 'hw', reason: 'disk' })).toBe(true);
    expect(validate({ category: 'hw', reason: 'bug' })).toBe(false);
  });

  it('a controller with nothing allowed leaves the dependent read-only and empty', () => {
    const definition = form();
    const none = narrowDependentOptions(definition, definition, formRecord(definition, { category: 'other' }));
    expect(optionsOf(none.schema, 'reason')).toBeUndefined();
    expect(none.uiSchema.reason).toMatchObject({ 'ui:readonly': true });
    expect(optionsOf(none.schema, 'detail')).toBeUndefined();
    expect(createAjv().compile(none.schema)({ category: 'other' })).toBe(true);
  });

  it('changing the controller clears what it no longer allows, down the chain', () => {
    const definition = form();
    const record = (data: Record<string, unknown>) => formRecord(definition, data);
    expect(clearDisallowedDependents(definition, { category: 'sw', reason: 'bug', detail: ['d2'] }, record)).toEqual({
      category: 'sw',
      reason: 'bug',
      detail: ['d2'],
    });
    expect(clearDisallowedDependents(definition, { category: 'hw', reason: 'bug', detail: ['d1', 'd2'] }, record)).toEqual({ category: 'hw' });
    expect(clearDisallowedDependents(definition, { category: 'sw', reason: 'bug', detail: ['d1', 'd2'] }, record)).toEqual({
      category: 'sw',
      reason: 'bug',
      detail: ['d1', 'd2'],
    });
  });
});
