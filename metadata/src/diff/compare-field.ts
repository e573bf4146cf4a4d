// Live field vs incoming field → metadata-only changes, or one refusal (TSR209) per change that
// would need DDL or data checks we do not support yet.
import { type ProblemDetail, problem } from '../error-codes.ts';
import type { NormalisedField, NormalisedPicklistValue } from '../normalised-types.ts';
import { isDeepStrictEqual } from './is-deep-equal.ts';

/** Field properties that live only in the revision: changing them touches no DDL. */
const METADATA_ONLY = new Set(['labels', 'description', 'helpText', 'currencyCode']);

export interface FieldComparison {
  changes: string[];
  refusals: ProblemDetail[];
}

export function compareField(object: string, live: NormalisedField, next: NormalisedField, path: string): FieldComparison {
  const name = `${object}.${next.apiName}`;
  if (live.type !== next.type) {
    return {
      changes: [],
      refusals: [problem(`${path}/type`, 'TSR209', `changing the type of ${name} from ${live.type} to ${next.type} is not supported yet`)],
    };
  }
  const changes: string[] = [];
  const refusals: ProblemDetail[] = [];
  const before = live as unknown as Record<string, unknown>;
  const after = next as unknown as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  for (const key of keys) {
    if (isDeepStrictEqual(before[key], after[key])) continue;
    if (METADATA_ONLY.has(key)) changes.push(key);
    else if (key === 'values') {
      const valueChanges = comparePicklistValues(before.values as NormalisedPicklistValue[], after.values as NormalisedPicklistValue[]);
      if (valueChanges) changes.push(...valueChanges);
      else refusals.push(problem(`${path}/values`, 'TSR209', `changing the picklist values of ${name} is not supported yet`));
    } else {
      refusals.push(
        problem(`${path}/${key}`, 'TSR209', `changing ${key} of ${name} from ${show(before[key])} to ${show(after[key])} is not supported yet`),
      );
    }
  }
  return { changes, refusals };
}

/** Same values in the same order with only labels changed → `values/<apiName>/labels` paths; else undefined. */
function comparePicklistValues(live: NormalisedPicklistValue[], next: NormalisedPicklistValue[]): string[] | undefined {
  if (live.length !== next.length) return undefined;
  const changes: string[] = [];
  for (const [index, value] of next.entries()) {
    const before = live[index];
    if (!before) return undefined;
    const { labels: _a, ...restBefore } = before;
    const { labels: _b, ...restAfter } = value;
    if (!isDeepStrictEqual(restBefore, restAfter)) return undefined;
    if (!isDeepStrictEqual(before.labels, value.labels)) changes.push(`values/${value.apiName}/labels`);
  }
  return changes;
}

const show = (value: unknown): string => (value === undefined ? 'unset' : JSON.stringify(value));
