// TSR210 limits that contradict each other: min > max, minLength > maxLength, scale > precision,
// precision > 38. Compares against the normalised field, so defaults (maxLength 255) count.
import { type ProblemDetail, problem } from '../error-codes.ts';
import { MAX_PRECISION } from '../normalise/field-defaults.ts';
import { joinPointer } from './json-pointer.ts';
import type { ObjectUnderCheck } from './object-under-check.ts';

export function checkFieldLimits(objects: readonly ObjectUnderCheck[]): ProblemDetail[] {
  const problems: ProblemDetail[] = [];
  for (const { def, normalised, path } of objects) {
    normalised.fields.forEach((field, index) => {
      const name = `${def.apiName}.${field.apiName}`;
      const at = (property: string) => joinPointer(path, 'fields', index, property);
      const add = (property: string, message: string) => problems.push(problem(at(property), 'TSR210', `${name}: ${message}`));
      if ('minLength' in field && field.minLength !== undefined && field.minLength > field.maxLength) {
        add('minLength', `minLength ${field.minLength} is greater than maxLength ${field.maxLength}`);
      }
      if (!('precision' in field)) return;
      if (field.precision > MAX_PRECISION) add('precision', `precision ${field.precision} is more than ${MAX_PRECISION} digits`);
      if (field.scale > field.precision) add('scale', `scale ${field.scale} is greater than precision ${field.precision}`);
      if (field.min !== undefined && field.max !== undefined && field.min > field.max) {
        add('min', `min ${field.min} is greater than max ${field.max}`);
      }
    });
  }
  return problems;
}
