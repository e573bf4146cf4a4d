// Bounds a rule's size before compiling it, so a hostile filter stays cheap: at most
// MAX_RULE_DEPTH nested operations, MAX_RULE_NODES JSON values in all, and MAX_TEXT_SEARCHES
// substring searches. A substring search reads every row's text (no index serves it), so a
// 60-way `or` of them over 100,000 rows held a connection for 38 s; the statement timeout ends
// such a query, this refuses it before it starts.
import { problem, type ProblemDetail } from './metadata.ts';

export const MAX_RULE_DEPTH = 32;
export const MAX_RULE_NODES = 500;
export const MAX_TEXT_SEARCHES = 16;

const TEXT_SEARCH_OPERATORS = new Set(['icontains', 'starts_with', 'ends_with']);

/** `in` with a literal list is a membership test (indexable); with anything else a substring search. */
function isTextSearch(operator: string, args: unknown): boolean {
  if (TEXT_SEARCH_OPERATORS.has(operator)) return true;
  return operator === 'in' && !(Array.isArray(args) && Array.isArray(args[1]));
}

export function checkLimits(rule: unknown): ProblemDetail | undefined {
  let nodes = 0;
  let searches = 0;
  // Iterative walk: a deeply nested rule must not exhaust the stack before we refuse it.
  const stack: Array<{ value: unknown; depth: number }> = [{ value: rule, depth: 0 }];
  while (stack.length) {
    const { value, depth } = stack.pop() as { value: unknown; depth: number };
    nodes += 1;
    if (nodes > MAX_RULE_NODES) return problem('', 'TSR103', `filter is too large: more than ${MAX_RULE_NODES} values`);
    if (Array.isArray(value)) {
      for (const item of value) stack.push({ value: item, depth });
    } else if (typeof value === 'object' && value !== null) {
      if (depth + 1 > MAX_RULE_DEPTH) return problem('', 'TSR103', `filter is nested too deeply: more than ${MAX_RULE_DEPTH} levels`);
      for (const [operator, args] of Object.entries(value)) {
        if (isTextSearch(operator, args) && ++searches > MAX_TEXT_SEARCHES) {
          return problem(
            '',
            'TSR117',
            `filter has more than ${MAX_TEXT_SEARCHES} text searches (in, icontains, starts_with, ends_with on text); each reads every row, so narrow it with an indexed condition or search fewer terms`,
          );
        }
        stack.push({ value: args, depth: depth + 1 });
      }
    }
  }
  return undefined;
}
