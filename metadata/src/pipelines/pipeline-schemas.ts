// JSON Schema `$defs` for pipelines (merged into the object schema's $defs). Structure only:
// which fields, stages and record types exist is checked by checkPipelines.
import { PICKLIST_VALUE_PATTERN } from '../schemas/field-schemas.ts';
import type { JsonSchema } from '../schemas/json-schema.ts';
import { STAGE_CATEGORIES } from './pipeline-types.ts';

const ref = (name: string): JsonSchema => ({ $ref: `#/$defs/${name}` });
const STAGE_VALUE: JsonSchema = { type: 'string', pattern: PICKLIST_VALUE_PATTERN };
const HOURS: JsonSchema = { type: 'number', exclusiveMinimum: 0, maximum: 87600 };

export const PIPELINE_SCHEMA_DEFS: Record<string, JsonSchema> = {
  pipelineStage: {
    type: 'object',
    properties: {
      value: STAGE_VALUE,
      labels: ref('labels'),
      probability: { type: 'number', minimum: 0, maximum: 100 },
      category: { enum: [...STAGE_CATEGORIES] },
      requiredFields: { type: 'array', items: ref('apiName'), uniqueItems: true },
      entryCriteria: ref('jsonLogicRule'),
      guidance: ref('labels'),
      timeLimit: {
        type: 'object',
        properties: {
          hours: HOURS,
          reassign: {
            type: 'object',
            properties: { afterHours: HOURS, toUser: { type: 'string', format: 'email', maxLength: 254 } },
            required: ['afterHours', 'toUser'],
            additionalProperties: false,
          },
        },
        required: ['hours'],
        additionalProperties: false,
      },
      requiresReason: { type: 'boolean' },
      approvalFlow: ref('apiName'),
    },
    required: ['value'],
    additionalProperties: false,
  },
  pipeline: {
    type: 'object',
    properties: {
      apiName: ref('apiName'),
      labels: ref('labels'),
      description: { type: 'string' },
      stageField: ref('apiName'),
      stages: { type: 'array', items: ref('pipelineStage'), minItems: 1, maxItems: 100 },
      transitions: {
        oneOf: [
          { enum: ['forward', 'any'] },
          { type: 'object', propertyNames: STAGE_VALUE, additionalProperties: { type: 'array', items: STAGE_VALUE, uniqueItems: true } },
        ],
      },
      amountField: ref('apiName'),
      closeDateField: ref('apiName'),
      probabilityField: ref('apiName'),
      reasonField: ref('apiName'),
      recordTypes: { type: 'array', items: ref('apiName'), minItems: 1, uniqueItems: true },
    },
    required: ['apiName', 'labels', 'stageField', 'stages'],
    additionalProperties: false,
  },
};

/** Properties of the object schema that hold them. */
export const PIPELINE_OBJECT_PROPERTIES: Record<string, JsonSchema> = {
  pipelines: { type: 'array', items: ref('pipeline') },
};
