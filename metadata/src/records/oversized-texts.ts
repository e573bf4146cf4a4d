// NormalisedObject → a check that finds the record's strings longer than their field's maxLength
// before ajv runs. ajv (allErrors) would still run a field's pattern or format on a value whose
// length already failed, and a pattern on 78 KB took seconds; the validator reports these values
// as too long and leaves them out of the ajv pass.
import { type ProblemDetail, problem } from '../error-codes.ts';
import type { NormalisedObject } from '../normalised-types.ts';
import { escapePointerSegment } from '../validate/json-pointer.ts';

export interface OversizedTexts {
  problems: ProblemDetail[];
  /** Field names whose values were too long. */
  names: Set<string>;
}

export function compileOversizedTexts(object: NormalisedObject): (record: Record<string, unknown>) => OversizedTexts | undefined {
  const limits: Array<[string, number]> = [];
  for (const field of object.fields) {
    if ('maxLength' in field && typeof field.maxLength === 'number') limits.push([field.apiName, field.maxLength]);
  }
  return (record) => {
    let found: OversizedTexts | undefined;
    for (const [name, limit] of limits) {
      const value = record[name];
      if (typeof value !== 'string' || !longerThan(value, limit)) continue;
      found ??= { problems: [], names: new Set() };
      found.names.add(name);
      found.problems.push(problem(`/${escapePointerSegment(name)}`, 'TSR403', `${object.apiName}.${name} must be at most ${limit} characters long`));
    }
    return found;
  };
}

/** Length in code points, as JSON Schema's maxLength counts, without walking a string that is far too long. */
function longerThan(value: string, limit: number): boolean {
  if (value.length <= limit) return false;
  // Each code point takes one or two UTF-16 units.
  if (value.length > 2 * limit) return true;
  let points = 0;
  for (const _ of value) if (++points > limit) return true;
  return false;
}
