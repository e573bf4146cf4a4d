// One field → the JSON Schema of the values a client may write (records) or reads (output).
import { TIME_INPUT_PATTERN, TIME_OUTPUT_PATTERN } from '../formats/time-of-day.ts';
import { GEOLOCATION_VALUE_SCHEMA } from '../geo/geolocation.ts';
import { HTTP_URL_PATTERN, PHONE_PATTERN } from '../formats/value-formats.ts';
import type { NormalisedField } from '../normalised-types.ts';
import type { JsonSchema } from '../schemas/json-schema.ts';

export const title = (labels: { en?: string; zh?: string }): string => labels.en ?? labels.zh ?? '';
/** `YYYY-MM-DDTHH:mm:ss.sssZ`: how the API prints every instant. */
export const OUTPUT_DATETIME_PATTERN = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$';

/**
 * The exclusive bound on a numeric(p, s) value's magnitude, and the step of its last digit. The
 * bound is 10^(p-s) less half a step (99.995 for numeric(4, 2)), not 10^(p-s): multipleOf forgives
 * float noise (0.30000000000000004 is 0.30), so 99.99999999999999 would pass as "100.00" and then
 * overflow the column in PostgreSQL. Every value that fits (at most 99.99) stays below it.
 */
export function numericBounds(precision: number, scale: number): { limit: number; step: number } {
  const integerDigits = precision - scale;
  const nines = `${integerDigits > 0 ? '9'.repeat(integerDigits) : '0'}.${'9'.repeat(scale)}5`;
  return { limit: Number(nines), step: Number(`1e-${scale}`) };
}

/** Input schema of a writable field, without nullability (see withNull). */
export function fieldInputSchema(field: NormalisedField): JsonSchema {
  const base = { title: title(field.labels) };
  switch (field.type) {
    case 'text':
    case 'textarea':
      return {
        ...base,
        type: 'string',
        maxLength: field.maxLength,
        ...(field.minLength ? { minLength: field.minLength } : {}),
        // A required text field needs real content: blank or whitespace-only counts as missing.
        ...(field.required ? { pattern: '\\S' } : {}),
      };
    case 'number':
    case 'currency':
    case 'percent': {
      const { limit, step } = numericBounds(field.precision, field.scale);
      return {
        ...base,
        type: 'number',
        ...(field.min === undefined ? {} : { minimum: field.min }),
        ...(field.max === undefined ? {} : { maximum: field.max }),
        exclusiveMinimum: -limit,
        exclusiveMaximum: limit,
        multipleOf: step,
      };
    }
    case 'boolean':
      return { ...base, type: 'boolean' };
    case 'date':
      return { ...base, type: 'string', format: 'date' };
    case 'datetime':
      return { ...base, type: 'string', format: 'date-time' };
    case 'email':
      return { ...base, type: 'string', format: 'email', maxLength: field.maxLength };
    case 'url':
      return { ...base, type: 'string', format: 'uri', pattern: HTTP_URL_PATTERN, maxLength: field.maxLength };
    case 'phone':
      return { ...base, type: 'string', pattern: PHONE_PATTERN, maxLength: field.maxLength };
    case 'picklist':
      return { ...base, type: 'string', enum: field.values.filter((v) => !v.inactive).map((v) => v.apiName) };
    case 'multipicklist':
      return {
        ...base,
        type: 'array',
        items: { type: 'string', enum: field.values.filter((v) => !v.inactive).map((v) => v.apiName) },
        uniqueItems: true,
        ...(field.maxSelected === undefined ? {} : { maxItems: field.maxSelected }),
        ...(field.required ? { minItems: 1 } : {}),
      };
    case 'lookup':
    case 'user':
      return { ...base, type: 'string', format: 'uuid' };
    case 'autonumber':
      return { ...base, type: 'string', readOnly: true };
    case 'formula':
      return { ...base, ...computedValueSchema(field.returns), readOnly: true };
    case 'rollup':
      return { ...base, ...computedValueSchema(field.result.type), readOnly: true };
    case 'richtext':
      // The limit is on the stored, sanitised HTML (the runtime sanitises before this check).
      return { ...base, type: 'string', contentMediaType: 'text/html', maxLength: field.maxLength, ...(field.required ? { pattern: '\\S' } : {}) };
    case 'time':
      return { ...base, type: 'string', pattern: TIME_INPUT_PATTERN };
    case 'polylookup':
      return { ...base, ...polylookupValueSchema(field.targets), required: ['object', 'id'], additionalProperties: false };
    case 'manytomany':
      // The whole set of linked ids (repeats collapse); null or [] clears it.
      return { ...base, type: 'array', items: { type: 'string', format: 'uuid' }, maxItems: MAX_LINKS_PER_FIELD };
    case 'geolocation':
      return { ...base, ...GEOLOCATION_VALUE_SCHEMA };
    case 'file':
    case 'image': {
      // An uploaded file's id, or a reference as reads return it (so a record read can be written back).
      const item: JsonSchema = {
        anyOf: [
          { type: 'string', format: 'uuid' },
          { ...FILE_REF_SCHEMA, required: ['id'] },
        ],
      };
      return field.multiple
        ? { ...base, type: 'array', items: item, maxItems: MAX_FILES_PER_FIELD, ...(field.required ? { minItems: 1 } : {}) }
        : { ...base, ...item };
    }
  }
}

/** Links one record may hold in one many-to-many field: reads return every link, so the list stays bounded. */
export const MAX_LINKS_PER_FIELD = 500;

/** Files one `multiple` field may hold. */
export const MAX_FILES_PER_FIELD = 100;

/** `{id, name, size, contentType}`: an attached file as records hold it (files/file-fields.ts FileRef). */
export const FILE_REF_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    name: { type: 'string' },
    size: { type: 'integer', minimum: 0 },
    contentType: { type: 'string' },
  },
  additionalProperties: false,
};

/** `{object, id}` of a polylookup; reads that expand it add the target's rendered `name`. */
function polylookupValueSchema(targets: readonly string[]): JsonSchema {
  return { type: 'object', properties: { object: { type: 'string', enum: [...targets] }, id: { type: 'string', format: 'uuid' } } };
}

/** What a computed (formula, roll-up) field holds, by its result type. */
function computedValueSchema(type: 'number' | 'currency' | 'percent' | 'text' | 'boolean' | 'date' | 'datetime'): JsonSchema {
  switch (type) {
    case 'number':
    case 'currency':
    case 'percent':
      return { type: 'number' };
    case 'boolean':
      return { type: 'boolean' };
    case 'date':
      return { type: 'string', format: 'date' };
    case 'datetime':
      return { type: 'string', format: 'date-time', pattern: OUTPUT_DATETIME_PATTERN };
    case 'text':
      return { type: 'string' };
  }
}

/** Output schema: what the API returns, including inactive picklist values kept on old records. */
export function fieldOutputSchema(field: NormalisedField): JsonSchema {
  const base = { title: title(field.labels) };
  switch (field.type) {
    case 'picklist':
      return { ...base, type: 'string', enum: field.values.map((v) => v.apiName) };
    case 'multipicklist':
      return { ...base, type: 'array', items: { type: 'string', enum: field.values.map((v) => v.apiName) }, uniqueItems: true };
    case 'datetime':
      return { ...base, type: 'string', format: 'date-time', pattern: OUTPUT_DATETIME_PATTERN };
    case 'time':
      return { ...base, type: 'string', pattern: TIME_OUTPUT_PATTERN };
    case 'number':
    case 'currency':
    case 'percent':
      return { ...base, type: 'number' };
    case 'text':
    case 'textarea':
    case 'email':
    case 'url':
    case 'phone':
      return { ...base, type: 'string' };
    case 'richtext':
      return { ...base, type: 'string', contentMediaType: 'text/html' };
    case 'file':
    case 'image': {
      const ref: JsonSchema = { ...FILE_REF_SCHEMA, required: ['id', 'name', 'size', 'contentType'] };
      return field.multiple ? { ...base, type: 'array', items: ref } : { ...base, ...ref };
    }
    case 'polylookup': {
      const properties = polylookupValueSchema(field.targets).properties as Record<string, JsonSchema>;
      return { ...base, type: 'object', properties: { ...properties, name: { type: ['string', 'null'] } }, required: ['object', 'id'] };
    }
    default:
      return fieldInputSchema(field);
  }
}

/** Allows null next to the schema's type (and in its enum). */
export function withNull(schema: JsonSchema): JsonSchema {
  const type = schema.type;
  // A choice of shapes (a file field's id or reference): null is one more choice.
  if (type === undefined && Array.isArray(schema.anyOf)) return { ...schema, anyOf: [...(schema.anyOf as JsonSchema[]), { type: 'null' }] };
  return {
    ...schema,
    type: Array.isArray(type) ? [...type, 'null'] : [type, 'null'],
    ...(Array.isArray(schema.enum) ? { enum: [...schema.enum, null] } : {}),
  };
}

/** The literal default of a field as a record value, if it has one (picklists: the default value). */
export function fieldDefault(field: NormalisedField): unknown {
  if (field.type === 'picklist') return field.values.find((v) => v.default && !v.inactive)?.apiName;
  if (field.type === 'multipicklist') {
    const defaults = field.values.filter((v) => v.default && !v.inactive).map((v) => v.apiName);
    return defaults.length > 0 ? defaults : undefined;
  }
  return 'default' in field ? field.default : undefined;
}
