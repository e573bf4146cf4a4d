// unknown input → TSR201 at the first value nested deeper than MAX_DOCUMENT_DEPTH, before any
// recursive stage (ajv, rule analysis, normalisation, hashing) sees it: a validation rule nested
// 2,000 levels overflowed the rule analyser's stack (a 500). The walk itself uses an explicit stack.
import { type ProblemDetail, problem } from '../error-codes.ts';
import { joinPointer } from './json-pointer.ts';

/** Objects and arrays counted together: `{ "!": [rule] }` is two levels, so rules get ~100 operators deep. */
export const MAX_DOCUMENT_DEPTH = 200;

/** One problem per value at the limit (its deeper contents are not read further). */
export function checkDocumentDepth(input: unknown): ProblemDetail[] {
  const problems: ProblemDetail[] = [];
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value: input, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop() as { value: unknown; path: string; depth: number };
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_DOCUMENT_DEPTH) {
      problems.push(
        problem(
          path,
          'TSR201',
          `nested more than ${MAX_DOCUMENT_DEPTH} levels deep (objects and lists); write the rule flatter, e.g. one 'and' with many terms`,
        ),
      );
      continue;
    }
    for (const [key, inner] of Object.entries(value)) stack.push({ value: inner, path: joinPointer(path, key), depth: depth + 1 });
  }
  return problems;
}
