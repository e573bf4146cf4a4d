// NormalisedObject + mode → a compiled check returning every problem of a record body, with the
// record field as JSON pointer (`/amount`) and a TSR4xx code. Compile once per revision.
import type { ErrorObject } from 'ajv';
import { type Ajv, createAjv } from '../ajv/create-ajv.ts';
import { type ErrorCode, type ProblemDetail, problem } from '../error-codes.ts';
import type { NormalisedField, NormalisedObject } from '../normalised-types.ts';
import { escapePointerSegment, valueAtPointer } from '../validate/json-pointer.ts';
import { recordTypeOfBody, recordTypeValueProblems } from '../layouts/record-type-values.ts';
import { type RecordWriteMode, buildRecordSchema, readOnlyFieldNames } from './build-record-schema.ts';
import { compileOversizedTexts } from './oversized-texts.ts';
import { unstorableTextProblems } from '../formats/storable-text.ts';
import { isPlainObject } from '../is-plain-object.ts';

export type RecordValidator = (record: unknown) => ProblemDetail[];

const FORMAT_NAMES: Partial<Record<NormalisedField['type'], string>> = {
  email: 'an email address',
  url: 'an http or https URL',
  phone: 'a phone number (digits, spaces, + - ( ) . and an optional extension)',
  date: 'a date (YYYY-MM-DD)',
  datetime: 'an ISO 8601 date-time with a time zone',
  lookup: 'a record id (UUID)',
};

export function compileRecordValidator(object: NormalisedObject, mode: RecordWriteMode, ajv: Ajv = createAjv()): RecordValidator {
  const validate = ajv.compile(buildRecordSchema(object, mode));
  const readOnly = readOnlyFieldNames(object, mode);
  const fields = new Map(object.fields.map((field) => [field.apiName, field]));
  const requiredFields = new Set(object.fields.filter((field) => field.required).map((field) => field.apiName));
  // Record types narrow picklists further: checked once the values are values of the picklist.
  const recordTypeChecks = (record: unknown, reported: ProblemDetail[]): ProblemDetail[] => {
    if (!object.recordTypes || typeof record !== 'object' || record === null || Array.isArray(record)) return reported;
    const body = record as Record<string, unknown>;
    const recordType = recordTypeOfBody(object, body, mode);
    if (!recordType) return reported;
    const fieldOf = (path: string) => path.split('/')[1];
    const flagged = new Set(reported.map((detail) => fieldOf(detail.path)));
    return [...reported, ...recordTypeValueProblems(object, recordType, body).filter((detail) => !flagged.has(fieldOf(detail.path)))];
  };
  const oversizedTexts = compileOversizedTexts(object);
  return (record) => {
    // Lengths first: a value already too long is reported as such and kept away from patterns.
    const oversized = isPlainObject(record) ? oversizedTexts(record) : undefined;
    const checked = oversized ? Object.fromEntries(Object.entries(record as object).filter(([name]) => !oversized.names.has(name))) : record;
    // NUL and lone surrogates: PostgreSQL refuses the one and silently replaces the other (TSR120).
    const unstorable = unstorableTextProblems(checked);
    const early = [...(oversized?.problems ?? []), ...unstorable];
    if (validate(checked)) return recordTypeChecks(record, early);
    const problems: ProblemDetail[] = early;
    const unstorablePaths = new Set(unstorable.map((detail) => detail.path));
    const seen = new Set<string>();
    const typeErrorPaths = new Set((validate.errors ?? []).filter((e) => e.keyword === 'type').map((e) => e.instancePath));
    for (const error of validate.errors ?? []) {
      // A value left out for its length is there, not missing.
      if (error.keyword === 'required' && oversized?.names.has(String((error.params as { missingProperty?: unknown }).missingProperty))) continue;
      // A text that cannot be stored is reported as such, not also as an unknown value or name.
      if (
        unstorablePaths.has(error.instancePath) ||
        unstorablePaths.has(`${error.instancePath}/${escapePointerSegment(String((error.params as { additionalProperty?: unknown }).additionalProperty))}`)
      )
        continue;
      // A value of the wrong type also fails enum/format checks; its type error says it all.
      if (error.keyword !== 'type' && typeErrorPaths.has(error.instancePath)) continue;
      // A blank required text is reported once, as missing (the pattern rule), not also as too short.
      if (error.keyword === 'minLength' && isBlank(valueAtPointer(record, error.instancePath)) && requiredFields.has(error.instancePath.slice(1))) continue;
      const mapped = mapRecordError(error, checked, object.apiName, fields, readOnly);
      const key = `${mapped.path}\u0000${mapped.code}`;
      if (seen.has(key)) continue;
      seen.add(key);
      problems.push(mapped);
    }
    return recordTypeChecks(record, problems);
  };
}

function mapRecordError(
  error: ErrorObject,
  record: unknown,
  objectName: string,
  fields: ReadonlyMap<string, NormalisedField>,
  readOnly: ReadonlySet<string>,
): ProblemDetail {
  const params = error.params as Record<string, unknown>;
  const path = error.instancePath;
  const fieldName = path.split('/')[1]?.replaceAll('~1', '/').replaceAll('~0', '~') ?? '';
  const field = fields.get(fieldName);
  const name = `${objectName}.${fieldName}`;
  const value = valueAtPointer(record, path);
  const at = (code: ErrorCode, message: string) => problem(path, code, message);
  if (fieldName === 'record_type' && (error.keyword === 'enum' || error.keyword === 'type')) {
    const expected = (error.keyword === 'enum' ? (params.allowedValues as unknown[]) : []).join(', ');
    return at(
      'TSR414',
      expected
        ? `${JSON.stringify(value)} is not an active record type of ${objectName}; expected one of ${expected}`
        : `${objectName} has no record types: record_type must be null`,
    );
  }
  switch (error.keyword) {
    case 'additionalProperties': {
      const extra = String(params.additionalProperty);
      const extraPath = `${path}/${escapePointerSegment(extra)}`;
      if (readOnly.has(extra)) {
        const why = extra === 'version' ? 'it can only be sent when updating a record' : 'the server sets it';
        return problem(extraPath, 'TSR409', `${objectName}.${extra} is read-only: ${why}`);
      }
      return problem(extraPath, 'TSR408', `${objectName} has no field '${extra}'`);
    }
    case 'required': {
      const missing = String(params.missingProperty);
      return problem(`${path}/${escapePointerSegment(missing)}`, 'TSR402', `${objectName}.${missing} is required`);
    }
    case 'type':
      if (path === '') return at('TSR401', `a record of ${objectName} must be a JSON object`);
      if (value === null) return at('TSR402', `${name} is required and cannot be null`);
      return at('TSR401', `${name} must be ${describeType(String(params.type))}`);
    case 'minLength':
      return at('TSR403', `${name} must be at least ${params.limit} characters long`);
    case 'maxLength':
      return at('TSR403', `${name} must be at most ${params.limit} characters long`);
    case 'minItems':
      return at('TSR402', `${name} is required: choose at least one value`);
    case 'maxItems':
      return at('TSR403', `${name} allows at most ${params.limit} values`);
    case 'uniqueItems':
      return at('TSR405', `${name} lists the same value more than once`);
    case 'minimum':
      return at('TSR404', `${name} must be at least ${params.limit}`);
    case 'maximum':
      return at('TSR404', `${name} must be at most ${params.limit}`);
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const digits = field && 'precision' in field ? field.precision - field.scale : undefined;
      return at('TSR413', `${name} allows at most ${digits} digits before the decimal point`);
    }
    case 'multipleOf': {
      const scale = field && 'scale' in field ? field.scale : 0;
      return at('TSR413', scale === 0 ? `${name} must be a whole number` : `${name} allows at most ${scale} digits after the decimal point`);
    }
    case 'enum':
      return picklistProblem(path, name, field, value);
    case 'format':
    case 'pattern':
      if (field && (field.type === 'text' || field.type === 'textarea' || field.type === 'richtext'))
        return at('TSR402', `${name} is required and cannot be blank`);
      if (fieldName === 'owner_id') return at('TSR407', `${name} must be a user id (UUID)`);
      return at('TSR407', `${name} must be ${(field && FORMAT_NAMES[field.type]) ?? 'in the expected format'}`);
  }
  return at('TSR400', `${name} ${error.message ?? 'is invalid'}`);
}

function picklistProblem(path: string, name: string, field: NormalisedField | undefined, value: unknown): ProblemDetail {
  const values = field && 'values' in field ? field.values : [];
  const match = values.find((v) => v.apiName === value);
  const allowed = values.filter((v) => !v.inactive).map((v) => v.apiName);
  if (match?.inactive) return { ...problem(path, 'TSR406', `'${String(value)}' is no longer an active value of ${name}`), allowed };
  return { ...problem(path, 'TSR405', `${JSON.stringify(value)} is not a value of ${name}; expected one of ${allowed.join(', ')}`), allowed };
}

function describeType(types: string): string {
  const names: Record<string, string> = {
    string: 'a string',
    number: 'a number',
    integer: 'an integer',
    boolean: 'true or false',
    array: 'a list',
    object: 'an object',
    null: 'null',
  };
  return types
    .split(',')
    .map((type) => names[type] ?? type)
    .join(' or ');
}

function isBlank(value: unknown): boolean {
  return typeof value === 'string' && value.trim() === '';
}
