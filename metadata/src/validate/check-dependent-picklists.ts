// TSR235 dependent picklists: `controllingField` and `dependentValues` come together; the
// controller is another picklist or boolean field of the same object, controllers never form a
// cycle, every key is a value of the controller ("true"/"false" for a boolean) and every allowed
// value a value of the dependent field. Removing or renaming a controlling value therefore
// refuses until the map follows (the admin decides what the records of that value may hold).
import { type ProblemDetail, problem } from '../error-codes.ts';
import type { NormalisedField } from '../normalised-types.ts';
import { joinPointer } from './json-pointer.ts';
import type { ObjectUnderCheck } from './object-under-check.ts';

export function checkDependentPicklists(objects: readonly ObjectUnderCheck[]): ProblemDetail[] {
  const problems: ProblemDetail[] = [];
  for (const { def, normalised, path } of objects) {
    const byName = new Map(normalised.fields.map((field) => [field.apiName, field]));
    for (const [index, field] of normalised.fields.entries()) {
      const fieldPath = joinPointer(path, 'fields', index);
      for (const [suffix, message] of dependencyProblems(field, byName)) {
        problems.push(problem(joinPointer(fieldPath, ...suffix), 'TSR235', `${def.apiName}.${field.apiName}: ${message}`));
      }
    }
  }
  return problems;
}

type Found = [suffix: (string | number)[], message: string];

/** One field's dependency problems: where (relative to the field) and what. */
function dependencyProblems(field: NormalisedField, byName: ReadonlyMap<string, NormalisedField>): Found[] {
  if (field.type !== 'picklist' && field.type !== 'multipicklist') return [];
  const { controllingField, dependentValues } = field;
  if (controllingField === undefined && dependentValues === undefined) return [];
  if (controllingField === undefined) return [[['dependentValues'], 'dependentValues needs a controllingField']];
  if (dependentValues === undefined) return [[['controllingField'], 'a controllingField needs dependentValues (controlling value → allowed values)']];
  if (controllingField === field.apiName) return [[['controllingField'], 'a picklist cannot control itself']];
  const controller = byName.get(controllingField);
  if (!controller) return [[['controllingField'], `the object has no field '${controllingField}'`]];
  if (controller.type !== 'picklist' && controller.type !== 'boolean') {
    return [[['controllingField'], `the controlling field ${controllingField} is a ${controller.type}; it must be a picklist or a boolean`]];
  }
  const cycle = controllerCycle(field, byName);
  if (cycle) return [[['controllingField'], `controlling fields form a cycle: ${cycle.join(' → ')}`]];
  const keys = controller.type === 'boolean' ? ['true', 'false'] : controller.values.map((value) => value.apiName);
  const values = new Set(field.values.map((value) => value.apiName));
  const found: Found[] = [];
  for (const [key, allowed] of Object.entries(dependentValues)) {
    if (!keys.includes(key)) {
      found.push([['dependentValues', key], `'${key}' is not a value of the controlling field ${controllingField}; expected one of ${keys.join(', ')}`]);
      continue;
    }
    for (const [valueIndex, value] of allowed.entries()) {
      if (!values.has(value)) found.push([['dependentValues', key, valueIndex], `'${value}' is not a value of ${field.apiName}`]);
    }
  }
  return found;
}

/** The controlling chain from `field` back to itself, if it loops (A → B → A). */
function controllerCycle(field: NormalisedField, byName: ReadonlyMap<string, NormalisedField>): string[] | undefined {
  const chain = [field.apiName];
  let current: NormalisedField | undefined = field;
  while (current && 'controllingField' in current && typeof current.controllingField === 'string') {
    const next = current.controllingField;
    if (next === field.apiName) return [...chain, next];
    if (chain.includes(next)) return undefined; // a loop further up: reported on its own fields
    chain.push(next);
    current = byName.get(next);
  }
  return undefined;
}
