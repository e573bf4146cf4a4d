// JSON Schemas of an ObjectDef and of a metadata document (one object or `{ objects: [...] }`),
// published as metadata/schemas/*.schema.json for editors and compiled by validateDocument.
import { LAYOUT_OBJECT_PROPERTIES, LAYOUT_SCHEMA_DEFS } from '../layouts/layout-schemas.ts';
import { PIPELINE_OBJECT_PROPERTIES, PIPELINE_SCHEMA_DEFS } from '../pipelines/pipeline-schemas.ts';
import { APPROVAL_OBJECT_PROPERTIES, APPROVAL_SCHEMA_DEFS } from '../approvals/approval-schemas.ts';
import { DUPLICATE_NORMALISERS } from '../types.ts';
import { FIELD_SCHEMA_DEFS } from './field-schemas.ts';
import type { JsonSchema } from './json-schema.ts';

export const SCHEMA_BASE_URL = 'https://tessera.dev/schemas/v1/';
export const OBJECT_SCHEMA_ID = `${SCHEMA_BASE_URL}object.schema.json`;
export const DOCUMENT_SCHEMA_ID = `${SCHEMA_BASE_URL}document.schema.json`;
const DRAFT = 'https://json-schema.org/draft/2020-12/schema';
const ref = (name: string): JsonSchema => ({ $ref: `#/$defs/${name}` });

const DEFS: Record<string, JsonSchema> = {
  ...FIELD_SCHEMA_DEFS,
  ...LAYOUT_SCHEMA_DEFS,
  ...PIPELINE_SCHEMA_DEFS,
  ...APPROVAL_SCHEMA_DEFS,
  index: {
    type: 'object',
    properties: {
      fields: {
        type: 'array',
        minItems: 1,
        maxItems: 32,
        items: { type: 'string', pattern: '^-?[a-z][a-z0-9_]{0,62}$' },
      },
      unique: { type: 'boolean' },
    },
    required: ['fields'],
    additionalProperties: false,
  },
  validationRule: {
    type: 'object',
    properties: {
      apiName: ref('apiName'),
      condition: ref('jsonLogicRule'),
      message: ref('labels'),
      field: ref('apiName'),
      active: { type: 'boolean' },
      description: { type: 'string' },
    },
    required: ['apiName', 'condition', 'message'],
    additionalProperties: false,
  },
  duplicateRule: {
    type: 'object',
    properties: {
      apiName: ref('apiName'),
      fields: {
        type: 'array',
        minItems: 1,
        maxItems: 5,
        items: {
          type: 'object',
          properties: {
            field: ref('apiName'),
            normalise: { type: 'array', items: { enum: [...DUPLICATE_NORMALISERS] }, uniqueItems: true },
          },
          required: ['field'],
          additionalProperties: false,
        },
      },
      action: { enum: ['block', 'warn'] },
      message: ref('labels'),
      active: { type: 'boolean' },
    },
    required: ['apiName', 'fields', 'action'],
    additionalProperties: false,
  },
  object: {
    type: 'object',
    properties: {
      $schema: { type: 'string' },
      apiName: ref('apiName'),
      labels: ref('labels'),
      pluralLabels: ref('labels'),
      description: { type: 'string' },
      nameField: ref('apiName'),
      fields: { type: 'array', items: ref('field') },
      indexes: { type: 'array', items: ref('index') },
      validationRules: { type: 'array', items: ref('validationRule') },
      duplicateRules: { type: 'array', items: ref('duplicateRule') },
      ...LAYOUT_OBJECT_PROPERTIES,
      ...PIPELINE_OBJECT_PROPERTIES,
      ...APPROVAL_OBJECT_PROPERTIES,
      timeline: { type: 'boolean' },
      timelineAt: ref('apiName'),
    },
    required: ['apiName', 'labels', 'fields'],
    additionalProperties: false,
  },
  bundle: {
    type: 'object',
    properties: {
      $schema: { type: 'string' },
      objects: { type: 'array', items: ref('object') },
      remove: { type: 'array', items: ref('apiName'), uniqueItems: true },
      // Checked by validateCalendars (422 TSR237 at each offending path), not here: its messages
      // name the rule broken (overlapping hours, unknown zone), which a schema error cannot.
      calendars: {
        type: 'array',
        description:
          'The business calendars add_business_hours and business_hours_between name: { apiName, labels, timeZone, week: { mon: [["09:00", "18:00"]], … }, holidays, workdays, makeUpHours }. Absent: the live calendars stay; [] removes them all.',
        items: { type: 'object' },
      },
    },
    required: ['objects'],
    additionalProperties: false,
  },
};

/** One ObjectDef. Self-contained (its own `$defs`) so an editor needs no second download. */
export const OBJECT_SCHEMA: JsonSchema = {
  $schema: DRAFT,
  $id: OBJECT_SCHEMA_ID,
  title: 'Tessera object definition',
  $ref: '#/$defs/object',
  $defs: DEFS,
};

/** What metadata/apply accepts: a bundle when `objects` is present, otherwise one object. */
export const DOCUMENT_SCHEMA: JsonSchema = {
  $schema: DRAFT,
  $id: DOCUMENT_SCHEMA_ID,
  title: 'Tessera metadata document',
  if: { type: 'object', required: ['objects'] },
  // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keyword, not a thenable
  then: ref('bundle'),
  else: ref('object'),
  $defs: DEFS,
};
