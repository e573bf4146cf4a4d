// TSR206 literal defaults must be values the field accepts; TSR207 autonumber formats.
// Types are already right (the schema checked them); this checks ranges, lengths and formats.
import { parseAutonumberFormat } from '../autonumber/parse-autonumber-format.ts';
import { type ProblemDetail, problem } from '../error-codes.ts';
import { countDigits, isValidDate, isValidDatetime, isValidEmail, isValidHttpUrl, isValidPhone } from '../formats/value-formats.ts';
import { canonicalTime } from '../formats/time-of-day.ts';
import type { NormalisedField } from '../normalised-types.ts';
import { joinPointer } from './json-pointer.ts';
import type { ObjectUnderCheck } from './object-under-check.ts';

const FORMAT_CHECKS: Partial<Record<NormalisedField['type'], [(value: string) => boolean, string]>> = {
  date: [isValidDate, 'a date (YYYY-MM-DD)'],
  datetime: [isValidDatetime, 'an ISO 8601 date-time with a time zone'],
  email: [isValidEmail, 'an email address'],
  phone: [isValidPhone, 'a phone number'],
  url: [isValidHttpUrl, 'an http or https URL'],
  time: [(value) => canonicalTime(value) !== undefined, 'a time of day (HH:MM or HH:MM:SS, 00:00–23:59:59)'],
};

export function checkDefaults(objects: readonly ObjectUnderCheck[]): ProblemDetail[] {
  const problems: ProblemDetail[] = [];
  for (const { def, normalised, path } of objects) {
    normalised.fields.forEach((field, index) => {
      const name = `${def.apiName}.${field.apiName}`;
      if (field.type === 'autonumber') {
        const parsed = parseAutonumberFormat(field.format);
        if (!parsed.ok) {
          problems.push(problem(joinPointer(path, 'fields', index, 'format'), 'TSR207', `${name}: ${parsed.message}`));
        }
        return;
      }
      const message = 'default' in field && field.default !== undefined ? defaultProblem(field) : undefined;
      if (message) problems.push(problem(joinPointer(path, 'fields', index, 'default'), 'TSR206', `default of ${name} ${message}`));
      const backfill = def.fields[index]?.backfill;
      const backfillMessage = backfill === undefined ? undefined : backfillProblem(field, backfill);
      if (backfillMessage) problems.push(problem(joinPointer(path, 'fields', index, 'backfill'), 'TSR206', `backfill of ${name} ${backfillMessage}`));
    });
  }
  return problems;
}

function defaultProblem(field: NormalisedField): string | undefined {
  if (!('default' in field)) return undefined;
  const value: unknown = field.default;
  if (typeof value === 'string' && 'maxLength' in field) {
    if (value.length > field.maxLength) return `is ${value.length} characters long; maxLength is ${field.maxLength}`;
    if ('minLength' in field && field.minLength !== undefined && value.length < field.minLength) {
      return `is ${value.length} characters long; minLength is ${field.minLength}`;
    }
  }
  const format = FORMAT_CHECKS[field.type];
  if (format && typeof value === 'string' && !format[0](value)) return `${JSON.stringify(value)} is not ${format[1]}`;
  if (typeof value === 'number' && 'precision' in field) {
    if (!Number.isFinite(value)) return 'must be a finite number';
    if (field.min !== undefined && value < field.min) return `${value} is less than min ${field.min}`;
    if (field.max !== undefined && value > field.max) return `${value} is greater than max ${field.max}`;
    const digits = countDigits(value);
    if (digits.fraction > field.scale) return `${value} has more than ${field.scale} digits after the decimal point`;
    if (digits.integer > field.precision - field.scale) {
      return `${value} has more than ${field.precision - field.scale} digits before the decimal point`;
    }
  }
  return undefined;
}

/** A backfill is checked like a default; picklists need active values of their list, lookups and user fields an id. */
function backfillProblem(field: NormalisedField, value: unknown): string | undefined {
  if (field.type === 'picklist' || field.type === 'multipicklist') {
    const active = new Set(field.values.filter((candidate) => !candidate.inactive).map((candidate) => candidate.apiName));
    const chosen = Array.isArray(value) ? value : [value];
    const unknown = chosen.filter((item) => typeof item !== 'string' || !active.has(item));
    return unknown.length > 0 ? `${JSON.stringify(unknown)} is not an active value of the list` : undefined;
  }
  if (field.type === 'lookup' || field.type === 'user') {
    return typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value) ? undefined : 'is not a record id';
  }
  return defaultProblem({ ...field, default: value } as NormalisedField);
}
