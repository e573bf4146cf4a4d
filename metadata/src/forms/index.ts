export { buildFormSchema } from './build-form-schema.ts';
export {
  failedValidationRules,
  formRecord,
  formSubmission,
  hiddenFields,
  type JsonLogicEvaluator,
  type RuleFailure,
  withoutHidden,
} from './form-runtime.ts';
export { clearDisallowedDependents, narrowDependentOptions } from './dependent-options.ts';
export type {
  FormDefinition,
  FormDependency,
  FormLanguage,
  FormMode,
  FormOptions,
  FormSection,
  FormValidationRule,
  FormVisibilityRule,
} from './form-types.ts';
export { pickLabel } from './pick-label.ts';
