// JSON Schema `$defs` for approval flows (merged into the object schema's $defs). Structure only:
// which fields, steps and stages exist is checked by checkApprovalFlows.
import type { JsonSchema } from '../schemas/json-schema.ts';
import { APPROVAL_MODES, ESCALATION_ACTIONS } from './approval-types.ts';

const ref = (name: string): JsonSchema => ({ $ref: `#/$defs/${name}` });
const approver = (type: string, properties: Record<string, JsonSchema>, required: string[]): JsonSchema => ({
  type: 'object',
  properties: { type: { const: type }, ...properties },
  required: ['type', ...required],
  additionalProperties: false,
});

function union(branches: JsonSchema[]): JsonSchema {
  const types = branches.map((branch) => (branch.properties as Record<string, { const: string }>).type?.const as string);
  return {
    type: 'object',
    required: ['type'],
    properties: { type: { enum: types } },
    allOf: branches.map((branch, index) => ({
      if: { properties: { type: { const: types[index] } }, required: ['type'] },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keyword, not a thenable
      then: branch,
    })),
  };
}

export const APPROVAL_SCHEMA_DEFS: Record<string, JsonSchema> = {
  // A discriminated union in the fields' style: `type` picks the branch, so an error names one branch.
  approver: union([
    approver('user', { email: { type: 'string', format: 'email', maxLength: 254 } }, ['email']),
    approver('role', { role: { type: 'string', minLength: 1, maxLength: 100 } }, ['role']),
    approver('manager', { levels: { type: 'integer', minimum: 1, maximum: 10 } }, []),
    approver('field', { field: ref('apiName') }, ['field']),
    approver('queue', { queue: { type: 'string', minLength: 1, maxLength: 100 } }, ['queue']),
  ]),
  approvalAction: union([
    {
      type: 'object',
      properties: { type: { const: 'setField' }, field: ref('apiName'), value: {} },
      required: ['type', 'field', 'value'],
      additionalProperties: false,
    },
    {
      type: 'object',
      properties: { type: { const: 'moveStage' }, stage: { type: 'string', minLength: 1, maxLength: 80 } },
      required: ['type', 'stage'],
      additionalProperties: false,
    },
  ]),
  approvalStep: {
    type: 'object',
    properties: {
      apiName: ref('apiName'),
      labels: ref('labels'),
      criteria: ref('jsonLogicRule'),
      approvers: { type: 'array', items: ref('approver'), minItems: 1, maxItems: 25 },
      mode: { enum: [...APPROVAL_MODES] },
      ratio: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
      editableFields: { type: 'array', items: ref('apiName'), uniqueItems: true },
      timeLimit: {
        type: 'object',
        properties: { hours: { type: 'number', exclusiveMinimum: 0, maximum: 87600 }, action: { enum: [...ESCALATION_ACTIONS] } },
        required: ['hours'],
        additionalProperties: false,
      },
    },
    required: ['apiName', 'approvers'],
    additionalProperties: false,
  },
  approvalFlow: {
    type: 'object',
    properties: {
      apiName: ref('apiName'),
      labels: ref('labels'),
      description: { type: 'string' },
      active: { type: 'boolean' },
      entryCriteria: ref('jsonLogicRule'),
      steps: { type: 'array', items: ref('approvalStep'), minItems: 1, maxItems: 30 },
      onApprove: { type: 'array', items: ref('approvalAction'), maxItems: 40 },
      onReject: { type: 'array', items: ref('approvalAction'), maxItems: 40 },
      lockRecord: { type: 'boolean' },
      allowRecall: { type: 'boolean' },
    },
    required: ['apiName', 'labels', 'steps'],
    additionalProperties: false,
  },
};

/** Properties of the object schema that hold them. */
export const APPROVAL_OBJECT_PROPERTIES: Record<string, JsonSchema> = {
  approvalFlows: { type: 'array', items: ref('approvalFlow') },
};
