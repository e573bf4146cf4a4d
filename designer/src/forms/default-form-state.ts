// What a generated form holds before the user touches it. Picklists are `oneOf: [{ const, title }]`,
// and by default @rjsf/core takes the first const as the field's value: an untouched 行业 was saved
// as its first option, and a required picklist never asked (issue #15, defect 5). With `skipOneOf`
// only a real `default` (a picklist's default value, served in create mode) pre-fills a field.
import { type Experimental_DefaultFormStateBehavior, getDefaultFormState, type RJSFSchema } from '@rjsf/utils';
import { formValidator } from './form-validator.ts';

/** Given to <Form> too, so the defaults RJSF fills for fields that show later follow the same rule. */
export const DEFAULT_FORM_STATE: Experimental_DefaultFormStateBehavior = { constAsDefaults: 'skipOneOf' };

type Values = Record<string, unknown>;

/** The form's data on open: `formData` plus the schema's defaults, computed as <Form> computes them. */
export function initialFormData(schema: RJSFSchema, formData: Values): Values {
  return (getDefaultFormState(formValidator, schema, formData, schema, false, DEFAULT_FORM_STATE) ?? {}) as Values;
}
