// NormalisedObject → the ObjectDef that normalises back to it: derived storage names dropped,
// indexes written as field lists. Used to turn a stored revision into an applicable document.
import type { NormalisedField, NormalisedObject } from '../normalised-types.ts';
import type { NormalisedPipeline, PipelineDef } from '../pipelines/pipeline-types.ts';
import type { FieldDef, ObjectDef } from '../types.ts';

export function toObjectDef(object: NormalisedObject): ObjectDef {
  return {
    apiName: object.apiName,
    labels: object.labels,
    pluralLabels: object.pluralLabels,
    ...(object.description === undefined ? {} : { description: object.description }),
    ...(object.nameField === null ? {} : { nameField: object.nameField }),
    fields: object.fields.map(toFieldDef),
    indexes: object.indexes.map((index) => ({
      fields: index.columns.map((column) => (column.descending ? `-${column.field}` : column.field)),
      ...(index.unique ? { unique: true } : {}),
    })),
    ...(object.layouts ? { layouts: object.layouts } : {}),
    ...(object.pipelines ? { pipelines: object.pipelines.map(toPipelineDef) } : {}),
    ...(object.recordTypes
      ? { recordTypes: object.recordTypes.map(({ layout, ...recordType }) => ({ ...recordType, ...(layout === null ? {} : { layout }) })) }
      : {}),
    ...(object.timeline ? { timeline: true } : {}),
    ...(object.timelineAt === undefined ? {} : { timelineAt: object.timelineAt }),
  };
}

export function toFieldDef(field: NormalisedField): FieldDef {
  if (field.type === 'lookup' || field.type === 'user') {
    const { constraintName: _constraint, ...def } = field;
    return def;
  }
  if (field.type === 'autonumber') {
    const { sequenceName: _sequence, ...def } = field;
    return def;
  }
  if (field.type === 'manytomany') {
    const { required: _required, unique: _unique, junctionTable: _table, ...def } = field;
    return def;
  }
  if (field.type === 'formula' || field.type === 'rollup') {
    // Normalisation fills required/unique (false) and a roll-up's result type; the schema refuses
    // them on computed fields, so a definition that carried them back would not validate.
    const { required: _required, unique: _unique, result: _result, ...def } = field as typeof field & { result?: unknown };
    return def as FieldDef;
  }
  return field;
}

/** A normalised pipeline as a definition: null-valued optional settings left out (they normalise back to null). */
export function toPipelineDef(pipeline: NormalisedPipeline): PipelineDef {
  const { amountField, closeDateField, probabilityField, reasonField, recordTypes, stages, ...rest } = pipeline;
  return {
    ...rest,
    stages: stages.map(({ timeLimit, approvalFlow, ...stage }) => ({
      ...stage,
      ...(timeLimit ? { timeLimit: { hours: timeLimit.hours, ...(timeLimit.reassign ? { reassign: timeLimit.reassign } : {}) } } : {}),
      ...(approvalFlow ? { approvalFlow } : {}),
    })),
    ...(amountField ? { amountField } : {}),
    ...(closeDateField ? { closeDateField } : {}),
    ...(probabilityField ? { probabilityField } : {}),
    ...(reasonField ? { reasonField } : {}),
    ...(recordTypes.length > 0 ? { recordTypes } : {}),
  };
}
