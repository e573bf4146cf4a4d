// Public surface of @tessera/metadata: the metamodel, its JSON Schemas and the pure stages
// validate → normalise → diff, plus record schemas and validators built from normalised objects.
export * from './types.ts';
export * from './normalised-types.ts';
export * from './migration-actions.ts';
export * from './error-codes.ts';
export * from './schemas/index.ts';

export { type Ajv, createAjv } from './ajv/create-ajv.ts';
export { validateDocument } from './validate/validate-document.ts';
export { documentObjectPaths } from './validate/document-object-paths.ts';
export { normalise, normaliseIndex } from './normalise/normalise.ts';
export { normaliseField } from './normalise/normalise-field.ts';
export {
  DEFAULT_AUTONUMBER_START,
  DEFAULT_MAX_LENGTH,
  DEFAULT_PRECISION,
  DEFAULT_SCALE,
  MAX_PRECISION,
} from './normalise/field-defaults.ts';
export {
  fnv1aHex,
  foreignKeyName,
  indexName,
  sequenceName,
  storageName,
  uniqueFieldIndexName,
} from './normalise/storage-name.ts';
export { diffSnapshots } from './diff/diff-snapshots.ts';
export {
  type AutonumberDatePart,
  type AutonumberToken,
  type ParsedAutonumberFormat,
  parseAutonumberFormat,
  renderAutonumber,
} from './autonumber/parse-autonumber-format.ts';
export {
  buildRecordSchema,
  READ_ONLY_STANDARD_FIELDS,
  type RecordWriteMode,
  readOnlyFieldNames,
} from './records/build-record-schema.ts';
export { buildRecordOutputSchema } from './records/build-record-output-schema.ts';
export { compileRecordValidator, type RecordValidator } from './records/compile-record-validator.ts';
export {
  countDigits,
  HTTP_URL_PATTERN,
  isValidDate,
  isValidDatetime,
  isValidEmail,
  isValidHttpUrl,
  isValidPhone,
  PHONE_PATTERN,
} from './formats/value-formats.ts';

export * from './rules/index.ts';
