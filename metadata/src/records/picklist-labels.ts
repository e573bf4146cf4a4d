// A record body → the same body with picklist labels written as api names. People (and imported
// spreadsheets) write "Closed Won" or "赢单" where the API stores `closed_won`; a value that is not
// an api name but equals exactly one value's label (zh exactly, en ignoring case) is that value.
// Api names always win, so a label can never shadow one. A label shared by several values is
// refused (TSR405, naming the candidates) rather than guessed. Pure: runs before the validator,
// which then checks the api names (active, offered by the record type) as if they had been sent.
import { type ProblemDetail, problem } from '../error-codes.ts';
import type { NormalisedObject, NormalisedPicklistValue } from '../normalised-types.ts';
import { escapePointerSegment } from '../validate/json-pointer.ts';

export interface ResolvedLabels {
  body: unknown;
  /** Ambiguous labels, one per offending path. */
  problems: ProblemDetail[];
}

/** The values whose en (case-insensitive) or zh label is exactly `text`. */
export function valuesLabelled(values: readonly NormalisedPicklistValue[], text: string): NormalisedPicklistValue[] {
  const lower = text.toLowerCase();
  return values.filter((value) => value.labels.zh === text || (value.labels.en !== undefined && value.labels.en.toLowerCase() === lower));
}

type Resolution = { value: string } | { candidates: string[] };

function resolveOne(values: readonly NormalisedPicklistValue[], item: string): Resolution {
  if (values.some((value) => value.apiName === item)) return { value: item };
  const matches = valuesLabelled(values, item);
  // Prefer active values: an inactive one sharing a label with an active one is no rival.
  const active = matches.filter((value) => !value.inactive);
  const chosen = active.length > 0 ? active : matches;
  if (chosen.length === 1) return { value: (chosen[0] as NormalisedPicklistValue).apiName };
  if (chosen.length === 0) return { value: item };
  return { candidates: chosen.map((value) => value.apiName) };
}

export function resolvePicklistLabels(object: NormalisedObject, body: unknown): ResolvedLabels {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { body, problems: [] };
  const record = body as Record<string, unknown>;
  const problems: ProblemDetail[] = [];
  let changed: Record<string, unknown> | undefined;
  for (const field of object.fields) {
    if (field.type !== 'picklist' && field.type !== 'multipicklist') continue;
    const raw = record[field.apiName];
    const items = field.type === 'picklist' ? [raw] : Array.isArray(raw) ? raw : [];
    if (!items.some((item) => typeof item === 'string')) continue;
    const resolved = items.map((item, index) => {
      if (typeof item !== 'string') return item;
      const answer = resolveOne(field.values, item);
      if ('value' in answer) return answer.value;
      const path = `/${escapePointerSegment(field.apiName)}${field.type === 'multipicklist' ? `/${index}` : ''}`;
      problems.push({
        ...problem(
          path,
          'TSR405',
          `'${item}' is the label of several values of ${object.apiName}.${field.apiName} (${answer.candidates.join(', ')}); write the api name`,
        ),
        allowed: answer.candidates,
      });
      return item;
    });
    if (resolved.every((item, index) => item === items[index])) continue;
    changed ??= { ...record };
    changed[field.apiName] = field.type === 'picklist' ? resolved[0] : resolved;
  }
  return { body: changed ?? record, problems };
}
