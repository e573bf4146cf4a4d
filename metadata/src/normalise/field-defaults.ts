// The defaults normalisation fills in, in one table so the designer can show them as placeholders.
import type { FieldType } from '../types.ts';

export const DEFAULT_MAX_LENGTH = { text: 255, textarea: 32768, email: 254, phone: 40, url: 2048, richtext: 65536 } as const satisfies Partial<
  Record<FieldType, number>
>;
export const DEFAULT_PRECISION = 18;
export const DEFAULT_SCALE = { number: 0, currency: 2, percent: 2 } as const satisfies Partial<Record<FieldType, number>>;
/** PostgreSQL numeric allows more, but 38 digits is where every client library still copes. */
export const MAX_PRECISION = 38;
export const DEFAULT_AUTONUMBER_START = 1;
/** Digits after the decimal point of a numeric formula result. */
export const DEFAULT_FORMULA_SCALE = 2;
