// TSR208 indexes name existing, indexable columns; TSR215 no index twice (same columns in the
// same order, whatever the direction or uniqueness: their derived names would collide).
import { type ProblemDetail, problem } from '../error-codes.ts';
import { STANDARD_FIELDS } from '../types.ts';
import { joinPointer } from './json-pointer.ts';
import type { ObjectUnderCheck } from './object-under-check.ts';

export function checkIndexes(objects: readonly ObjectUnderCheck[]): ProblemDetail[] {
  const problems: ProblemDetail[] = [];
  for (const { def, normalised, path } of objects) {
    const fieldTypes = new Map<string, string>(def.fields.map((field) => [field.apiName, field.type]));
    for (const standard of STANDARD_FIELDS) fieldTypes.set(standard, 'standard');
    const seen = new Map<string, number>();
    normalised.indexes.forEach((index, indexPosition) => {
      const indexPath = joinPointer(path, 'indexes', indexPosition);
      const columnsSeen = new Set<string>();
      index.columns.forEach(({ field }, columnPosition) => {
        const columnPath = joinPointer(indexPath, 'fields', columnPosition);
        const type = fieldTypes.get(field);
        if (type === undefined) {
          problems.push(problem(columnPath, 'TSR208', `index on ${def.apiName} names unknown field '${field}'`));
        } else if (type === 'multipicklist') {
          problems.push(problem(columnPath, 'TSR208', `index on ${def.apiName} cannot include the multipicklist field '${field}'`));
        }
        if (columnsSeen.has(field)) {
          problems.push(problem(columnPath, 'TSR215', `index on ${def.apiName} lists the field '${field}' more than once`));
        }
        columnsSeen.add(field);
      });
      const key = index.columns.map((column) => column.field).join(',');
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        problems.push(problem(indexPath, 'TSR215', `index on ${def.apiName} (${key}) duplicates indexes/${earlier}`));
      } else seen.set(key, indexPosition);
    });
  }
  return problems;
}
