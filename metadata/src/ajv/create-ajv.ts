// The one ajv setup: draft 2020-12, every error at once, the formats Tessera uses and a decimal
// `multipleOf`. The server compiles with createAjv(); the designer's RJSF validator builds its own
// instance from the same three exports (Ajv2020, AJV_OPTIONS, addTesseraKeywords), so a value the
// form accepts is a value the server accepts: one setup, not two that must be kept in step.
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { isStorableDate, isStorableDatetime } from '../formats/calendar-range.ts';
import { isDecimalMultiple } from './decimal-multiple-of.ts';

export type Ajv = InstanceType<typeof Ajv2020>;
export { Ajv2020 };

export const AJV_OPTIONS = {
  allErrors: true,
  // Type unions such as ["string", "null"] are intended; keep the rest of strict mode.
  strictTypes: false,
} as const;

/** Tessera's formats and its decimal `multipleOf` on an ajv 2020 instance (returned, for RJSF's extenderFn). */
export function addTesseraKeywords<T extends Ajv>(ajv: T): T {
  addFormats(ajv, ['email', 'uri', 'uuid']);
  // RFC 3339 as ajv-formats checks it, within the years PostgreSQL stores (1–9999).
  ajv.addFormat('date', { type: 'string', validate: isStorableDate });
  ajv.addFormat('date-time', { type: 'string', validate: isStorableDatetime });
  // Same keyword, decimal arithmetic: schemas stay standard for forms and OpenAPI, while ajv's own
  // multipleOf divides in binary and refuses 1234567.89 as a multiple of 0.01.
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

export function createAjv(): Ajv {
  return addTesseraKeywords(new Ajv2020(AJV_OPTIONS));
}
