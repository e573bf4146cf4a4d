// NormalisedObject → JSON Schema of a record as the API returns it (for OpenAPI): every field and
// standard column present, null where empty, instants as `YYYY-MM-DDTHH:mm:ss.sssZ`.
import type { NormalisedObject } from '../normalised-types.ts';
import { isReadOnlyField } from './build-record-schema.ts';
import { recordTypeOutputSchema } from '../layouts/record-types.ts';
import type { JsonSchema } from '../schemas/json-schema.ts';
import { OUTPUT_DATETIME_PATTERN, fieldOutputSchema, withNull } from './field-value-schema.ts';

const instant = (title: string): JsonSchema => ({ title, type: 'string', format: 'date-time', pattern: OUTPUT_DATETIME_PATTERN });

export function buildRecordOutputSchema(object: NormalisedObject): JsonSchema {
  const properties: Record<string, JsonSchema> = {
    id: { title: 'Id', type: 'string', format: 'uuid', readOnly: true },
    created_at: { ...instant('Created at'), readOnly: true },
    updated_at: { ...instant('Updated at'), readOnly: true },
    created_by: { title: 'Created by', type: ['string', 'null'], format: 'uuid', readOnly: true },
    owner_id: { title: 'Owner', type: ['string', 'null'], format: 'uuid' },
    version: { title: 'Version', type: 'integer', minimum: 1, readOnly: true },
    deleted_at: { ...withNull(instant('Deleted at')), readOnly: true },
  };
  for (const field of object.fields) {
    const schema = fieldOutputSchema(field);
    // Required fields can still be null on rows written before the field became required.
    // Formulas and min/max roll-ups are null when their inputs are; autonumbers never are.
    properties[field.apiName] =
      field.type === 'autonumber' ? { ...schema, readOnly: true } : withNull(isReadOnlyField(field) ? { ...schema, readOnly: true } : schema);
  }
  if (object.recordTypes) properties.record_type = recordTypeOutputSchema(object);
  return {
    type: 'object',
    title: object.labels.en ?? object.labels.zh,
    properties,
    required: Object.keys(properties),
    additionalProperties: false,
  };
}
