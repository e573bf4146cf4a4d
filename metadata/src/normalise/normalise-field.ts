// FieldDef → NormalisedField: every default filled, storage names derived. Input is schema-valid.
import type { NormalisedField, NormalisedPicklistValue } from '../normalised-types.ts';
import type { FieldDef, PicklistValue } from '../types.ts';
import { DEFAULT_AUTONUMBER_START, DEFAULT_FORMULA_SCALE, DEFAULT_MAX_LENGTH, DEFAULT_PRECISION, DEFAULT_SCALE } from './field-defaults.ts';
import { foreignKeyName, junctionTableName, sequenceName } from './storage-name.ts';
import { DEFAULT_FILE_MAX_SIZE_MB, normaliseAccept } from '../files/file-fields.ts';

export function normaliseField(objectApiName: string, field: FieldDef): NormalisedField {
  // Evolution directives steer one diff; they are not part of the stored model.
  const { renamedFrom: _renamedFrom, backfill: _backfill, ...stored } = field;
  // An external id is unique among live records: the flag brings the unique index with it.
  const common = { ...stored, required: field.required ?? false, unique: field.unique ?? field.externalId === true };
  switch (common.type) {
    case 'text':
    case 'textarea':
    case 'email':
    case 'phone':
    case 'url':
    case 'richtext':
      return { ...common, maxLength: common.maxLength ?? DEFAULT_MAX_LENGTH[common.type] };
    case 'number':
    case 'currency':
    case 'percent':
      return {
        ...common,
        precision: common.precision ?? DEFAULT_PRECISION,
        scale: common.scale ?? DEFAULT_SCALE[common.type],
      };
    case 'picklist':
    case 'multipicklist':
      return { ...common, values: normalisePicklistValues(common.values) };
    case 'lookup':
      return {
        ...common,
        onDelete: common.onDelete ?? (common.required ? 'restrict' : 'setNull'),
        constraintName: foreignKeyName(objectApiName, common.apiName),
      };
    case 'user':
      return { ...common, constraintName: foreignKeyName(objectApiName, common.apiName) };
    case 'autonumber':
      return {
        ...common,
        startAt: common.startAt ?? DEFAULT_AUTONUMBER_START,
        sequenceName: sequenceName(objectApiName, common.apiName),
      };
    case 'manytomany':
      return { ...common, required: false, unique: false, junctionTable: junctionTableName(objectApiName, common.apiName) };
    case 'file':
    case 'image':
      return {
        ...common,
        unique: false,
        multiple: common.multiple ?? false,
        maxSizeMb: common.maxSizeMb ?? DEFAULT_FILE_MAX_SIZE_MB,
        accept: normaliseAccept(common.type, common.accept),
      };
    case 'polylookup':
    case 'boolean':
    case 'date':
    case 'datetime':
    case 'time':
    case 'geolocation':
      return common;
    case 'formula':
      return { ...common, scale: common.scale ?? DEFAULT_FORMULA_SCALE };
    case 'rollup':
      // sum/min/max take the summarised field's type; resolveRollupResults fills it in once the
      // child object is known (validateDocument). Until then: numeric(18, 0) for the counts, (18, 2) otherwise.
      return {
        ...common,
        result: { type: 'number', precision: DEFAULT_PRECISION, scale: common.function === 'count' || common.function === 'count_distinct' ? 0 : 2 },
      };
  }
}

/** Order defaults to the position; the sort is stable, so equal orders keep their position. */
function normalisePicklistValues(values: PicklistValue[]): NormalisedPicklistValue[] {
  return values
    .map(({ renamedFrom: _renamedFrom, ...value }, position) => ({
      ...value,
      order: value.order ?? position,
      default: value.default ?? false,
      inactive: value.inactive ?? false,
    }))
    .sort((a, b) => a.order - b.order);
}
