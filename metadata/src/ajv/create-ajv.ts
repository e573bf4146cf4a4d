// The one ajv factory: draft 2020-12, every error at once, the formats Tessera uses.
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { isDecimalMultiple } from './decimal-multiple-of.ts';

export type Ajv = InstanceType<typeof Ajv2020>;

export function createAjv(): Ajv {
  const ajv = new Ajv2020({
    allErrors: true,
    // Type unions such as ["string", "null"] are intended; keep the rest of strict mode.
    strictTypes: false,
  });
  addFormats(ajv, ['date', 'date-time', 'email', 'uri', 'uuid']);
  // Same keyword, decimal arithmetic: schemas stay standard for forms and OpenAPI.
  ajv.removeKeyword('multipleOf');
  ajv.addKeyword({
    keyword: 'multipleOf',
    type: 'number',
    schemaType: 'number',
    error: { message: 'must be a multiple of the step' },
    validate: (step: number, value: number) => isDecimalMultiple(value, step),
  });
  return ajv;
}
