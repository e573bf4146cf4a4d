// One object with pipelines → its pipeline routes: move a record's stage, its stage history, and
// the board, funnel and forecast of a pipeline. The `pipeline` parameter lists the object's own
// pipelines and each board card is the object's own record schema, so the operations are as
// concrete as the record routes beside them.
import type { NormalisedObject } from '@tessera/metadata';
import { englishWithZh, type ObjectNames } from './object-names.ts';
import type { OperationObject, ParameterObject, PathItemObject, SchemaObject } from './openapi-types.ts';
import { ref, schemaRef } from './openapi-types.ts';
import { jsonResponse, problemResponses, traceHeaders } from './problems.ts';
import { LABELS_SCHEMA } from './system-paths.ts';

const JSON_MEDIA_TYPE = 'application/json';
const nullable = (type: string, description?: string): SchemaObject => ({ type: [type, 'null'], ...(description ? { description } : {}) });

/** What the funnel and the forecast report about themselves: which object, pipeline and period. */
const PERIOD_REPORT: Record<string, SchemaObject> = {
  object: { type: 'string' },
  pipeline: { type: 'string' },
  from: { type: 'string', format: 'date-time' },
  to: { type: 'string', format: 'date-time' },
};

/** Shapes shared by every object's pipeline routes. */
export const PIPELINE_SCHEMAS: Record<'StageMoveRequest' | 'StageHistoryEntry' | 'PipelineFunnel' | 'PipelineForecast', SchemaObject> = {
  StageMoveRequest: {
    type: 'object',
    required: ['stage'],
    additionalProperties: false,
    properties: {
      stage: { type: 'string', minLength: 1, description: 'The stage to move to (a value of the pipeline).' },
      reason: { type: 'string', maxLength: 2000, description: "Why (stored in the pipeline's reason field; required for stages with `requiresReason`)." },
      comment: { type: 'string', maxLength: 2000, description: 'Kept in the stage history.' },
      version: { type: 'integer', description: 'The version you read, as an alternative to `If-Match`.' },
    },
  },
  StageHistoryEntry: {
    type: 'object',
    required: ['id', 'pipeline', 'from', 'to', 'movedAt', 'movedBy', 'actor', 'secondsInPrevious', 'reason', 'comment'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      pipeline: { type: 'string' },
      from: nullable('string', 'null for the record’s first stage'),
      to: { type: 'string' },
      movedAt: { type: 'string', format: 'date-time' },
      movedBy: { type: ['string', 'null'], format: 'uuid' },
      actor: { type: 'string', description: 'Who or what moved it: a user, a token, an approval, a rule.' },
      secondsInPrevious: nullable('number', 'Time spent in the stage it left.'),
      reason: nullable('string'),
      comment: nullable('string'),
    },
  },
  PipelineFunnel: {
    type: 'object',
    required: ['object', 'pipeline', 'from', 'to', 'stages', 'won', 'lost', 'winRate', 'byOwner'],
    properties: {
      ...PERIOD_REPORT,
      stages: {
        type: 'array',
        description: "The pipeline's stages in order, over the moves in [from, to).",
        items: {
          type: 'object',
          required: ['stage', 'category', 'entered', 'advanced', 'conversionRate', 'exited', 'avgSecondsInStage'],
          properties: {
            stage: { type: 'string' },
            category: { type: 'string', enum: ['open', 'won', 'lost'] },
            entered: { type: 'integer', description: 'Records that entered the stage.' },
            advanced: { type: 'integer', description: 'Of those, records that also reached a later stage that is not lost.' },
            conversionRate: nullable('number', 'advanced / entered; null when none entered.'),
            exited: { type: 'integer', description: 'Moves out of the stage.' },
            avgSecondsInStage: nullable('number', 'Mean time spent in the stage by the moves out of it.'),
          },
        },
      },
      won: { type: 'integer' },
      lost: { type: 'integer' },
      winRate: nullable('number'),
      byOwner: {
        type: 'array',
        description: 'Records whose last won/lost move falls in the period, by current owner.',
        items: {
          type: 'object',
          required: ['ownerId', 'won', 'lost', 'wonAmount', 'lostAmount', 'winRate'],
          properties: {
            ownerId: { type: ['string', 'null'], format: 'uuid' },
            won: { type: 'integer' },
            lost: { type: 'integer' },
            wonAmount: nullable('number', 'null when the pipeline has no amount field you may read.'),
            lostAmount: nullable('number'),
            winRate: nullable('number'),
          },
        },
      },
    },
  },
  PipelineForecast: {
    type: 'object',
    required: ['object', 'pipeline', 'from', 'to', 'months'],
    properties: {
      ...PERIOD_REPORT,
      months: {
        type: 'array',
        description: 'By month of the close date.',
        items: {
          type: 'object',
          required: ['month', 'openCount', 'openAmount', 'weightedAmount', 'wonCount', 'wonAmount'],
          properties: {
            month: { type: 'string', description: '`YYYY-MM`' },
            openCount: { type: 'integer' },
            openAmount: { type: 'number' },
            weightedAmount: { type: 'number', description: 'amount × probability / 100 of the open records.' },
            wonCount: { type: 'integer' },
            wonAmount: { type: 'number' },
          },
        },
      },
    },
  },
};

export function pipelinePaths(object: NormalisedObject, names: ObjectNames): Record<string, PathItemObject> {
  // A pipeline whose stage field the reader may not see is as invisible as the field (404 TSR538).
  const pipelines = (object.pipelines ?? []).filter((item) => object.fields.some((field) => field.apiName === item.stageField));
  if (pipelines.length === 0) return {};
  const one = englishWithZh(object.labels, object.apiName);
  const base = `/api/v1/objects/${object.apiName}`;
  const operation = (verb: string, rest: Omit<OperationObject, 'operationId' | 'tags'>): OperationObject => ({
    operationId: `${verb}${names.base}`,
    tags: [names.tag],
    ...rest,
  });
  const pipeline: ParameterObject = {
    name: 'pipeline',
    in: 'query',
    description: 'Which pipeline; default the one without record types (or the first). Unknown: 404 TSR538.',
    schema: { type: 'string', enum: pipelines.map((item) => item.apiName) },
  };
  const filter: ParameterObject = {
    name: 'filter',
    in: 'query',
    description: `A JsonLogic rule over ${one} fields, as in the list route (TSR103, TSR115, TSR116).`,
    schema: { type: 'string', contentMediaType: 'application/json' },
  };
  const instant = (name: 'from' | 'to', description: string): ParameterObject => ({
    name,
    in: 'query',
    description,
    schema: { type: 'string', format: 'date-time' },
  });
  const analysisProblems = problemResponses({
    400: 'Invalid filter (TSR103, TSR115, TSR116) or parameter (TSR102).',
    404: 'Unknown object (TSR110) or pipeline (TSR538).',
  });
  const stages = pipelines.flatMap((item) => item.stages.map((stage) => stage.value));

  return {
    [`${base}/records/{id}/stage`]: {
      parameters: [ref('parameters', 'RecordId')],
      post: operation('moveStage', {
        summary: `Move ${one} to a stage`,
        description:
          'The same checks as a PATCH of the stage field (allowed transitions, required fields, entry criteria, a reason where required, a stage gated by approval), recorded in the stage history. Stages: ' +
          [...new Set(stages)].map((value) => `\`${value}\``).join(', ') +
          '.',
        parameters: [ref('parameters', 'IfMatch')],
        requestBody: { required: true, content: { [JSON_MEDIA_TYPE]: { schema: schemaRef('StageMoveRequest') } } },
        responses: {
          200: {
            description: `The ${one} record in its new stage.`,
            headers: { ...traceHeaders(), ETag: ref('headers', 'ETag') },
            content: { [JSON_MEDIA_TYPE]: { schema: schemaRef(names.base) } },
          },
          ...problemResponses({
            400: 'Invalid body (TSR100) or record values (TSR400), malformed id (TSR114) or If-Match (TSR113).',
            404: 'Unknown object (TSR110), record (TSR111) or no pipeline for it (TSR538).',
            409: 'The record changed since that version (TSR112), or entering the stage needs an approval first (TSR535).',
            422: 'Not a stage of the pipeline (TSR537), or the move is refused (TSR530–TSR534: transition, required fields, entry criteria, reason), each named in `errors`.',
          }),
        },
      }),
    },
    [`${base}/records/{id}/stage-history`]: {
      parameters: [ref('parameters', 'RecordId')],
      get: operation('getStageHistory', {
        summary: `Stage history of ${one}`,
        description: 'Newest first.',
        parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 100 } }],
        responses: {
          200: jsonResponse(
            { type: 'object', required: ['data'], properties: { data: { type: 'array', items: schemaRef('StageHistoryEntry') } } },
            'Stage moves, newest first.',
          ),
          ...problemResponses({ 400: 'Malformed id (TSR114) or limit (TSR102).', 404: 'Unknown object (TSR110) or record (TSR111).' }),
        },
      }),
    },
    [`${base}/board`]: {
      get: operation('getBoard', {
        summary: `Board (kanban) of ${one}`,
        description: 'Per stage, in order: the count, the sum of the amount field, the weighted amount, and the first `limit` cards by amount.',
        parameters: [
          pipeline,
          filter,
          { name: 'limit', in: 'query', description: 'Cards per stage.', schema: { type: 'integer', minimum: 0, maximum: 100, default: 20 } },
        ],
        responses: { 200: jsonResponse(boardSchema(names.base), `The board of ${one} records.`), ...analysisProblems },
      }),
    },
    [`${base}/funnel`]: {
      get: operation('getFunnel', {
        summary: `Funnel of ${one}`,
        parameters: [
          pipeline,
          filter,
          instant('from', 'Start of the period (inclusive); default 90 days before `to`.'),
          instant('to', 'End (exclusive); default now.'),
        ],
        responses: {
          200: jsonResponse(schemaRef('PipelineFunnel'), 'Entries, conversions, exits and time in stage, and won/lost by owner.'),
          ...analysisProblems,
        },
      }),
    },
    [`${base}/forecast`]: {
      get: operation('getForecast', {
        summary: `Forecast of ${one}`,
        parameters: [
          pipeline,
          filter,
          instant('from', 'First close date (inclusive); default the start of this month.'),
          instant('to', 'Last close date (exclusive); default 12 months later.'),
        ],
        responses: { 200: jsonResponse(schemaRef('PipelineForecast'), 'Open, weighted and won amounts by close month.'), ...analysisProblems },
      }),
    },
  };
}

function boardSchema(recordSchema: string): SchemaObject {
  return {
    type: 'object',
    required: ['object', 'pipeline', 'amountField', 'stages'],
    properties: {
      object: { type: 'string' },
      pipeline: { type: 'string' },
      amountField: { type: ['string', 'null'] },
      stages: {
        type: 'array',
        items: {
          type: 'object',
          required: ['stage', 'labels', 'category', 'probability', 'count', 'amount', 'weightedAmount', 'cards'],
          properties: {
            stage: { type: 'string' },
            labels: LABELS_SCHEMA,
            category: { type: 'string', enum: ['open', 'won', 'lost'] },
            probability: { type: 'number' },
            count: { type: 'integer' },
            amount: { type: ['number', 'null'] },
            weightedAmount: { type: ['number', 'null'] },
            cards: {
              type: 'array',
              items: {
                type: 'object',
                required: ['record', 'enteredAt', 'stale'],
                properties: {
                  record: schemaRef(recordSchema),
                  enteredAt: { type: 'string', format: 'date-time' },
                  stale: { type: 'boolean', description: "Past the stage's time limit." },
                },
              },
            },
          },
        },
      },
    },
  };
}
