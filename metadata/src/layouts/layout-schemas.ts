// JSON Schema `$defs` for record types and layouts (merged into the object schema's $defs).
// Structure only: which fields, values and layouts exist is checked by checkLayouts.
import { PICKLIST_VALUE_PATTERN } from '../schemas/field-schemas.ts';
import type { JsonSchema } from '../schemas/json-schema.ts';

const ref = (name: string): JsonSchema => ({ $ref: `#/$defs/${name}` });
/** A JsonLogic rule: any JSON value; checkLayouts checks operators and field names. */
const RULE: JsonSchema = { type: ['object', 'array', 'string', 'number', 'boolean', 'null'] };

export const LAYOUT_SCHEMA_DEFS: Record<string, JsonSchema> = {
  recordType: {
    type: 'object',
    properties: {
      apiName: ref('apiName'),
      labels: ref('labels'),
      description: { type: 'string' },
      picklistValues: {
        type: 'object',
        propertyNames: ref('apiName'),
        additionalProperties: { type: 'array', items: { type: 'string', pattern: PICKLIST_VALUE_PATTERN }, minItems: 1, uniqueItems: true },
      },
      default: { type: 'boolean' },
      layout: ref('apiName'),
      active: { type: 'boolean' },
    },
    required: ['apiName', 'labels'],
    additionalProperties: false,
  },
  layoutItem: {
    type: 'object',
    properties: {
      field: ref('apiName'),
      readOnly: { type: 'boolean' },
      required: { type: 'boolean' },
      visibleWhen: RULE,
    },
    required: ['field'],
    additionalProperties: false,
  },
  layoutSection: {
    type: 'object',
    properties: {
      labels: ref('labels'),
      columns: { enum: [1, 2] },
      fields: { type: 'array', items: ref('layoutItem'), minItems: 1 },
      visibleWhen: RULE,
    },
    required: ['fields'],
    additionalProperties: false,
  },
  layout: {
    type: 'object',
    properties: {
      apiName: ref('apiName'),
      labels: ref('labels'),
      sections: { type: 'array', items: ref('layoutSection'), minItems: 1 },
    },
    required: ['apiName', 'labels', 'sections'],
    additionalProperties: false,
  },
};

/** Properties of the object schema that hold them. */
export const LAYOUT_OBJECT_PROPERTIES: Record<string, JsonSchema> = {
  recordTypes: { type: 'array', items: ref('recordType') },
  layouts: { type: 'array', items: ref('layout') },
};
