// Dependent picklists at write time: a record (as it will be stored) → the dependent values its
// controlling fields do not allow (TSR415, at the dependent field's path, listing what is
// allowed). The write pipeline runs it on the record as written, so defaults, patches that change
// only the controller and every bulk or import path are checked alike; forms use the same rules.
import { type ProblemDetail, problem } from '../error-codes.ts';
import type { NormalisedField, NormalisedObject } from '../normalised-types.ts';
import { escapePointerSegment } from '../validate/json-pointer.ts';

export type DependentField = Extract<NormalisedField, { type: 'picklist' | 'multipicklist' }> & {
  controllingField: string;
  dependentValues: Record<string, string[]>;
};

export function isDependentField(field: NormalisedField): field is DependentField {
  return (field.type === 'picklist' || field.type === 'multipicklist') && typeof field.controllingField === 'string' && field.dependentValues !== undefined;
}

/** The key a controlling value has in `dependentValues`: a picklist value, `"true"`/`"false"`; undefined for null. */
export function controllingKey(value: unknown): string | undefined {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return typeof value === 'string' ? value : undefined;
}

/** The values of a dependent field allowed with this controlling value (none for a null or unmapped one). */
export function allowedDependentValues(field: DependentField, controllingValue: unknown): string[] {
  const key = controllingKey(controllingValue);
  if (key === undefined || !Object.hasOwn(field.dependentValues, key)) return [];
  return field.dependentValues[key] ?? [];
}

/** Every dependent field of the object whose value its controller's value does not allow. */
export function dependentValueProblems(object: NormalisedObject, record: Readonly<Record<string, unknown>>): ProblemDetail[] {
  const problems: ProblemDetail[] = [];
  for (const field of object.fields) {
    if (!isDependentField(field)) continue;
    const value = record[field.apiName];
    if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    const controller = record[field.controllingField];
    const allowed = allowedDependentValues(field, controller);
    const values = Array.isArray(value) ? value : [value];
    const name = `${object.apiName}.${field.apiName}`;
    values.forEach((item, index) => {
      if (typeof item !== 'string' || allowed.includes(item)) return;
      const path = `/${escapePointerSegment(field.apiName)}${Array.isArray(value) ? `/${index}` : ''}`;
      const key = controllingKey(controller);
      const message =
        key === undefined
          ? `${name} must be empty while ${object.apiName}.${field.controllingField} is empty (it controls which values are allowed)`
          : `'${item}' is not allowed for ${name} when ${object.apiName}.${field.controllingField} is '${key}'; allowed: ${allowed.length > 0 ? allowed.join(', ') : 'none (leave it empty)'}`;
      problems.push({ ...problem(path, 'TSR415', message), allowed: [...allowed] });
    });
  }
  return problems;
}
