// A record body + the record type it will have → the picklist values that record type does not
// offer (TSR405, naming the record type). Runs in the record validator after the JSON Schema
// check, so a value is first a value of the picklist, then one its record type offers.
import { type ProblemDetail, problem } from '../error-codes.ts';
import type { NormalisedObject } from '../normalised-types.ts';
import { escapePointerSegment } from '../validate/json-pointer.ts';
import type { NormalisedRecordType } from './layout-types.ts';
import { defaultRecordType, findRecordType, offeredValues } from './record-types.ts';

export function recordTypeValueProblems(object: NormalisedObject, recordType: NormalisedRecordType, record: Record<string, unknown>): ProblemDetail[] {
  const problems: ProblemDetail[] = [];
  for (const field of object.fields) {
    if ((field.type !== 'picklist' && field.type !== 'multipicklist') || !(field.apiName in recordType.picklistValues)) continue;
    const value = record[field.apiName];
    if (value === null || value === undefined) continue;
    const offered = offeredValues(field, recordType);
    const values = Array.isArray(value) ? value : [value];
    values.forEach((item, index) => {
      if (typeof item !== 'string' || offered.includes(item)) return;
      const path = `/${escapePointerSegment(field.apiName)}${Array.isArray(value) ? `/${index}` : ''}`;
      problems.push({
        ...problem(
          path,
          'TSR405',
          `'${item}' is not offered by record type '${recordType.apiName}' of ${object.apiName}; ${object.apiName}.${field.apiName} allows ${offered.join(', ')}`,
        ),
        allowed: [...offered],
      });
    });
  }
  return problems;
}

/**
 * The record type a body is checked against: the one it names, else (create) the default.
 * undefined: nothing to check (no record types, an unknown name the schema reports, or a patch
 * that does not name one; the record service then checks against the stored record type).
 */
export function recordTypeOfBody(object: NormalisedObject, record: Record<string, unknown>, mode: 'create' | 'patch'): NormalisedRecordType | undefined {
  if (!object.recordTypes) return undefined;
  const named = record.record_type;
  if (typeof named === 'string') return findRecordType(object, named);
  return mode === 'create' ? defaultRecordType(object) : undefined;
}
