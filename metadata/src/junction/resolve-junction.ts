// A many-to-many field with `junction` → the junction object's two lookups (source: to the field's
// object, target: to the field's target), or the problems that make it unusable. Pure; shared by
// the diff (refusals, the pair's unique index) and the runtime catalog (link SQL on the junction's
// table), so both read the same two columns.
import { type ProblemDetail, type Result, fail, ok, problem } from '../error-codes.ts';
import type { NormalisedField, NormalisedManyToManyField, NormalisedObject } from '../normalised-types.ts';
import { storageName } from '../normalise/storage-name.ts';

export interface JunctionEnds {
  /** The junction object's api name (its table). */
  object: string;
  /** Its lookup to the many-to-many field's object. */
  source: string;
  /** Its lookup to the field's target. */
  target: string;
}

/** The unique index on (source, target) among live junction records. */
export const junctionIndexName = (object: string, field: string): string => storageName('ux_junction', object, field);

type Lookup = Extract<NormalisedField, { type: 'lookup' }>;

/**
 * @param owner the api name of the object holding the field
 * @param path JSON pointer of the field, for problems
 */
export function resolveJunction(
  owner: string,
  field: NormalisedManyToManyField,
  objectNamed: (name: string) => NormalisedObject | undefined,
  path: string,
): Result<JunctionEnds> {
  const name = `${owner}.${field.apiName}`;
  const junction = field.junction;
  if (junction === undefined) return fail([problem(`${path}/junction`, 'TSR251', `${name} has no junction object`)]);
  const definition = objectNamed(junction);
  if (!definition) return fail([problem(`${path}/junction`, 'TSR251', `the junction object '${junction}' of ${name} does not exist`)]);
  if (junction === owner || junction === field.target) {
    return fail([problem(`${path}/junction`, 'TSR252', `the junction object of ${name} must be a third object, not '${junction}' itself`)]);
  }
  const lookups = definition.fields.filter((candidate): candidate is Lookup => candidate.type === 'lookup');
  const problems: ProblemDetail[] = [];
  const pick = (end: 'source' | 'target', object: string, exclude?: string): string | undefined => {
    const named = field.junctionFields?.[end];
    const at = field.junctionFields ? `${path}/junctionFields/${end}` : `${path}/junction`;
    const candidates = lookups.filter((lookup) => lookup.target === object && lookup.apiName !== exclude);
    const chosen = named === undefined ? candidates : candidates.filter((lookup) => lookup.apiName === named);
    if (chosen.length === 0) {
      const what = named === undefined ? `a lookup to ${object}` : `a lookup '${named}' to ${object}`;
      problems.push(problem(at, 'TSR252', `the junction object ${junction} of ${name} has no ${what}`));
      return undefined;
    }
    if (chosen.length > 1) {
      const names = chosen.map((lookup) => lookup.apiName).join(', ');
      problems.push(
        problem(at, 'TSR252', `the junction object ${junction} of ${name} has several lookups to ${object} (${names}); name them in junctionFields`),
      );
      return undefined;
    }
    const lookup = chosen[0] as Lookup;
    if (!lookup.required) {
      problems.push(problem(at, 'TSR252', `the lookup ${junction}.${lookup.apiName} of the junction of ${name} must be required`));
    }
    return lookup.apiName;
  };
  const source = pick('source', owner);
  // A self-link (contact ↔ contact) needs two different lookups.
  const target = pick('target', field.target, source);
  if (problems.length > 0 || source === undefined || target === undefined) return fail(problems);
  return ok({ object: junction, source, target });
}
