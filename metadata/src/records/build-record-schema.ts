// NormalisedObject + mode → JSON Schema of a record body (create or patch). Read-only columns
// are absent, so `additionalProperties: false` refuses them; compileRecordValidator tells them
// apart from unknown fields.
import type { NormalisedField, NormalisedObject } from '../normalised-types.ts';
import { recordTypeInputSchema } from '../layouts/record-types.ts';
import type { JsonSchema } from '../schemas/json-schema.ts';
import { fieldDefault, fieldInputSchema, withNull } from './field-value-schema.ts';

export type RecordWriteMode = 'create' | 'patch';

/** The largest record version: the `version` column is a 32-bit integer. */
export const MAX_VERSION = 2_147_483_647;

/** Standard columns the server maintains; `version` is writable only in patch mode (If-Match). */
export const READ_ONLY_STANDARD_FIELDS = ['id', 'created_at', 'updated_at', 'created_by', 'deleted_at'] as const;

export function buildRecordSchema(object: NormalisedObject, mode: RecordWriteMode): JsonSchema {
  const properties: Record<string, JsonSchema> = {
    owner_id: { title: 'Owner', type: ['string', 'null'], format: 'uuid' },
  };
  // The column is a PostgreSQL integer: a larger version (1e20) failed the cast with a 500.
  if (mode === 'patch') properties.version = { title: 'Version', type: 'integer', minimum: 1, maximum: MAX_VERSION };
  if (object.recordTypes) properties.record_type = recordTypeInputSchema(object, mode);
  const required: string[] = [];
  for (const field of object.fields) {
    if (isReadOnlyField(field)) continue;
    const schema = fieldInputSchema(field);
    const defaultValue = mode === 'create' ? fieldDefault(field) : undefined;
    properties[field.apiName] = {
      ...(field.required ? schema : withNull(schema)),
      ...(defaultValue === undefined ? {} : { default: defaultValue }),
    };
    if (mode === 'create' && field.required && defaultValue === undefined) required.push(field.apiName);
  }
  return {
    type: 'object',
    title: object.labels.en ?? object.labels.zh,
    properties,
    ...(required.length > 0 ? { required } : {}),
    additionalProperties: false,
  };
}

/** Names a client may not write in this mode: server-maintained columns and autonumbers. */
export function readOnlyFieldNames(object: NormalisedObject, mode: RecordWriteMode): Set<string> {
  const names = new Set<string>(READ_ONLY_STANDARD_FIELDS);
  if (mode === 'create') names.add('version');
  for (const field of object.fields) if (isReadOnlyField(field)) names.add(field.apiName);
  return names;
}

/** Fields the server computes: autonumbers, formulas and roll-ups. */
export const isReadOnlyField = (field: NormalisedField): boolean => field.type === 'autonumber' || field.type === 'formula' || field.type === 'rollup';
