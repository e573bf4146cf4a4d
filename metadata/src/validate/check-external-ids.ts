// TSR234: an external id field must be unique (it implies `unique`, so only an explicit
// `unique: false` contradicts it). The type restriction is the schema's (field-schemas.ts).
import { type ProblemDetail, problem } from '../error-codes.ts';
import { joinPointer } from './json-pointer.ts';
import type { ObjectUnderCheck } from './object-under-check.ts';

export function checkExternalIds(objects: readonly ObjectUnderCheck[]): ProblemDetail[] {
  const problems: ProblemDetail[] = [];
  for (const { def, path } of objects) {
    def.fields.forEach((field, index) => {
      if (field.externalId === true && field.unique === false) {
        problems.push(
          problem(
            joinPointer(path, 'fields', index, 'unique'),
            'TSR234',
            `${def.apiName}.${field.apiName} is an external id, so it is unique among live records; remove "unique": false`,
          ),
        );
      }
    });
  }
  return problems;
}
