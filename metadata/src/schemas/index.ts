export type { JsonSchema } from './json-schema.ts';
export { EXTERNAL_ID_TYPES, FIELD_SCHEMA_DEFS, PICKLIST_VALUE_PATTERN, fieldDefName, fieldTypeSchema } from './field-schemas.ts';
export { DOCUMENT_SCHEMA, DOCUMENT_SCHEMA_ID, OBJECT_SCHEMA, OBJECT_SCHEMA_ID, SCHEMA_BASE_URL } from './object-schema.ts';
