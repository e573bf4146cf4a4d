// The validator the designer hands to react-jsonschema-form (designer/src/forms/generated-form.tsx
// imports @rjsf/validator-ajv8's default export), loaded from the designer's own dependencies so
// the suite checks records exactly as the form would.
import { createRequire } from 'node:module';

export interface FormValidationError {
  property?: string;
  message?: string;
  stack: string;
}

interface RjsfValidator {
  validateFormData(formData: unknown, schema: object): { errors: FormValidationError[] };
}

const designerRequire = createRequire(new URL('../../../designer/package.json', import.meta.url));
export const designerValidator = (designerRequire('@rjsf/validator-ajv8') as { default: RjsfValidator }).default;
