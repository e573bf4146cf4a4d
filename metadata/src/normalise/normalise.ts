// ObjectDef → NormalisedObject. Assumes schema-valid input; semantic checks run on the result.
import type { NormalisedIndex, NormalisedObject } from '../normalised-types.ts';
import type { IndexDef, ObjectDef } from '../types.ts';
import { normaliseLayouts } from '../layouts/normalise-layouts.ts';
import { normalisePipelines } from '../pipelines/normalise-pipelines.ts';
import { normaliseApprovalFlows } from '../approvals/normalise-approval-flows.ts';
import { normaliseDuplicateRule, normaliseValidationRule } from '../rules/normalise-rules.ts';
import { normaliseField } from './normalise-field.ts';
import { indexName } from './storage-name.ts';

export function normalise(object: ObjectDef): NormalisedObject {
  const fields = object.fields.map((field) => normaliseField(object.apiName, field));
  return {
    apiName: object.apiName,
    labels: object.labels,
    pluralLabels: object.pluralLabels ?? object.labels,
    ...(object.description === undefined ? {} : { description: object.description }),
    nameField: object.nameField ?? defaultNameField(object),
    fields,
    indexes: (object.indexes ?? []).map((index) => normaliseIndex(object.apiName, index)),
    ...normaliseLayouts(object),
    ...normalisePipelines(object),
    ...normaliseApprovalFlows(object),
    // Present only when declared, so objects without rules keep their stored snapshots unchanged.
    ...(object.validationRules?.length ? { validationRules: object.validationRules.map(normaliseValidationRule) } : {}),
    ...(object.duplicateRules?.length ? { duplicateRules: object.duplicateRules.map(normaliseDuplicateRule) } : {}),
    ...(object.timeline ? { timeline: true as const } : {}),
    ...(object.timeline && object.timelineAt !== undefined ? { timelineAt: object.timelineAt } : {}),
  };
}

export function normaliseIndex(objectApiName: string, index: IndexDef): NormalisedIndex {
  const columns = index.fields.map((spec) => (spec.startsWith('-') ? { field: spec.slice(1), descending: true } : { field: spec, descending: false }));
  const unique = index.unique ?? false;
  return {
    name: indexName(
      objectApiName,
      columns.map((column) => column.field),
      unique,
    ),
    columns,
    unique,
  };
}

function defaultNameField(object: ObjectDef): string | null {
  if (object.fields.some((field) => field.apiName === 'name')) return 'name';
  return object.fields.find((field) => field.type === 'text')?.apiName ?? null;
}
