// TSR205 picklist defaults (one default for a picklist, at most maxSelected for a
// multipicklist, never an inactive value), TSR214 duplicate value api names and TSR233 a picklist
// without an active value (no record could hold a value: its schema's enum would be empty, which
// ajv refuses to compile, so every record write failed).
import { type ProblemDetail, problem } from '../error-codes.ts';
import { joinPointer } from './json-pointer.ts';
import type { ObjectUnderCheck } from './object-under-check.ts';

export function checkPicklists(objects: readonly ObjectUnderCheck[]): ProblemDetail[] {
  const problems: ProblemDetail[] = [];
  for (const { def, path } of objects) {
    def.fields.forEach((field, fieldIndex) => {
      if (field.type !== 'picklist' && field.type !== 'multipicklist') return;
      const name = `${def.apiName}.${field.apiName}`;
      const valuesPath = joinPointer(path, 'fields', fieldIndex, 'values');
      if (!field.values.some((value) => value.inactive !== true)) {
        problems.push(problem(valuesPath, 'TSR233', `${name} needs at least one active value: with none, no record could be saved (remove the field instead)`));
      }
      const seen = new Set<string>();
      const defaults: number[] = [];
      field.values.forEach((value, valueIndex) => {
        if (seen.has(value.apiName)) {
          problems.push(problem(joinPointer(valuesPath, valueIndex, 'apiName'), 'TSR214', `${name} lists the value '${value.apiName}' more than once`));
        }
        seen.add(value.apiName);
        if (value.default !== true) return;
        defaults.push(valueIndex);
        if (value.inactive === true) {
          problems.push(
            problem(joinPointer(valuesPath, valueIndex, 'default'), 'TSR205', `${name}: the inactive value '${value.apiName}' cannot be the default`),
          );
        }
      });
      const allowed = field.type === 'picklist' ? 1 : (field.maxSelected ?? Number.POSITIVE_INFINITY);
      if (defaults.length > allowed) {
        const what = field.type === 'picklist' ? 'one default value' : `${allowed} default values (maxSelected)`;
        problems.push(
          problem(
            joinPointer(valuesPath, defaults[allowed] ?? 0, 'default'),
            'TSR205',
            `${name} has ${defaults.length} default values; at most ${what} allowed`,
          ),
        );
      }
    });
  }
  return problems;
}
