// Object + requested record type / layout → the record type that applies and the sections to
// render. An object without layouts gets one section with every field in definition order.
import { type ProblemDetail, type Result, fail, ok, problem } from '../error-codes.ts';
import type { NormalisedLayoutSection, NormalisedRecordType } from '../layouts/layout-types.ts';
import { defaultRecordType, findRecordType } from '../layouts/record-types.ts';
import type { NormalisedObject } from '../normalised-types.ts';

export interface ResolvedLayout {
  recordType: NormalisedRecordType | undefined;
  layout: string | null;
  labels?: NormalisedObject['labels'];
  sections: NormalisedLayoutSection[];
}

export function resolveLayout(object: NormalisedObject, options: { recordType?: string; layout?: string; mode: 'create' | 'edit' }): Result<ResolvedLayout> {
  const problems: ProblemDetail[] = [];
  let recordType = defaultRecordType(object);
  if (options.recordType !== undefined) {
    recordType = findRecordType(object, options.recordType);
    const known = object.recordTypes?.map((candidate) => candidate.apiName) ?? [];
    if (!recordType) {
      const expected = known.length > 0 ? `one of ${known.join(', ')}` : 'none: the object has no record types';
      problems.push(problem('recordType', 'TSR414', `'${options.recordType}' is not a record type of ${object.apiName}; expected ${expected}`));
    } else if (!recordType.active && options.mode === 'create') {
      problems.push(problem('recordType', 'TSR414', `record type '${recordType.apiName}' of ${object.apiName} is inactive: new records cannot use it`));
    }
  }
  const layoutName = options.layout ?? recordType?.layout ?? object.layouts?.[0]?.apiName;
  const layout = layoutName === undefined ? undefined : object.layouts?.find((candidate) => candidate.apiName === layoutName);
  if (layoutName !== undefined && !layout) problems.push(problem('layout', 'TSR102', `'${layoutName}' is not a layout of ${object.apiName}`));
  if (problems.length > 0) return fail(problems);
  if (!layout) {
    const fields = object.fields.map((field) => ({ field: field.apiName, readOnly: false, required: false }));
    return ok({ recordType, layout: null, sections: fields.length > 0 ? [{ columns: 1, fields }] : [] });
  }
  return ok({ recordType, layout: layout.apiName, sections: layout.sections });
}
