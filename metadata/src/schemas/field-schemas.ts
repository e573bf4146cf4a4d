// One JSON Schema per field type, each closed (`additionalProperties: false`), and the FieldDef
// schema that picks one by `type` with if/then so ajv reports the errors of that type only.
import { API_NAME_PATTERN, FIELD_TYPES, FORMULA_RETURN_TYPES, type FieldType, ROLLUP_FUNCTIONS } from '../types.ts';
import type { JsonSchema } from './json-schema.ts';
import { MAX_FILE_SIZE_MB } from '../files/file-fields.ts';

export const PICKLIST_VALUE_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_\\-]{0,79}$';

const ref = (name: string): JsonSchema => ({ $ref: `#/$defs/${name}` });
const positiveInteger: JsonSchema = { type: 'integer', minimum: 1 };
const nonNegativeInteger: JsonSchema = { type: 'integer', minimum: 0 };

/** `backfill` takes the field's value type; autonumbers fill themselves. */
const BACKFILL: Record<FieldType, JsonSchema | undefined> = {
  text: { type: 'string' },
  textarea: { type: 'string' },
  number: { type: 'number' },
  currency: { type: 'number' },
  percent: { type: 'number' },
  boolean: { type: 'boolean' },
  date: { type: 'string' },
  datetime: { type: 'string' },
  email: { type: 'string' },
  phone: { type: 'string' },
  url: { type: 'string' },
  picklist: { type: 'string' },
  multipicklist: { type: 'array', items: { type: 'string' }, minItems: 1 },
  lookup: { type: 'string' },
  autonumber: undefined,
  formula: undefined,
  rollup: undefined,
  user: { type: 'string' },
  // None: a literal would be written by SQL, past the runtime's sanitiser (see RichtextFieldDef).
  richtext: undefined,
  time: { type: 'string' },
  polylookup: undefined,
  manytomany: undefined,
  // None: a backfill is a literal of the column's type, and a point is no JSON literal the diff runner writes.
  geolocation: undefined,
  // None: a value names an uploaded file of one record.
  file: undefined,
  image: undefined,
};

/** Computed fields take no value from users: no required, unique, default or backfill. */
const COMPUTED: ReadonlySet<FieldType> = new Set(['formula', 'rollup']);

/** A set of links is never required, unique or defaulted (it has no column to hold a constraint or default). */
const LINK_SETS: ReadonlySet<FieldType> = new Set(['manytomany']);

/**
 * Rich text cannot be unique: equal words differ as HTML, and a long value overflows a btree index
 * entry. A point has no btree operator class, so a geolocation cannot be unique either. A file
 * reference names one upload of one record: two records never share it.
 */
const NOT_UNIQUE: ReadonlySet<FieldType> = new Set(['richtext', 'geolocation', 'file', 'image']);

/** No default expression: a file field's value names an uploaded file, which no rule can produce. */
const NO_DEFAULT_EXPR: ReadonlySet<FieldType> = new Set(['autonumber', 'file', 'image']);

/** Types that can carry `externalId: true` (keys other systems send: codes, numbers, autonumbers). */
export const EXTERNAL_ID_TYPES: ReadonlySet<FieldType> = new Set(['text', 'email', 'phone', 'url', 'number', 'autonumber']);

const baseProperties = (type: FieldType): Record<string, JsonSchema> => ({
  type: { const: type },
  apiName: ref('apiName'),
  labels: ref('labels'),
  description: { type: 'string' },
  helpText: ref('labels'),
  ...(COMPUTED.has(type) || LINK_SETS.has(type) ? {} : { required: { type: 'boolean' }, ...(NOT_UNIQUE.has(type) ? {} : { unique: { type: 'boolean' } }) }),
  ...(EXTERNAL_ID_TYPES.has(type) ? { externalId: { type: 'boolean' } } : {}),
  renamedFrom: ref('apiName'),
  ...(BACKFILL[type] ? { backfill: BACKFILL[type] } : {}),
  ...(COMPUTED.has(type) || LINK_SETS.has(type) || NO_DEFAULT_EXPR.has(type) ? {} : { defaultExpr: ref('jsonLogicRule') }),
});

const numericProperties: Record<string, JsonSchema> = {
  precision: positiveInteger,
  scale: nonNegativeInteger,
  min: { type: 'number' },
  max: { type: 'number' },
  default: { type: 'number' },
};
const lengthProperties = (withMin: boolean): Record<string, JsonSchema> => ({
  maxLength: positiveInteger,
  ...(withMin ? { minLength: nonNegativeInteger } : {}),
  default: { type: 'string' },
});

/** Dependent picklists: the controlling field and, per controlling value, the allowed values. */
const dependentPicklistProperties: Record<string, JsonSchema> = {
  controllingField: ref('apiName'),
  dependentValues: {
    type: 'object',
    propertyNames: { pattern: PICKLIST_VALUE_PATTERN },
    additionalProperties: { type: 'array', items: { type: 'string', pattern: PICKLIST_VALUE_PATTERN }, uniqueItems: true },
  },
};

/** `accept` items: a media type (`application/pdf`) or a kind (`image/*`). */
const MEDIA_RANGE_PATTERN = '^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/([a-z0-9][a-z0-9!#$&^_.+-]{0,63}|\\*)$';
const fileProperties: Record<string, JsonSchema> = {
  multiple: { type: 'boolean' },
  maxSizeMb: { type: 'integer', minimum: 1, maximum: MAX_FILE_SIZE_MB },
  accept: { type: 'array', items: { type: 'string', pattern: MEDIA_RANGE_PATTERN }, maxItems: 50, uniqueItems: true },
};

const extraProperties: Record<FieldType, Record<string, JsonSchema>> = {
  text: lengthProperties(true),
  textarea: lengthProperties(true),
  number: numericProperties,
  currency: { ...numericProperties, currencyCode: { type: 'string', pattern: '^[A-Z]{3}$' } },
  percent: numericProperties,
  boolean: { default: { type: 'boolean' } },
  date: { default: { type: 'string' } },
  datetime: { default: { type: 'string' } },
  email: lengthProperties(false),
  phone: lengthProperties(false),
  url: lengthProperties(false),
  picklist: { values: ref('picklistValues'), ...dependentPicklistProperties },
  multipicklist: { values: ref('picklistValues'), maxSelected: positiveInteger, ...dependentPicklistProperties },
  lookup: { target: ref('apiName'), onDelete: { enum: ['restrict', 'setNull', 'cascade'] } },
  autonumber: {
    format: { type: 'string', minLength: 1, maxLength: 100 },
    startAt: nonNegativeInteger,
    formatsByRecordType: { type: 'object', additionalProperties: { type: 'string', minLength: 1, maxLength: 100 } },
  },
  formula: {
    returns: { enum: [...FORMULA_RETURN_TYPES] },
    expression: ref('jsonLogicRule'),
    scale: { type: 'integer', minimum: 0, maximum: 10 },
  },
  rollup: {
    childObject: ref('apiName'),
    childField: ref('apiName'),
    function: { enum: [...ROLLUP_FUNCTIONS] },
    aggregateField: ref('apiName'),
    filter: ref('jsonLogicRule'),
  },
  // No literal default (a user id differs per tenant): `defaultExpr: {"var": "$user.id"}` is the current user.
  user: {},
  richtext: { maxLength: positiveInteger },
  time: { default: { type: 'string' } },
  polylookup: { targets: { type: 'array', items: ref('apiName'), minItems: 1, maxItems: 20, uniqueItems: true } },
  manytomany: {
    target: ref('apiName'),
    junction: ref('apiName'),
    junctionFields: {
      type: 'object',
      properties: { source: ref('apiName'), target: ref('apiName') },
      required: ['source', 'target'],
      additionalProperties: false,
    },
  },
  geolocation: {},
  file: fileProperties,
  image: fileProperties,
};

const extraRequired: Partial<Record<FieldType, string[]>> = {
  picklist: ['values'],
  multipicklist: ['values'],
  lookup: ['target'],
  autonumber: ['format'],
  formula: ['returns', 'expression'],
  rollup: ['childObject', 'childField', 'function'],
  polylookup: ['targets'],
  manytomany: ['target'],
};

/** `$defs` name of the schema for one field type, e.g. `textField`. */
export const fieldDefName = (type: FieldType): string => `${type}Field`;

export function fieldTypeSchema(type: FieldType): JsonSchema {
  return {
    type: 'object',
    properties: { ...baseProperties(type), ...extraProperties[type] },
    required: ['type', 'apiName', 'labels', ...(extraRequired[type] ?? [])],
    additionalProperties: false,
  };
}

export const FIELD_SCHEMA_DEFS: Record<string, JsonSchema> = {
  apiName: { type: 'string', pattern: API_NAME_PATTERN },
  jsonLogicRule: {
    description:
      "A JsonLogic rule (https://jsonlogic.com); operators and variables are checked when the metadata is saved. Rules may read the record's fields, $today, $now, $user.id and, in validation rules, previous.<field>.",
  },
  labels: {
    type: 'object',
    properties: { en: { type: 'string', minLength: 1 }, zh: { type: 'string', minLength: 1 } },
    additionalProperties: false,
    minProperties: 1,
  },
  picklistValue: {
    type: 'object',
    properties: {
      apiName: { type: 'string', pattern: PICKLIST_VALUE_PATTERN },
      labels: ref('labels'),
      order: { type: 'integer' },
      default: { type: 'boolean' },
      inactive: { type: 'boolean' },
      renamedFrom: { type: 'string', pattern: PICKLIST_VALUE_PATTERN },
    },
    required: ['apiName', 'labels'],
    additionalProperties: false,
  },
  picklistValues: { type: 'array', items: ref('picklistValue'), minItems: 1 },
  field: {
    type: 'object',
    required: ['type'],
    properties: { type: { enum: [...FIELD_TYPES] } },
    allOf: FIELD_TYPES.map((type) => ({
      if: { properties: { type: { const: type } }, required: ['type'] },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keyword, not a thenable
      then: ref(fieldDefName(type)),
    })),
  },
  ...Object.fromEntries(FIELD_TYPES.map((type) => [fieldDefName(type), fieldTypeSchema(type)])),
};
