// unknown input + live snapshot → every schema and semantic error at once, or the normalised
// objects of the document. Paths are JSON pointers into the input (`/objects/0/fields/3/precision`).
import type { ValidateFunction } from 'ajv';
import { createAjv } from '../ajv/create-ajv.ts';
import { type ProblemDetail, type Result, fail, ok } from '../error-codes.ts';
import type { MetadataSnapshot, NormalisedObject } from '../normalised-types.ts';
import { normalise } from '../normalise/normalise.ts';
import { DOCUMENT_SCHEMA } from '../schemas/object-schema.ts';
import type { ObjectDef } from '../types.ts';
import { checkDefaults } from './check-defaults.ts';
import { checkDocumentDepth } from './check-document-depth.ts';
import { checkExternalIds } from './check-external-ids.ts';
import { checkFieldLimits } from './check-field-limits.ts';
import { checkIndexes } from './check-indexes.ts';
import { checkLayouts } from '../layouts/check-layouts.ts';
import { checkPipelines } from '../pipelines/check-pipelines.ts';
import { checkApprovalFlows } from '../approvals/check-approval-flows.ts';
import { checkLookups } from './check-lookups.ts';
import { checkNames } from './check-names.ts';
import { checkPicklists } from './check-picklists.ts';
import { checkDependentPicklists } from './check-dependent-picklists.ts';
import { checkAutonumberFormats } from './check-autonumber-formats.ts';
import { checkRules } from './check-rules.ts';
import { checkTimelineAt } from './check-timeline-at.ts';
import { documentObjectPaths } from './document-object-paths.ts';
import { mapSchemaErrors } from './map-schema-errors.ts';
import type { ObjectUnderCheck } from './object-under-check.ts';

let documentValidator: ValidateFunction | undefined;
const getDocumentValidator = (): ValidateFunction => {
  documentValidator ??= createAjv().compile(DOCUMENT_SCHEMA);
  return documentValidator;
};

export function validateDocument(input: unknown, live: MetadataSnapshot): Result<NormalisedObject[]> {
  const tooDeep = checkDocumentDepth(input);
  if (tooDeep.length > 0) return fail(tooDeep);
  const validate = getDocumentValidator();
  if (!validate(input)) return fail(mapSchemaErrors(validate.errors ?? [], input));
  const defs: ObjectDef[] = 'objects' in (input as object) ? (input as { objects: ObjectDef[] }).objects : [input as ObjectDef];
  const paths = documentObjectPaths(input);
  const objects: ObjectUnderCheck[] = defs.map((def, index) => ({
    path: paths[index] ?? '',
    def,
    normalised: normalise(def),
  }));
  const problems: ProblemDetail[] = [
    ...checkNames(objects),
    ...checkLookups(objects, live),
    ...checkPicklists(objects),
    ...checkDependentPicklists(objects),
    ...checkAutonumberFormats(objects),
    ...checkFieldLimits(objects),
    ...checkExternalIds(objects),
    ...checkDefaults(objects),
    ...checkIndexes(objects),
    ...checkLayouts(objects),
    ...checkRules(objects, live),
    ...checkPipelines(objects),
    ...checkApprovalFlows(objects),
    ...checkTimelineAt(objects),
  ];
  return problems.length > 0 ? fail(problems) : ok(objects.map((object) => object.normalised));
}
