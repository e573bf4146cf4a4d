// ajv errors of the document schema → ProblemDetails with JSON pointers into the input and one
// clear message per mistake. Errors about a literal `default` carry TSR206, the rest TSR201.
import type { ErrorObject } from 'ajv';
import { type ProblemDetail, problem } from '../error-codes.ts';
import { PICKLIST_VALUE_PATTERN } from '../schemas/field-schemas.ts';
import { API_NAME_PATTERN, FIELD_TYPES } from '../types.ts';
import { describeLocation } from './describe-location.ts';
import { joinPointer, valueAtPointer } from './json-pointer.ts';

const FIELD_TYPE_POINTER = /^(?:\/objects\/\d+)?\/fields\/\d+\/type$/;
const FIELD_DEFAULT_POINTER = /^(?:\/objects\/\d+)?\/fields\/\d+\/default$/;

export function mapSchemaErrors(errors: readonly ErrorObject[], input: unknown): ProblemDetail[] {
  const problems: ProblemDetail[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    // if/then wrappers only repeat what their `then` branch already reported.
    if (error.keyword === 'if') continue;
    const mapped = mapOne(error, input);
    const key = `${mapped.path}\u0000${mapped.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(mapped);
  }
  return problems;
}

function mapOne(error: ErrorObject, input: unknown): ProblemDetail {
  const params = error.params as Record<string, unknown>;
  const where = error.instancePath === '' || error.instancePath === '/objects' ? 'document' : describeLocation(input, error.instancePath);
  const property = lastSegment(error.instancePath);
  const value = valueAtPointer(input, error.instancePath);
  switch (error.keyword) {
    case 'required': {
      const missing = String(params.missingProperty);
      return problem(joinPointer(error.instancePath, missing), 'TSR201', `${where}: missing required property '${missing}'`);
    }
    case 'additionalProperties': {
      const extra = String(params.additionalProperty);
      return problem(joinPointer(error.instancePath, extra), 'TSR201', `${where}: unknown property '${extra}'${typeHint(input, error.instancePath)}`);
    }
    case 'enum':
      if (FIELD_TYPE_POINTER.test(error.instancePath)) {
        return problem(error.instancePath, 'TSR201', `${where}: unknown field type '${String(value)}'; expected one of ${FIELD_TYPES.join(', ')}`);
      }
      return problem(
        error.instancePath,
        'TSR201',
        `${where}: ${property} must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      );
    case 'pattern':
      return problem(error.instancePath, 'TSR201', `${where}: ${patternHint(error.instancePath, value, String(params.pattern))}`);
    case 'minProperties':
      if (/labels|helpText$/i.test(property)) {
        return problem(error.instancePath, 'TSR201', `${where}: ${property} needs at least one of en, zh`);
      }
      break;
    case 'type': {
      const code = FIELD_DEFAULT_POINTER.test(error.instancePath) ? 'TSR206' : 'TSR201';
      return problem(error.instancePath, code, `${where}: ${property || 'the document'} must be ${article(String(params.type))}`);
    }
  }
  return problem(error.instancePath, 'TSR201', `${where}: ${property || 'the document'} ${error.message ?? 'is invalid'}`);
}

const lastSegment = (pointer: string): string => pointer.slice(pointer.lastIndexOf('/') + 1);

function typeHint(input: unknown, pointer: string): string {
  if (!/\/fields\/\d+$/.test(pointer)) return '';
  const type = valueAtPointer(input, `${pointer}/type`);
  return typeof type === 'string' && (FIELD_TYPES as readonly string[]).includes(type) ? ` for a ${type} field` : '';
}

function patternHint(pointer: string, value: unknown, pattern: string): string {
  const shown = JSON.stringify(value);
  if (pattern === PICKLIST_VALUE_PATTERN) {
    return `picklist value api name ${shown} is invalid: use letters, digits, _ and -, start with a letter or digit, at most 80 characters`;
  }
  if (/\/indexes\/\d+\/fields\/\d+$/.test(pointer)) {
    return `index column ${shown} must be a field api name, optionally prefixed with - for descending order`;
  }
  if (pattern === API_NAME_PATTERN) {
    return `${lastSegment(pointer)} ${shown} is not a valid api name: use lowercase letters, digits and _, start with a letter, at most 63 characters`;
  }
  if (pointer.endsWith('/currencyCode')) return `currencyCode ${shown} is not an ISO 4217 code such as CNY`;
  return `${lastSegment(pointer)} ${shown} does not match ${pattern}`;
}

const article = (type: string): string => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);
