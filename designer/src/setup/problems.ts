// Problems (JSON pointer + message) → the controls that own them. The same mapping serves the
// metamodel's validation run in the browser as the admin types and a refused plan's problem+json,
// so either shows on the control that caused it. A control claims a pointer and everything under
// it (`/fields/2/expression` claims `/fields/2/expression/+/0/var`); a key ending in `$` claims
// only that exact pointer (`/labels$`: "labels needs at least one of en, zh").
import { type MetadataSnapshot, type NormalisedObject, problemMessageZh, validateDocument } from '@tessera/metadata';
import type { Language } from '../i18n/language.ts';
import type { ApiError } from '../api/index.ts';

export interface PathProblem {
  path: string;
  message: string;
}

/**
 * The metamodel's verdict on the would-be document, exactly as the server's first check gives it,
 * in the admin's language (the same Chinese the server answers a zh request with).
 */
export function validateDraft(document: unknown, liveObjects: readonly NormalisedObject[], language: Language): PathProblem[] {
  const result = validateDocument(document, { objects: liveObjects } as MetadataSnapshot);
  if (result.ok) return [];
  return result.errors.map((error) => ({ path: error.path, message: language === 'zh' ? problemMessageZh(error) : error.message }));
}

export function problemsOf(error: ApiError | undefined): PathProblem[] {
  return (error?.problem.errors ?? []).map(({ path, message }) => ({ path, message }));
}

function claims(key: string, path: string): boolean {
  if (key.endsWith('$')) return path === key.slice(0, -1);
  return path === key || path.startsWith(`${key}/`);
}

export class ProblemMap {
  constructor(
    private readonly problems: readonly PathProblem[],
    private readonly keys: readonly string[],
  ) {}

  /** Messages for the control owning `key` (and its alternates). */
  at(...keys: string[]): string[] {
    return this.problems.filter((problem) => keys.some((key) => claims(key, problem.path))).map((problem) => problem.message);
  }

  /** Problems no control claims: shown above the form so none is ever hidden. */
  unclaimed(): PathProblem[] {
    return this.problems.filter((problem) => !this.keys.some((key) => claims(key, problem.path)));
  }

  get size(): number {
    return this.problems.length;
  }
}
