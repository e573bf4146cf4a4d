// Public surface of @tessera/metadata: the metamodel, its JSON Schemas and the pure stages
// validate → normalise → diff, plus record schemas and validators built from normalised objects.
export * from './types.ts';
export * from './normalised-types.ts';
export * from './migration-actions.ts';
export * from './error-codes.ts';
export * from './i18n/problem-zh.ts';
export * from './schemas/index.ts';

export { type Ajv, AJV_OPTIONS, Ajv2020, addTesseraKeywords, createAjv } from './ajv/create-ajv.ts';
export { validateDocument } from './validate/validate-document.ts';
export { documentObjectPaths } from './validate/document-object-paths.ts';
export { MAX_ROLLUP_DEPTH } from './validate/resolve-rollups.ts';
export { normalise, normaliseIndex } from './normalise/normalise.ts';
export { normaliseField } from './normalise/normalise-field.ts';
export {
  DEFAULT_AUTONUMBER_START,
  DEFAULT_FORMULA_SCALE,
  DEFAULT_MAX_LENGTH,
  DEFAULT_PRECISION,
  DEFAULT_SCALE,
  MAX_PRECISION,
} from './normalise/field-defaults.ts';
export {
  fnv1aHex,
  foreignKeyName,
  indexName,
  recordTypeSequenceName,
  sequenceName,
  storageName,
  uniqueFieldIndexName,
} from './normalise/storage-name.ts';
export {
  allowedDependentValues,
  controllingKey,
  type DependentField,
  dependentValueProblems,
  isDependentField,
} from './dependent/dependent-values.ts';
export { diffSnapshots } from './diff/diff-snapshots.ts';
export { collectIntent, type EvolutionIntent, NO_INTENT } from './evolution/intent.ts';
export { columnStorage, conversionFor, DEFINED_CONVERSIONS, rewritesTable, storesColumn } from './evolution/type-conversions.ts';
export { canonicalJson } from './evolution/canonical-json.ts';
export { toFieldDef, toObjectDef } from './evolution/to-object-def.ts';
export { type RenameEvent, revertDocument } from './evolution/revert-document.ts';
export {
  type AutonumberDatePart,
  type AutonumberToken,
  type ParsedAutonumberFormat,
  parseAutonumberFormat,
  renderAutonumber,
} from './autonumber/parse-autonumber-format.ts';
export {
  buildRecordSchema,
  isReadOnlyField,
  READ_ONLY_STANDARD_FIELDS,
  type RecordWriteMode,
  readOnlyFieldNames,
} from './records/build-record-schema.ts';
export { buildRecordOutputSchema } from './records/build-record-output-schema.ts';
export { MAX_LINKS_PER_FIELD } from './records/field-value-schema.ts';
export { compileRecordValidator, type RecordValidator } from './records/compile-record-validator.ts';
export { isPlainObject } from './is-plain-object.ts';
export { type ResolvedLabels, resolvePicklistLabels, valuesLabelled } from './records/picklist-labels.ts';
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
export {
  isAllowedRichTextHref,
  RICH_TEXT_ATTRIBUTES,
  RICH_TEXT_LINK_REL,
  RICH_TEXT_LINK_SCHEMES,
  RICH_TEXT_TAGS,
} from './richtext/rich-text-allow-list.ts';
export {
  looksLikeHtml,
  plainTextToRichText,
  RICH_TEXT_ENTITIES,
  richTextPlain,
  ANY_TAG_PATTERN,
  BLOCK_TAG_PATTERN,
  SPACE_RUN_PATTERN,
} from './richtext/rich-text-plain.ts';
export { canonicalTime, TIME_INPUT_PATTERN, TIME_OUTPUT_PATTERN, timeFromSeconds } from './formats/time-of-day.ts';
export { unstorableText, unstorableTextProblems } from './formats/storable-text.ts';

export * from './rules/index.ts';
export * from './calendars/index.ts';
export * from './files/file-fields.ts';
export * from './forms/index.ts';
export { checkVisibilityRule } from './layouts/check-visibility-rule.ts';
export { defaultRecordType, findRecordType, offeredValues, recordTypeInputSchema, recordTypeOutputSchema } from './layouts/record-types.ts';
export { recordTypeOfBody, recordTypeValueProblems } from './layouts/record-type-values.ts';
export { checkPipelines } from './pipelines/check-pipelines.ts';
export * from './approvals/index.ts';
export * from './import/index.ts';
export { normalisePipelines } from './pipelines/normalise-pipelines.ts';
export { STAGE_CATEGORIES } from './pipelines/pipeline-types.ts';
export { findStage, hasValue, pipelineFor, type StageMoveCheck, stageIndex, stageMoveProblems, transitionAllowed } from './pipelines/stage-rules.ts';
export {
  EARTH_RADIUS_KM,
  formatGeolocationText,
  type Geolocation,
  GEOLOCATION_VALUE_SCHEMA,
  haversineKm,
  isGeolocation,
  parseGeolocationText,
} from './geo/geolocation.ts';
export { type JunctionEnds, junctionIndexName, resolveJunction } from './junction/resolve-junction.ts';
