// TSR202 duplicate api names, TSR203 reserved api names, TSR211 unknown name field.
import { type ProblemDetail, problem } from '../error-codes.ts';
import { STANDARD_FIELDS } from '../types.ts';
import { joinPointer } from './json-pointer.ts';
import type { ObjectUnderCheck } from './object-under-check.ts';

const STANDARD = new Set<string>(STANDARD_FIELDS);

export function checkNames(objects: readonly ObjectUnderCheck[]): ProblemDetail[] {
  const problems: ProblemDetail[] = [];
  const firstObject = new Map<string, ObjectUnderCheck>();
  for (const object of objects) {
    const name = object.def.apiName;
    const apiNamePath = joinPointer(object.path, 'apiName');
    const earlier = firstObject.get(name);
    if (earlier) {
      problems.push(problem(apiNamePath, 'TSR202', `object '${name}' is defined more than once in the document (first at ${earlier.path})`));
    } else firstObject.set(name, object);
    if (name.startsWith('pg_')) {
      problems.push(problem(apiNamePath, 'TSR203', `object api name '${name}' is reserved: names starting with pg_ belong to PostgreSQL`));
    }
    problems.push(...checkFieldNames(object));
  }
  return problems;
}

function checkFieldNames({ def, path }: ObjectUnderCheck): ProblemDetail[] {
  const problems: ProblemDetail[] = [];
  const firstIndex = new Map<string, number>();
  def.fields.forEach((field, index) => {
    const fieldPath = joinPointer(path, 'fields', index, 'apiName');
    const earlier = firstIndex.get(field.apiName);
    if (earlier !== undefined) {
      problems.push(problem(fieldPath, 'TSR202', `field '${def.apiName}.${field.apiName}' is defined more than once (first at fields/${earlier})`));
    } else firstIndex.set(field.apiName, index);
    if (STANDARD.has(field.apiName)) {
      problems.push(
        problem(fieldPath, 'TSR203', `field api name '${def.apiName}.${field.apiName}' is reserved for a standard field (${STANDARD_FIELDS.join(', ')})`),
      );
    }
  });
  if (def.nameField !== undefined && !firstIndex.has(def.nameField)) {
    problems.push(problem(joinPointer(path, 'nameField'), 'TSR211', `name field '${def.nameField}' is not a field of '${def.apiName}'`));
  }
  return problems;
}
